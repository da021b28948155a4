import { AiError } from '$lib/ai/errors';
import type { ChatTurn } from '$lib/ai/llm/engine';
import type { Reply, RuntimeGenerateOptions } from '$lib/ai/llm/runtime.svelte';
import type { Companion } from '$lib/companion/schema';
import type { ConversationKind, Message, MessageMetrics, Repos } from '$lib/db';
import { isAbortError, reportError, toAppError, type AppError } from '$lib/errors';
import { NOTHING_RECALLED, type RecallInput, type Recalled } from '$lib/memory/recall';
import type { ReplyDrafts } from './reply-drafts';
import { ReplySaver, type PageVisibility } from './reply-saver';
import {
	buildChatPrompt,
	memoryBudget,
	REPLY_TOKENS,
	summarizeOlderTurns,
	CHAT_SECTIONS,
	type ChatPrompt,
	type PromptSection
} from '$lib/prompt';

export interface ChatDeps {
	repos: Pick<Repos, 'messages' | 'conversations' | 'profile'>;
	generate: (messages: readonly ChatTurn[], options: RuntimeGenerateOptions) => Promise<Reply>;
	/** The loaded model's context window (tokens). */
	contextWindow: () => number;
	/** Long-term memories for the next reply (never throws; nothing when memory is off). */
	recall?: (input: RecallInput) => Promise<Recalled>;
	/** Told when a reply was saved (memory formation waits for the conversation to go quiet). */
	onReplied?: (conversationId: string) => void;
	/** Told when the person left the conversation (memory formation reads it now). */
	onClosed?: (conversationId: string) => void;
	/** The page's visibility: a streaming reply is saved as the page is hidden or goes away. */
	visibility?: PageVisibility;
	/** Where a hidden page keeps what it showed of a streaming reply, synchronously. */
	drafts?: ReplyDrafts;
	/** Follows the conversation beside it (the tutor): never on the way to a reply. */
	observer?: ConversationObserver;
	/**
	 * A spoken turn that needs no model (the tutor's vocabulary review by voice): the answer, or
	 * null to let the model answer.
	 */
	answerLocally?: (text: string) => Promise<string | null>;
}

/** A message as an observer of the conversation sees it, once it is saved. */
export interface ObservedTurn {
	id: string;
	conversationId: string;
	content: string;
	via?: Message['via'];
	/** Voice turns: how long the person spoke. */
	spokenMs?: number;
}

/**
 * Something beside the conversation (the tutor) that hears what the person says, sees each
 * finished reply and may add sections to the system prompt (an active role-play). Its work runs
 * after the writes it follows and never delays a reply.
 */
export interface ConversationObserver {
	heard(turn: ObservedTurn): void;
	replied(turn: ObservedTurn): void;
	sections?(conversationId: string): Promise<readonly PromptSection[]>;
}

const nextFrame = (callback: () => void): number =>
	typeof requestAnimationFrame === 'function'
		? requestAnimationFrame(callback)
		: Number(setTimeout(callback, 16));
const cancelFrame = (id: number) =>
	typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame(id) : clearTimeout(id);

export interface SendOptions {
	via?: Message['via'];
	/** Every new piece of the reply as it streams (a call speaks sentences from it). */
	onToken?: (delta: string) => void;
	/** Voice turns: how long the person spoke. */
	spokenMs?: number;
	/**
	 * A tentative send (a call's preemptive reply, begun while the person pauses): the reply is
	 * generated at once (tokens still reach `onToken`), but nothing is saved, shown or told to the
	 * observer until `hold` resolves true; false stops it and leaves no trace.
	 */
	hold?: Promise<boolean>;
}

const discarded = () => new DOMException('The tentative reply was discarded.', 'AbortError');

interface Prompt {
	fitted: ChatPrompt;
	/** The stored turns the prompt drew on, oldest first (for the running summary). */
	recent: Message[];
	recalled: Recalled;
}

export interface Streaming {
	messageId: string;
	text: string;
}

/** The last reply as the session finished it, shown until the database query catches up. */
export interface Settled {
	messageId: string;
	text: string;
	status: Message['status'];
}

interface ReplyOptions {
	started?: number;
	prompt?: Promise<Prompt>;
	after?: Promise<unknown>;
	onToken?: (delta: string) => void;
	hold?: Promise<boolean>;
}

/**
 * One conversation with a companion: sends what the person says, streams the reply into the UI
 * and the database, stops, retries and edits. The conversation is saved as it goes, so an error,
 * a crash or a reload never loses it.
 */
