// hunspell-asm's emscripten runtime (see speller.ts): a factory that fills in the module object
// it is given and calls its `onRuntimeInitialized` when the WebAssembly is ready.
declare module 'hunspell-asm/dist/cjs/lib/node/hunspell.js' {
	const createRuntime: (module: Record<string, unknown>) => unknown;
	export default createRuntime;
}
