// hunspell-asm's emscripten build of Hunspell. Its own loader is not used: its ES build calls
// namespace imports of CommonJS modules (nanoid 2) as functions, which breaks in today's bundlers,
// and it gives up after 3 s on a slow device. The package's "browser" field maps this Node
// runtime to its browser runtime in the app's bundle; both inline their WebAssembly.
import createRuntime from 'hunspell-asm/dist/cjs/lib/node/hunspell.js';

/** A spelling dictionary: Hunspell here, any other behind the same two calls. */
export interface Speller {
	spell(word: string): boolean;
	suggest(word: string): string[];
}

/** The bytes of a Hunspell dictionary: its affix rules and its word list. */
export interface HunspellFiles {
	aff: Uint8Array;
	dic: Uint8Array;
}

type Cwrapped = (...args: number[]) => number;

/** The parts of the emscripten module Hunspell's C API is called through. */
interface Runtime {
	cwrap(name: string, returns: string | null, args: string[]): Cwrapped;
	FS: {
		mkdir(path: string): void;
		writeFile(path: string, data: Uint8Array, options: { encoding: 'binary' }): void;
	};
	allocateUTF8(text: string): number;
	_malloc(bytes: number): number;
	_free(pointer: number): void;
	getValue(pointer: number, type: '*'): number;
	UTF8ToString(pointer: number): string;
}

let runtime: Promise<{ rt: Runtime }> | null = null;

/**
 * Starts the WebAssembly runtime. The module object is a thenable (emscripten adds `then`), so it
 * is handed over in a wrapper: resolving a promise with it would adopt it, over and over.
 */
function startRuntime(): Promise<{ rt: Runtime }> {
	return new Promise((resolve, reject) => {
		const module: Record<string, unknown> = {
			onRuntimeInitialized: () => resolve({ rt: module as unknown as Runtime }),
			onAbort: (reason: unknown) =>
				reject(new Error(`Hunspell could not start: ${String(reason)}`)),
			print: () => undefined,
			printErr: () => undefined
		};
		createRuntime(module);
	});
}

let mounted = 0;

/** Loads a Hunspell dictionary. Results are cached: a conversation repeats its words. */
export async function createHunspell({ aff, dic }: HunspellFiles, name: string): Promise<Speller> {
	runtime ??= startRuntime();
	const { rt } = await runtime.catch((error: unknown) => {
		runtime = null;
		throw error;
	});
	const dir = `/dictionary-${name}-${++mounted}`;
	rt.FS.mkdir(dir);
	rt.FS.writeFile(`${dir}/index.aff`, aff, { encoding: 'binary' });
	rt.FS.writeFile(`${dir}/index.dic`, dic, { encoding: 'binary' });
	const api = {
		create: rt.cwrap('Hunspell_create', 'number', ['number', 'number']),
		spell: rt.cwrap('Hunspell_spell', 'number', ['number', 'number']),
		suggest: rt.cwrap('Hunspell_suggest', 'number', ['number', 'number', 'number']),
		freeList: rt.cwrap('Hunspell_free_list', null, ['number', 'number', 'number'])
	};
	const affPath = rt.allocateUTF8(`${dir}/index.aff`);
	const dicPath = rt.allocateUTF8(`${dir}/index.dic`);
	const handle = api.create(affPath, dicPath);

	/** Calls Hunspell with `word` as a C string, freed afterwards. */
	const withWord = <T>(word: string, call: (pointer: number) => T): T => {
		const pointer = rt.allocateUTF8(word.normalize());
		try {
			return call(pointer);
		} finally {
			rt._free(pointer);
		}
	};
	const known = new Map<string, boolean>();
	return {
		spell(word) {
			let ok = known.get(word);
			if (ok === undefined) {
				ok = withWord(word, (pointer) => api.spell(handle, pointer) !== 0);
				if (known.size > 50_000) known.clear();
				known.set(word, ok);
			}
			return ok;
		},
		suggest(word) {
			const list = rt._malloc(4);
			try {
				const count = withWord(word, (pointer) => api.suggest(handle, list, pointer));
				const items = rt.getValue(list, '*');
				const out = Array.from({ length: count }, (_, i) =>
					rt.UTF8ToString(rt.getValue(items + i * 4, '*'))
				);
				api.freeList(handle, list, count);
				return out;
			} finally {
				rt._free(list);
			}
		}
	};
}
