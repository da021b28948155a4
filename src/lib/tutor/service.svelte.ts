import type { LlmRuntime } from '$lib/ai/llm/runtime.svelte';
import type { CefrLevel } from '$lib/companion/languages';
import type { Companion } from '$lib/companion/schema';
import type { Repos } from '$lib/db';
import { isAbortError, reportError } from '$lib/errors';
import { correctionPrompt } from './llm/correction-prompt';
import { readLlmCorrections } from './llm/llm-corrections';
import { mergeLayers, type WordLookup } from './merge';
import { correctionMode } from './modes';
import type { ScenarioPlay } from './play';
import type { CheckResult, InputMode } from './types';

/** The deterministic layer, in its worker (lib/tutor/check). */
export interface TutorChecker {
	check(
		text: string,
		options: { mode: InputMode; language: string; explainIn: string }
	): Promise<CheckResult>;
	lookup: WordLookup;
	/** Languages it has rules and a dictionary for. */
	supports(language: string): boolean;
	/** Loads a language's dictionary ahead of the first check. */
	preload(language: string): Promise<unknown>;
}

/** The level estimator (lib/tutor/level), loaded on first use. */
export interface LevelEstimator {
	estimate(text: string, language: string): { level: CefrLevel; score: number; words: number };
}

export interface TutorDeps {
	repos: Pick<Repos, 'corrections' | 'levelSamples'>;
	/** The scenarios being played (goals tick as the learner speaks; judged after replies). */
	play?: Pick<ScenarioPlay, 'heard' | 'judge'>;
	llm: Pick<LlmRuntime, 'generate'>;
	checker: TutorChecker;
	levels: () => Promise<LevelEstimator>;
}

/** What the person said, as the chat saved it. */
export interface Heard {
	id: string;
	conversationId: string;
	content: string;
	via?: 'text' | 'voice' | 'peer';
	/** Voice turns: how long the person spoke. */
	spokenMs?: number;
}

/** Whether an error is the network being unreachable (offline before the dictionary was kept). */
function unreachable(error: unknown): boolean {
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return true;
	const text = `${error instanceof Error ? error.message : String(error)} ${
		error instanceof Error && error.cause instanceof Error ? error.cause.message : ''
	}`;
	return /Failed to fetch|NetworkError|ERR_INTERNET_DISCONNECTED/i.test(text);
}

/** Messages longer than this are not checked (a pasted article is not a learner's sentence). */
export const CHECK_MAX_CHARS = 2000;
/** The LLM pass's answer: a corrected message and a few changes. */
const CORRECTION_TOKENS = 400;

/**
 * The tutor beside a conversation: checks what the person says at once (the deterministic layer,
 * in a worker, never on the way to the reply), rates the level of both sides, and runs the LLM's
 * correction pass in the background after each reply — on a loaded, idle model only; a new reply
 * stops it and it tries again after that one. Never throws into the conversation.
 */
export class TutorService {
	/** Time from a message to its stored correction record, per message (the figures). */
	lastCheckMs = $state<number | null>(null);
	// Bookkeeping, not state: nothing renders it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#draining = new Map<string, Promise<void>>();

	constructor(private readonly deps: TutorDeps) {}

	/**
	 * A conversation with a tutor opened: the dictionary loads while the person writes or
	 * speaks, so the first message's card does not wait for it.
	 */
	prepare(companion: Companion): void {
		const language = companion.languages[0];
		if (!correctionMode(companion.tutor).cards || !this.deps.checker.supports(language)) return;
		this.deps.checker.preload(language).catch((error: unknown) => {
			if (unreachable(error)) return this.#noteOffline();
			reportError(error, { context: 'loading the spelling dictionary', silent: true });
		});
	}

	/** The person's message was saved: check it and rate its level. */
	async heard(companion: Companion, message: Heard): Promise<void> {
		if (!companion.tutor.enabled) return;
		const language = companion.languages[0];
		const started = performance.now();
		const text = message.content.trim();
		try {
			const mode: InputMode = message.via === 'voice' ? 'spoken' : 'typed';
			const corrections = correctionMode(companion.tutor);
			const checking =
				corrections.cards && text.length <= CHECK_MAX_CHARS && this.deps.checker.supports(language)
					? this.deps.checker.check(text, { mode, language, explainIn: companion.tutor.explainIn })
					: null;
			// The card waits for nothing but the check: the level and the goals come alongside.
			const beside = Promise.all([
				this.#sample(companion, 'learner', message, text),
				this.deps.play?.heard(message.conversationId, message.id, text)
			]);
			beside.catch(() => undefined); // reported below, once awaited
			const result = await checking;
			if (result) {
				await this.deps.repos.corrections.put({
					messageId: message.id,
					conversationId: message.conversationId,
					companionId: companion.id,
					language,
					mode,
					text,
					corrected: result.corrected,
					edits: result.edits,
					flags: result.flags,
					llm: 'pending'
				});
				this.lastCheckMs = performance.now() - started;
			}
			await beside;
		} catch (error) {
			if (unreachable(error)) return this.#noteOffline();
			reportError(error, { context: 'checking what you said', silent: true });
		}
	}