export class ChatSession {
	conversationId = $state<string | null>(null);
	streaming = $state.raw<Streaming | null>(null);
	settled = $state.raw<Settled | null>(null);
	error = $state.raw<AppError | null>(null);
	/** The id of the latest reply (streaming or finished). */
	lastReplyId: string | null = null;
	#controller: AbortController | null = null;
	#summarizing: Promise<void> | null = null;
	#creating: Promise<string> | null = null;

	constructor(
		private readonly companion: Companion,
		conversationId: string | null,
		private readonly deps: ChatDeps,
		private readonly kind: ConversationKind = 'chat'
	) {
		this.conversationId = conversationId;
	}

	get busy(): boolean {
		return this.streaming !== null;
	}

	/** Adds the person's message and streams the companion's answer. */
	async send(
		text: string,
		{ via = 'text', onToken, spokenMs, hold }: SendOptions = {}
	): Promise<void> {
		const content = text.trim();
		if (!content) return;
		if (this.busy) {
			// A reply just stopped (the person typed or spoke over it) ends in a moment: wait for it
			// rather than lose the new message. A reply still going means a second send: refused.
			if (!this.#controller?.signal.aborted || !this.#ending) return;
			await this.#ending;
			if (this.busy) return;
		}
		const sentAt = performance.now();
		// A local answer acts on what it hears (the review grades it): only once the send is sure.
		if (hold && via === 'voice' && this.deps.answerLocally) {
			if (!(await hold)) return;
			hold = undefined;
		}
		const local = via === 'voice' ? await this.deps.answerLocally?.(content) : null;
		if (local) return this.#answerLocally(content, local, { via, onToken });
		const conversationId = await this.#ensureConversation(content);
		// Read the history first and save the message alongside: the model starts without waiting
		// for the write (IndexedDB runs the read, begun first, before the write).
		const pending = { id: crypto.randomUUID(), content };
		const prompt = this.#prompt(conversationId, pending);
		const sure = hold
			? hold.then((go) => {
					if (!go) throw discarded();
				})
			: Promise.resolve();
		const saved = sure.then(() =>
			this.deps.repos.messages.add({
				id: pending.id,
				conversationId,
				role: 'user',
				content,
				status: 'complete',
				via
			})
		);
		const observer = this.deps.observer;
		if (observer)
			saved.then(
				() => observer.heard({ id: pending.id, conversationId, content, via, spokenMs }),
				() => undefined // the reply reports the failed write
			);
		await this.#reply(conversationId, { started: sentAt, prompt, after: saved, onToken, hold });
	}

	/** The reply being generated, settled (never rejected) once it has ended. */
	#ending: Promise<void> | null = null;

	/** Saves a turn answered without the model, and hands the answer on as one piece. */
	async #answerLocally(
		content: string,
		answer: string,
		{ via, onToken }: Pick<SendOptions, 'via' | 'onToken'>
	): Promise<void> {
		const conversationId = await this.#ensureConversation(content);
		const { messages } = this.deps.repos;
		await messages.add({ conversationId, role: 'user', content, status: 'complete', via });
		const reply = await messages.add({
			conversationId,
			role: 'assistant',
			content: answer,
			status: 'complete'
		});
		this.lastReplyId = reply.id;
		this.settled = { messageId: reply.id, text: answer, status: 'complete' };
		onToken?.(answer);
	}

	/**
	 * Makes sure the conversation exists (a call starts it before anyone speaks). Returns whether it
	 * is new, in which case the greeting was just added.
	 */
	async begin(title = ''): Promise<boolean> {
		if (this.conversationId) return false;
		await this.#ensureConversation(title);
		return true;
	}

	/** The person left the conversation (its view closed, the call ended). */
	close(): void {
		if (this.conversationId) this.deps.onClosed?.(this.conversationId);
	}

	/** Stops the reply being generated; what was said so far is kept, marked as interrupted. */
	stop(): void {
		this.#controller?.abort();
	}

	/** Generates the last reply again (after an error, a stop, or to get another answer). */
	async retry(): Promise<void> {
		const conversationId = this.conversationId;
		if (!conversationId || this.busy) return;
		const messages = await this.deps.repos.messages.listFor(conversationId);
		const last = messages.at(-1);
		if (last?.role === 'assistant' && messages.length > 1)
			await this.deps.repos.messages.truncateFrom(last.id);
		await this.#reply(conversationId);
	}

	/** Replaces one of the person's messages (and everything after it) and answers anew. */
	async editAndResend(messageId: string, text: string): Promise<void> {
		const content = text.trim();
		if (!content || this.busy || !this.conversationId) return;
		const conversationId = this.conversationId;
		await this.deps.repos.messages.truncateFrom(messageId);
		const added = await this.deps.repos.messages.add({
			conversationId,
			role: 'user',
			content,
			status: 'complete',
			via: 'text'
		});
		this.deps.observer?.heard({ id: added.id, conversationId, content, via: 'text' });
		await this.#reply(conversationId);
	}

