import type { CefrLevel } from '$lib/companion/languages';
import type { CorrectionRecord, Scenario, ScenarioRun } from '$lib/db/rows';
import type { GoalTick, RunRecap } from '$lib/db/repos/scenarios';
import { judgeGoals, type Generate, type GoalJudgement, type JudgedTurn } from './judge';
import { goalsMetByKeywords } from './keywords';
import { findBuiltIn } from './library';
import type { ActiveScenario } from './prompt-section';
import { buildRecap } from './recap';
import type { AnyScenario } from './types';

/** What the runner needs of the scenarios repo (`repos.scenarios`; tests pass the real one). */
export interface RunStore {
	startRun(run: {
		scenarioId: string;
		companionId: string;
		conversationId: string;
	}): Promise<ScenarioRun>;
	tickGoals(runId: string, ticks: readonly GoalTick[]): Promise<ScenarioRun>;
	finishRun(runId: string, recap: RunRecap): Promise<ScenarioRun>;
	abandonRun(runId: string): Promise<ScenarioRun>;
	activeRun(conversationId: string): Promise<ScenarioRun | undefined>;
	get(id: string): Promise<Scenario | undefined>;
}

/** A scenario by id: built in, else stored. */
export async function findScenario(
	store: Pick<RunStore, 'get'>,
	id: string
): Promise<AnyScenario | undefined> {
	return findBuiltIn(id) ?? (await store.get(id));
}

export interface FinishInput {
	/** The run's correction records (from the corrections repo, this conversation since `run.startedAt`). */
	corrections: readonly CorrectionRecord[];
	/** The conversation since the run started, oldest first. */
	turns: readonly JudgedTurn[];
	/** Review cards made from this run (the review module makes them). */
	cardIds: readonly string[];
	/** What the next scenario may be: the library for the language plus stored scenarios. */
	candidates?: readonly AnyScenario[];
	/** Scenario ids played with this companion (`repos.scenarios.playedIds`). */
	played?: ReadonlySet<string>;
	level?: CefrLevel;
}

/**
 * One scenario played in one conversation: ticks goals by keyword as the learner writes (at
 * once, no model), takes the LLM judge's verdicts, and ends with a recap. Every change is written
 * through the store first; `run` is the row as stored (components read it live from the repo).
 */
export class ScenarioRunner {
	#run: ScenarioRun;

	private constructor(
		readonly scenario: AnyScenario,
		run: ScenarioRun,
		private readonly store: RunStore
	) {
		this.#run = run;
	}

	/** Starts a scenario in a conversation (abandoning one active there). */
	static async start(
		store: RunStore,
		scenario: AnyScenario,
		where: { companionId: string; conversationId: string }
	): Promise<ScenarioRunner> {
		const run = await store.startRun({ scenarioId: scenario.id, ...where });
		return new ScenarioRunner(scenario, run, store);
	}

	/**
	 * The scenario active in a conversation (after a reload), or null. A run whose scenario is
	 * gone (a deleted stored one) is abandoned.
	 */
	static async resume(store: RunStore, conversationId: string): Promise<ScenarioRunner | null> {
		const run = await store.activeRun(conversationId);
		if (!run) return null;
		const scenario = await findScenario(store, run.scenarioId);
		if (!scenario) {
			await store.abandonRun(run.id);
			return null;
		}
		return new ScenarioRunner(scenario, run, store);
	}

	get run(): ScenarioRun {
		return this.#run;
	}

	get goalsMet(): string[] {
		return this.#run.goalsMet.map((tick) => tick.goalId);
	}

	get openGoals() {
		const met = new Set(this.goalsMet);
		return this.scenario.goals.filter((goal) => !met.has(goal.id));
	}

	get active(): boolean {
		return this.#run.status === 'active';
	}

	/** For the prompt's scenario sections. */
	get prompt(): ActiveScenario {
		return { scenario: this.scenario, goalsMet: this.goalsMet };
	}

	/** Ticks the goals the learner's message meets by keyword. Returns the goals newly met. */
	async onLearnerMessage(messageId: string, text: string): Promise<string[]> {
		if (!this.active) return [];
		return this.#tick(goalsMetByKeywords(this.openGoals, text), 'keywords', messageId);
	}

	/** Records the LLM judge's verdict (or the keywords' after its fallback). */
	async applyJudgement(
		judgement: Pick<GoalJudgement, 'met' | 'by'>,
		messageId?: string
	): Promise<string[]> {
		if (!this.active) return [];
		const known = new Set(this.scenario.goals.map((goal) => goal.id));
		return this.#tick(
			judgement.met.filter((id) => known.has(id)),
			judgement.by,
			messageId
		);
	}

	/** The person ticks a goal themselves ("I did this"). */
	async tickByPerson(goalId: string): Promise<string[]> {
		if (!this.active || !this.scenario.goals.some((goal) => goal.id === goalId)) return [];
		return this.#tick([goalId], 'person');
	}

	/**
	 * Runs the judging policy (LLM, one retry, keyword fallback) over the conversation and records
	 * its verdict. For the background, after a reply; an AbortError (the model is needed for a
	 * reply) is passed on and nothing is recorded.
	 */
	async judge(input: {
		turns: readonly JudgedTurn[];
		generate: Generate;
		messageId?: string;
		companionName?: string;
	}): Promise<GoalJudgement> {
		const judgement = await judgeGoals({
			scenario: this.scenario,
			goalsMet: this.goalsMet,
			turns: input.turns,
			generate: input.generate,
			companionName: input.companionName
		});
		await this.applyJudgement(judgement, input.messageId);
		return judgement;
	}

	/** Ends the scenario with its recap (stored with the run). */
	async finish(input: FinishInput): Promise<ScenarioRun> {
		const recap = buildRecap({ scenario: this.scenario, ...input });
		this.#run = await this.store.finishRun(this.#run.id, recap);
		return this.#run;
	}

	/** Leaves the scenario without a recap. */
	async abandon(): Promise<void> {
		if (this.active) this.#run = await this.store.abandonRun(this.#run.id);
	}

	async #tick(ids: readonly string[], by: GoalTick['by'], messageId?: string): Promise<string[]> {
		const before = new Set(this.goalsMet);
		const fresh = ids.filter((id) => !before.has(id));
		if (fresh.length === 0) return [];
		const at = Date.now();
		const ticks = fresh.map((goalId) => ({ goalId, at, by, ...(messageId ? { messageId } : {}) }));
		this.#run = await this.store.tickGoals(this.#run.id, ticks);
		const after = new Set(this.goalsMet);
		return fresh.filter((id) => after.has(id));
	}
}
