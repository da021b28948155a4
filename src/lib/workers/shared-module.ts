import { compileModule, type CompileReply } from './compile';
import compileWorkerUrl from './compile.worker.ts?worker&url';
import { serializeError, type ModuleReply, type ModuleRequest } from './protocol';

/**
 * WebAssembly compiled once per page and shared by its workers. onnxruntime's 14-27 MB module
 * took 18-22 s of V8 compile on two cores, and every model worker compiled it again (five at the
 * end of a call). A compiled `WebAssembly.Module` can be posted to the page's workers, which then
 * only instantiate it (milliseconds). Even one compile on the page froze it for over a second
 * (V8 finishes a compile, and writes its code cache, on the thread that asked for it), so a
 * short-lived worker compiles it and posts it to the page.
 */

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Page side: the module at `url`, compiled on first use; a failed compile is tried again next time. */
export function compileOnce(url: string): Promise<WebAssembly.Module> {
	let module = compiled.get(url);
	if (!module) {
		module = compile(url);
		compiled.set(url, module);
		module.catch(() => compiled.delete(url));
	}
	return module;
}

/** Page side: whether this page has compiled (or is compiling) the module at `url`. */
export function compiledHere(url: string): boolean {
	return compiled.has(url);
}

/** The compile worker's file, which the offline cache keeps with the runtime. */
export const compileWorkerFile = () => new URL(compileWorkerUrl, document.baseURI).href;

function compile(url: string): Promise<WebAssembly.Module> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(compileWorkerUrl, { type: 'module', name: 'wasm-compile' });
		worker.addEventListener('message', ({ data }: MessageEvent<CompileReply>) => {
			worker.terminate();
			if (data.module) resolve(data.module);
			else reject(new Error(data.error ?? `Could not compile ${url}`));
		});
		worker.addEventListener('error', (event) => {
			// The worker's own file did not load (offline before it was cached): compile here.
			event.preventDefault();
			worker.terminate();
			compileModule(url).then(resolve, reject);
		});
		worker.postMessage({ url });
	});
}

/**
 * Page side: answers a worker's module request (see `pageModule`). Only the page's own origin
 * is compiled for a worker.
 */
export function answerModuleRequest(worker: Worker, { url }: ModuleRequest): void {
	const reply = (message: ModuleReply) => worker.postMessage(message);
	if (new URL(url, location.href).origin !== location.origin) {
		reply({ kind: 'module', url, error: serializeError(new Error(`Not this app's file: ${url}`)) });
		return;
	}
	compileOnce(url).then(
		(module) => reply({ kind: 'module', url, module }),
		(error: unknown) => reply({ kind: 'module', url, error: serializeError(error) })
	);
}

/** The worker global, typed narrowly: the app's tsconfig has the DOM lib, not the worker lib. */
interface WorkerScope {
	postMessage(message: ModuleRequest): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
	removeEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const isModuleReply = (data: unknown, url: string): data is ModuleReply =>
	typeof data === 'object' &&
	data !== null &&
	(data as ModuleReply).kind === 'module' &&
	(data as ModuleReply).url === url;

/** A page that does not answer (a worker not started through RpcClient) is not waited on forever. */
const PAGE_ANSWER_MS = 120_000;

/**
 * Worker side: the page's compiled module for `url`, or undefined where there is no page to ask
 * (Node, tests), the page could not compile it or did not answer; the caller then compiles it
 * itself. RpcClient answers for the page.
 */
export function pageModule(url: string): Promise<WebAssembly.Module | undefined> {
	const scope = globalThis as unknown as Partial<WorkerScope>;
	const inWorker =
		typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined' &&
		typeof scope.postMessage === 'function';
	if (!inWorker) return Promise.resolve(undefined);
	const worker = scope as WorkerScope;
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			worker.removeEventListener('message', onMessage);
			console.warn(`[kompanion] the page did not send ${url}; compiling it here.`);
			resolve(undefined);
		}, PAGE_ANSWER_MS);
		const onMessage = (event: MessageEvent<unknown>) => {
			if (!isModuleReply(event.data, url)) return;
			clearTimeout(timer);
			worker.removeEventListener('message', onMessage);
			const { module, error } = event.data;
			if (error) console.warn(`[kompanion] the page could not compile ${url}:`, error.message);
			resolve(module);
		};
		worker.addEventListener('message', onMessage);
		worker.postMessage({ kind: 'module', url });
	});
}