	/** A reply was saved: rate its level, then run the LLM pass over what is pending. */
	replied(companion: Companion, reply: Heard): void {
		if (!companion.tutor.enabled) return;
		this.#sample(companion, 'companion', reply, reply.content).catch((error: unknown) =>
			reportError(error, { context: 'rating the reply', silent: true })
		);
		// One background generation at a time: the corrections first, then the scenario's goals.
		this.drain(companion, reply.conversationId)
			.then(() => this.deps.play?.judge(companion, reply.conversationId))
			.catch((error: unknown) =>
				reportError(error, { context: 'correcting in the background', silent: true })
			);
	}

	/** Runs the LLM pass over a conversation's pending records, one at a time (one per call). */
	drain(companion: Companion, conversationId: string): Promise<void> {
		const running = this.#draining.get(conversationId);
		if (running) return running;
		const work = this.#drain(companion, conversationId).finally(() =>
			this.#draining.delete(conversationId)
		);
		this.#draining.set(conversationId, work);
		return work;
	}

	async #drain(companion: Companion, conversationId: string): Promise<void> {
		const { corrections } = this.deps.repos;
		for (const record of await corrections.pending(conversationId)) {
			const outcome = await this.#llmPass(companion, record);
			if (outcome === 'busy') return; // the next reply tries again
		}
	}

	async #llmPass(
		companion: Companion,
		record: Awaited<ReturnType<TutorDeps['repos']['corrections']['pending']>>[number]
	): Promise<'done' | 'busy'> {
		const { corrections } = this.deps.repos;
		const { explainIn } = companion.tutor;
		const prompt = correctionPrompt({
			text: record.text,
			mode: record.mode,
			language: record.language,
			explainIn
		});
		// A malformed answer is asked once more, then the pass is skipped: never shown raw.
		for (let attempt = 0; attempt < 2; attempt++) {
			let answer: string;
			try {
				const reply = await this.deps.llm.generate(prompt, {
					background: true,
					maxTokens: CORRECTION_TOKENS,
					temperature: 0
				});
				answer = reply.text;
			} catch (error) {
				if (isAbortError(error)) return 'busy';
				throw error;
			}
			const read = readLlmCorrections(answer, record.text, explainIn);
			if (!read.ok) {
				console.info(`Tutor: the correction pass's answer was unusable (${read.reason})`);
				continue;
			}
			const merged = await mergeLayers({
				text: record.text,
				mode: record.mode,
				rules: {
					text: record.text,
					corrected: record.corrected,
					edits: record.edits.filter((edit) => edit.layer === 'rules'),
					flags: record.flags
				},
				llm: read.value.edits,
				lookup: this.deps.checker.lookup
			});
			await corrections.update(record.messageId, {
				corrected: merged.corrected,
				edits: merged.edits,
				flags: merged.flags,
				llm: 'done'
			});
			return 'done';
		}
		await corrections.update(record.messageId, { llm: 'skipped' });
		return 'done';
	}

	#offlineNoted = false;

	/**
	 * The dictionary comes from the app's own site the first time a tutor conversation opens, and
	 * is kept for offline use from then on; offline before that, messages go unchecked (the reply
	 * and everything else work). Said once, not as an error.
	 */
	#noteOffline(): void {
		if (this.#offlineNoted) return;
		this.#offlineNoted = true;
		console.info(
			'Tutor: the spelling dictionary is not on this device yet (it downloads the first time a tutor chat opens online); messages are not checked until then.'
		);
	}

	async #sample(
		companion: Companion,
		role: 'learner' | 'companion',
		message: Heard,
		text: string
	): Promise<void> {
		if (!text) return;
		const language = companion.languages[0];
		const estimator = await this.deps.levels();
		const { level, score, words } = estimator.estimate(text, language);
		if (words === 0) return;
		await this.deps.repos.levelSamples.add({
			messageId: message.id,
			conversationId: message.conversationId,
			companionId: companion.id,
			language,
			role,
			level,
			score,
			words,
			...(role === 'learner' && message.spokenMs ? { spokenMs: message.spokenMs } : {})
		});
	}
}
