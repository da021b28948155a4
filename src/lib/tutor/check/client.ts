import { workerFailure } from '$lib/ai/errors';
import { keepForOffline } from '$lib/pwa/offline';
import { RpcClient } from '$lib/workers/client';
import type { CheckResult, InputMode } from '../types';
import type { CheckProtocol } from './check.protocol';
import type { ExplanationLanguage } from './finding';
import checkWorkerUrl from './check.worker.ts?worker&url';
import { CHECK_FILE_URLS } from './files.browser';

export interface CheckTextOptions {
	mode: InputMode;
	/** The target language's code; only 'de' so far. */
	language: string;
	explain?: ExplanationLanguage;
	signal?: AbortSignal;
}

/**
 * The page's side of the deterministic correction layer. The worker (and with it the dictionary)
 * starts on the first call, once; checks never run on the page's thread. If the worker dies the
 * pending checks fail with a clear error and the next call starts a fresh one.
 */
export class CheckClient {
	readonly #rpc: RpcClient<CheckProtocol>;
	readonly #loaded = new Set<string>();

	constructor(
		createWorker: () => Worker = () =>
			new Worker(checkWorkerUrl, { type: 'module', name: 'tutor-check' }),
		private readonly offlineFiles: (language: string) => readonly string[] = (language) => [
			new URL(checkWorkerUrl, document.baseURI).href,
			...(CHECK_FILE_URLS[language] ?? []).map((url) => new URL(url, document.baseURI).href)
		]
	) {
		this.#rpc = new RpcClient<CheckProtocol>(createWorker, (cause) =>
			workerFailure('correction checker', cause)
		);
		this.#rpc.onCrash(() => this.#loaded.clear());
	}

	/** Loads a language's dictionary ahead of the first check (e.g. when a tutor chat opens). */
	async preload(language: string): Promise<number> {
		const { loadMs } = await this.#rpc.call('load', { language });
		this.#remember(language);
		return loadMs;
	}

	/** The deterministic corrections for one message or caption. */
	async checkText(
		text: string,
		{ mode, language, explain, signal }: CheckTextOptions
	): Promise<CheckResult> {
		const reply = await this.#rpc.call('check', { text, mode, language, explain }, { signal });
		this.#remember(language);
		return { text: reply.text, corrected: reply.corrected, edits: reply.edits, flags: reply.flags };
	}

	/**
	 * Whether the language's dictionary knows each word, e.g. to drop an LLM "correction" that
	 * introduces a misspelling. Words are looked up as written (a capitalised lower-case word
	 * counts as known, as at the start of a sentence).
	 */
	async spellWords(words: readonly string[], language: string): Promise<boolean[]> {
		const { known } = await this.#rpc.call('spell', { words: [...words], language });
		this.#remember(language);
		return known;
	}

	terminate(): void {
		this.#rpc.terminate();
		this.#loaded.clear();
	}

	#remember(language: string) {
		if (this.#loaded.has(language)) return;
		this.#loaded.add(language);
		void keepForOffline(this.offlineFiles(language));
	}
}

let shared: CheckClient | undefined;

/** The app's one check worker. */
export function checkClient(): CheckClient {
	shared ??= new CheckClient();
	return shared;
}

/** Checks a learner's text with the deterministic layer, in the shared worker. */
export function checkText(text: string, options: CheckTextOptions): Promise<CheckResult> {
	return checkClient().checkText(text, options);
}
