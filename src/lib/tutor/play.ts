import type { Companion } from '$lib/companion/schema';
import type { Repos, ScenarioRun } from '$lib/db';
import { isAbortError, NotFoundError } from '$lib/errors';
import type { PromptContext, PromptSection } from '$lib/prompt/section';
import { cardFromCorrection, cardsFromWords } from './review/factories';
import { builtInScenarios } from './scenarios/library';
import { usedVocabulary } from './scenarios/recap';
import { scenarioProgressSection, scenarioSection } from './scenarios/prompt-section';
import type { Generate } from './scenarios/judge';
import { findScenario, ScenarioRunner } from './scenarios/runner';

export interface PlayDeps {
	repos: Pick<Repos, 'scenarios' | 'corrections' | 'messages' | 'vocabulary'>;
	/** The LLM at background priority (judging never holds up a reply). */
	generate: Generate;
}

/**
 * The scenarios being played, one per conversation: starts them, puts the role-play into the
 * conversation's prompt, ticks goals as the learner writes (keywords, at once) and after each
 * reply (the LLM judge, in the background), and ends them with a recap whose mistakes become
 * review cards.
 */
export class ScenarioPlay {
	// Bookkeeping, not state: the UI reads runs from the repo.
	#runners = new Map<string, Promise<ScenarioRunner | null>>();

	constructor(private readonly deps: PlayDeps) {}

	/** The scenario active in a conversation, if any (resumed after a reload). */
	runner(conversationId: string): Promise<ScenarioRunner | null> {
		let runner = this.#runners.get(conversationId);
		if (!runner) {
			runner = ScenarioRunner.resume(this.deps.repos.scenarios, conversationId);
			this.#runners.set(conversationId, runner);
			runner.catch(() => this.#runners.delete(conversationId));
		}
		return runner;
	}

	/** Starts a scenario (built in or stored) in a conversation. */
	async start(
		companion: Companion,
		conversationId: string,
		scenarioId: string
	): Promise<ScenarioRun> {
		const scenario = await findScenario(this.deps.repos.scenarios, scenarioId);
		if (!scenario) throw new NotFoundError('This scenario');
		const runner = ScenarioRunner.start(this.deps.repos.scenarios, scenario, {
			companionId: companion.id,
			conversationId
		});
		this.#runners.set(conversationId, runner);
		return (await runner).run;
	}

	/** The role-play's prompt sections while a scenario is active in the conversation. */
	async sections(conversationId: string): Promise<readonly PromptSection[]> {
		const runner = await this.runner(conversationId);
		if (!runner?.active) return [];
		const scenario = runner.prompt;
		return [scenarioSection, scenarioProgressSection].map((section) => ({
			id: section.id,
			stable: section.stable,
			render: (context: PromptContext) => section.render({ ...context, scenario })
		}));
	}

	/** The learner wrote or said something: goals it meets by keyword tick now. */
	async heard(conversationId: string, messageId: string, text: string): Promise<void> {
		const runner = await this.runner(conversationId);
		await runner?.onLearnerMessage(messageId, text);
	}

	/** After a reply: the LLM judges the open goals (background; a reply stops it). */
	async judge(companion: Companion, conversationId: string): Promise<void> {
		const runner = await this.runner(conversationId);
		if (!runner?.active || runner.openGoals.length === 0) return;
		const turns = await this.#turnsSince(conversationId, runner.run.startedAt);
		try {
			await runner.judge({ turns, generate: this.deps.generate, companionName: companion.name });
		} catch (error) {
			if (!isAbortError(error)) throw error;
		}
	}

	/**
	 * Ends the scenario: every correction made during it becomes a review card (a cloze on the
	 * corrected words in the learner's own sentence), so does each of the scene's key words that came
	 * up, and the recap is stored with the run.
	 */
	async finish(companion: Companion, conversationId: string): Promise<ScenarioRun | null> {
		const runner = await this.runner(conversationId);
		if (!runner?.active) return null;
		const { corrections, vocabulary, scenarios } = this.deps.repos;
		const since = runner.run.startedAt;
		const records = (await corrections.forConversation(conversationId)).filter(
			(record) => record.createdAt >= since
		);
		const cardIds: string[] = [];
		for (const record of records) {
			for (const edit of record.edits) {
				const card = cardFromCorrection({
					text: record.text,
					corrected: record.corrected,
					edit,
					edits: record.edits,
					messageId: record.messageId,
					companionId: companion.id,
					language: record.language
				});
				if (!card) continue;
				const stored = await vocabulary.add(card);
				cardIds.push(stored.card.id);
			}
		}
		// The scene's key words that came up become cards too (a word already carded is skipped).
		const turns = await this.#turnsSince(conversationId, since);
		const language = companion.languages[0];
		const words = cardsFromWords(usedVocabulary(runner.scenario, turns), {
			source: 'scenario',
			sourceId: runner.run.id,
			companionId: companion.id,
			language: runner.scenario.language
		});
		const { added } = await vocabulary.addMany(words);
		cardIds.push(...added.map((card) => card.id));
		return runner.finish({
			corrections: records,
			turns,
			cardIds,
			candidates: [...builtInScenarios(language), ...(await scenarios.list(companion.id))],
			played: await scenarios.playedIds(companion.id),
			level: companion.tutor.cefrLevel
		});
	}

	/** Leaves the scenario without a recap. */
	async abandon(conversationId: string): Promise<void> {
		const runner = await this.runner(conversationId);
		await runner?.abandon();
	}

	async #turnsSince(conversationId: string, since: number) {
		const messages = await this.deps.repos.messages.listFor(conversationId);
		return messages
			.filter((m) => m.createdAt >= since && m.content && m.status !== 'error')
			.map(({ role, content }) => ({ role, content }));
	}
}
