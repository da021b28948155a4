import type { RpcMethod } from '$lib/workers/protocol';
import type { CheckResult, InputMode } from '../types';
import type { ExplanationLanguage } from './finding';

export interface CheckRequest {
	text: string;
	mode: InputMode;
	/** The target language's code: 'de'. */
	language: string;
	/** Language of the explanations; default English. */
	explain?: ExplanationLanguage;
}

/**
 * The tutor's check worker: the deterministic correction layer (Hunspell and the rules) off the
 * page's thread. The dictionary loads once per language, on the first `load` or `check`.
 */
export type CheckProtocol = {
	load: RpcMethod<{ language: string }, { language: string; loadMs: number }>;
	check: RpcMethod<CheckRequest, CheckResult & { ms: number }>;
	/** Whether the language's dictionary knows each word (for vetting the LLM's corrections). */
	spell: RpcMethod<{ words: string[]; language: string }, { known: boolean[] }>;
};