	/** One conversation however many callers start it at once (a call and its role-play). */
	#ensureConversation(firstText: string): Promise<string> {
		if (this.conversationId) return Promise.resolve(this.conversationId);
		this.#creating ??= this.#createConversation(firstText).finally(() => (this.#creating = null));
		return this.#creating;
	}

	async #createConversation(firstText: string): Promise<string> {
		const { conversations, messages } = this.deps.repos;
		const conversation = await conversations.create(
			this.companion.id,
			this.kind,
			firstText.slice(0, 60)
		);
		if (this.companion.greeting) {
			await messages.add({
				conversationId: conversation.id,
				role: 'assistant',
				content: this.companion.greeting,
				status: 'complete'
			});
		}
		this.conversationId = conversation.id;
		return conversation.id;
	}

	/** The prompt for the next reply; `pending` is the person's message, maybe not yet stored. */
	async #prompt(
		conversationId: string,
		pending?: { id: string; content: string }
	): Promise<Prompt> {
		const contextWindow = this.deps.contextWindow();
		const remember = (text: string) =>
			this.deps.recall
				? this.deps.recall({
						companion: this.companion,
						conversationId,
						text,
						budgetTokens: memoryBudget(contextWindow)
					})
				: Promise.resolve(NOTHING_RECALLED);
		// On the way to the first token: memories are searched while the conversation is read.
		const [context, early, extra] = await Promise.all([
			this.deps.repos.conversations.forPrompt(conversationId),
			pending ? remember(pending.content) : null,
			this.deps.observer?.sections?.(conversationId) ?? []
		]);
		const { conversation, profile } = context;
		const recent = context.recent.filter(
			(m) => m.status !== 'error' && m.content && m.id !== pending?.id
		);
		const lastSaid = recent.findLast((m) => m.role === 'user')?.content ?? '';
		const recalled = early ?? (await remember(lastSaid));
		const fitted = buildChatPrompt({
			context: {
				companion: this.companion,
				profile,
				opening: context.opening?.role === 'assistant' ? context.opening.content : undefined,
				memories: recalled,
				summary: conversation.summary
			},
			history: [
				...recent.map(({ role, content }) => ({ role, content })),
				...(pending ? [{ role: 'user' as const, content: pending.content }] : [])
			],
			contextWindow,
			sections: extra.length ? [...CHAT_SECTIONS, ...extra] : CHAT_SECTIONS
		});
		return { fitted, recent, recalled };
	}

	/**
	 * Streams a reply. `started`: when the person sent (the time to first token they experience);
	 * `prompt`: the prompt, if already being built; `after`: a write the reply must follow;
	 * `hold`: a tentative reply (see `SendOptions.hold`), shown and saved only once it resolves true.
	 */
	#reply(conversationId: string, options: ReplyOptions = {}): Promise<void> {
		const running = this.#generate(conversationId, options);
		const ending = running.then(
			() => undefined,
			() => undefined
		);
		this.#ending = ending;
		void ending.then(() => {
			if (this.#ending === ending) this.#ending = null;
		});
		return running;
	}

	async #generate(
		conversationId: string,
		{
			started = performance.now(),
			prompt = this.#prompt(conversationId),
			after = Promise.resolve(),
			onToken,
			hold
		}: ReplyOptions
	): Promise<void> {
		const { repos } = this.deps;
		let sure = !hold;
		if (sure) this.error = null;
		// `after` is awaited below, through `saved`; a failure before then must not count as unhandled.
		after.catch(() => undefined);
		const { fitted, recent, recalled } = await prompt;
		// The reply is on screen at once and saved while the model starts on it: no storage on the
		// way to the first token, and never a stored placeholder that nobody streams into.
		const placeholder = { id: crypto.randomUUID() };
		this.lastReplyId = placeholder.id;
		const controller = new AbortController();
		this.#controller = controller;
		if (sure) this.streaming = { messageId: placeholder.id, text: '' };
		const saved = after.then(() =>
			repos.messages.add({
				id: placeholder.id,
				conversationId,
				role: 'assistant',
				content: '',
				status: 'streaming'
			})
		);
		let firstTokenAt: number | undefined;
		let text = '';
		// Tokens can arrive hundreds per second; the screen needs them once per frame.
		let frame: number | null = null;
		const publish = () => {
			frame = null;
			if (this.streaming?.messageId === placeholder.id)
				this.streaming = { messageId: placeholder.id, text };
		};
		// A tentative reply has no saver (nor drafts) until it is sure.
		let saver = null as ReplySaver | null;
		const startSaving = () =>
			(saver = new ReplySaver({
				messageId: placeholder.id,
				write: (content) => saved.then(() => repos.messages.update(placeholder.id, { content })),
				text: {
					shown: () => (this.streaming?.messageId === placeholder.id ? this.streaming.text : ''),
					all: () => text
				},
				visibility: this.deps.visibility,
				drafts: this.deps.drafts,
				startedAt: started
			}));
		if (sure) startSaving();
		void hold?.then((go) => {
			if (!go || controller.signal.aborted) return controller.abort(discarded());
			sure = true;
			this.error = null;
			this.streaming = { messageId: placeholder.id, text };
			startSaving().tick();
		});
		try {
			const replying = this.deps.generate(fitted.messages, {
				signal: controller.signal,
				maxTokens: REPLY_TOKENS,
				onToken: (delta) => {
					onToken?.(delta);
					firstTokenAt ??= performance.now();
					text += delta;
					frame ??= nextFrame(publish);
					saver?.tick();
				}
			});
			replying.catch(() => undefined); // the model can fail before the placeholder is saved
			await saved;
			const reply = await replying;
			saver?.stop(); // the final save follows
			const metrics: MessageMetrics = {
				engine: reply.engine,
				model: reply.model,
				timeToFirstTokenMs: firstTokenAt ? Math.round(firstTokenAt - started) : undefined,
				modelTimeToFirstTokenMs: reply.usage.timeToFirstTokenMs
					? Math.round(reply.usage.timeToFirstTokenMs * 10) / 10
					: undefined,
				tokensPerSecond: reply.usage.tokensPerSecond
					? Math.round(reply.usage.tokensPerSecond * 10) / 10
					: undefined,
				promptTokens: reply.usage.promptTokens || undefined,
				completionTokens: reply.usage.completionTokens || undefined,
				recallMs: recalled.totalMs ? Math.round(recalled.totalMs * 10) / 10 : undefined,
				recallEmbedMs:
					recalled.embedMs !== undefined ? Math.round(recalled.embedMs * 10) / 10 : undefined
			};
			const interrupted = reply.finishReason === 'abort';
			const final = {
				content: interrupted ? text : reply.text || text,
				status: interrupted ? 'interrupted' : 'complete'
			} as const;
			this.settled = { messageId: placeholder.id, text: final.content, status: final.status };
			await repos.messages.update(placeholder.id, {
				...final,
				metrics,
				...(recalled.memoryIds.length ? { recalled: recalled.memoryIds } : {})
			});
			this.deps.onReplied?.(conversationId);
			if (!interrupted)
				this.deps.observer?.replied({ id: placeholder.id, conversationId, content: final.content });
			if (fitted.dropped > 0) this.#summarizeLater(conversationId, recent.slice(0, fitted.dropped));
		} catch (error) {
			saver?.stop();
			controller.abort(); // e.g. the reply could not be saved: stop generating it
			// A tentative reply that was discarded (or failed before it was sure) leaves no trace.
			if (!sure) return;
			const appError = isAbortError(error) ? null : toAppError(error);
			this.error = appError;
			this.settled = {
				messageId: placeholder.id,
				text,
				status: appError ? 'error' : 'interrupted'
			};
			await repos.messages
				.update(
					placeholder.id,
					appError
						? { content: text, status: 'error', error: appError.message }
						: { content: text, status: 'interrupted' }
				)
				.catch((saving: unknown) =>
					reportError(saving, { context: 'saving the reply', silent: true })
				);
			// Model failures are shown by the model status with their ways on; others (a full disk) here.
			if (appError)
				reportError(appError, {
					context: 'generating a reply',
					silent: appError instanceof AiError
				});
		} finally {
			saver?.stop();
			if (frame !== null) cancelFrame(frame);
			// A discarded tentative reply may finish after the next one began: leave that one be.
			if (this.#controller === controller) this.#controller = null;
			if (this.streaming?.messageId === placeholder.id) this.streaming = null;
		}
	}

	/** Older turns that no longer fit go into the running summary, in the background. */
	#summarizeLater(conversationId: string, older: readonly Message[]) {
		if (this.#summarizing || older.length < 2) return;
		this.#summarizing = summarizeOlderTurns(conversationId, older, this.deps)
			.catch((error: unknown) => {
				reportError(error, { context: 'summarising the conversation', silent: true });
			})
			.finally(() => (this.#summarizing = null));
	}
}
