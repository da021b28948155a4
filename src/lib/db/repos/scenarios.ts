import Dexie from 'dexie';
import { NotFoundError } from '$lib/errors';
import type { EventBus } from '$lib/events';
import { parseOrThrow } from '$lib/validation';
import { monotonicNow, newId } from '../clock';
import type { KompanionDb } from '../database';
import {
	ScenarioRunSchema,
	ScenarioSchema,
	type Scenario,
	type ScenarioRun,
	type Stamped
} from '../rows';
import { writeTx } from '../write';

/** A scenario to store, before it has an id and dates. */
export type ScenarioDraft = Omit<Scenario, 'id' | 'createdAt' | 'updatedAt' | 'rev'>;
/** One goal met in a run: which, when, judged by whom, in reply to which message. */
export type GoalTick = ScenarioRun['goalsMet'][number];
export type RunRecap = NonNullable<ScenarioRun['recap']>;

export interface NewRun {
	/** A built-in scenario's id or a stored one's. */
	scenarioId: string;
	companionId: string;
	conversationId: string;
}

/**
 * Stored scenarios (generated from a wish, or imported) and the runs of every scenario, built in
 * or stored. Built-in scenarios live in code (lib/tutor/scenarios/library) and are never stored.
 * A conversation has at most one active run: starting another abandons it.
 */
export class ScenarioRepo {
	constructor(
		private readonly db: KompanionDb,
		private readonly bus: EventBus
	) {}

	get(id: string): Promise<Stamped<Scenario> | undefined> {
		return this.db.scenarios.get(id);
	}

	/**
	 * Stored scenarios a companion can play (its own and those of no companion), or all of them
	 * without `companionId`; newest first.
	 */
	async list(companionId?: string): Promise<Stamped<Scenario>[]> {
		const all = await this.db.scenarios.toArray();
		return all
			.filter((s) => !companionId || !s.companionId || s.companionId === companionId)
			.sort((a, b) => b.createdAt - a.createdAt);
	}

	/** Stores a new scenario. Throws a ValidationError (nothing stored) for one that does not fit. */
	async add(draft: ScenarioDraft): Promise<Scenario> {
		const now = monotonicNow();
		const [scenario] = await this.save([{ ...draft, id: newId(), createdAt: now, updatedAt: now }]);
		return scenario;
	}

	/**
	 * Stores complete scenarios (a generated one, an imported file) in one transaction: all of
	 * them, or none when one does not fit.
	 */
	async save(scenarios: readonly Scenario[]): Promise<Scenario[]> {
		const rows = scenarios.map(
			(scenario) =>
				parseOrThrow(ScenarioSchema, scenario, 'This scenario cannot be saved:') as Scenario
		);
		await writeTx(this.db, [this.db.scenarios], () => this.db.scenarios.bulkPut(rows));
		this.bus.emit('data:saved', { table: 'scenarios' });
		return rows;
	}

	/** Deletes a stored scenario; its runs stay, as history. */
	async delete(id: string): Promise<void> {
		await writeTx(this.db, [this.db.scenarios], () => this.db.scenarios.delete(id));
		this.bus.emit('data:saved', { table: 'scenarios' });
	}

	getRun(id: string): Promise<Stamped<ScenarioRun> | undefined> {
		return this.db.scenarioRuns.get(id);
	}

	/** The run being played in a conversation, if any. */
	async activeRun(conversationId: string): Promise<Stamped<ScenarioRun> | undefined> {
		const runs = await this.db.scenarioRuns
			.where('conversationId')
			.equals(conversationId)
			.toArray();
		return runs
			.filter((run) => run.status === 'active')
			.sort((a, b) => b.startedAt - a.startedAt)[0];
	}

	/** A companion's runs, newest first. */
	runsFor(companionId: string): Promise<Stamped<ScenarioRun>[]> {
		return this.db.scenarioRuns
			.where('[companionId+startedAt]')
			.between([companionId, Dexie.minKey], [companionId, Dexie.maxKey])
			.reverse()
			.toArray();
	}

	/** Ids of the scenarios played with a companion (any status). */
	async playedIds(companionId: string): Promise<Set<string>> {
		return new Set((await this.runsFor(companionId)).map((run) => run.scenarioId));
	}

	/** Starts a run; an active run in the same conversation is abandoned in the same transaction. */
	async startRun({ scenarioId, companionId, conversationId }: NewRun): Promise<ScenarioRun> {
		const now = monotonicNow();
		const run = parseOrThrow(
			ScenarioRunSchema,
			{
				id: newId(),
				scenarioId,
				companionId,
				conversationId,
				status: 'active',
				goalsMet: [],
				startedAt: now,
				updatedAt: now
			} satisfies ScenarioRun,
			'This scenario cannot be started:'
		);
		const { db } = this;
		await writeTx(db, [db.scenarioRuns], async () => {
			await db.scenarioRuns
				.where('conversationId')
				.equals(conversationId)
				.filter((other) => other.status === 'active')
				.modify({ status: 'abandoned', endedAt: now, updatedAt: now });
			await db.scenarioRuns.add(run);
		});
		this.bus.emit('data:saved', { table: 'scenarioRuns' });
		return run;
	}

	/**
	 * Records goals met in an active run. A goal already met keeps its first tick; a finished or
	 * abandoned run is left as it is. Returns the run as stored.
	 */
	async tickGoals(runId: string, ticks: readonly GoalTick[]): Promise<ScenarioRun> {
		const { db } = this;
		return writeTx(db, [db.scenarioRuns], async () => {
			const run = await db.scenarioRuns.get(runId);
			if (!run) throw new NotFoundError('This scenario run');
			const met = new Set(run.goalsMet.map((tick) => tick.goalId));
			const fresh = ticks.filter((tick) => !met.has(tick.goalId) && met.add(tick.goalId));
			if (run.status !== 'active' || fresh.length === 0) return run;
			const next = parseOrThrow(
				ScenarioRunSchema,
				{ ...run, goalsMet: [...run.goalsMet, ...fresh], updatedAt: monotonicNow() },
				'These goals cannot be recorded:'
			);
			await db.scenarioRuns.put(next);
			return next;
		});
	}

	/** Finishes a run with its recap. */
	async finishRun(runId: string, recap: RunRecap): Promise<ScenarioRun> {
		const run = await this.#end(runId, 'finished', recap);
		this.bus.emit('data:saved', { table: 'scenarioRuns' });
		return run;
	}

	/** Ends a run without a recap (the person left the scenario). */
	abandonRun(runId: string): Promise<ScenarioRun> {
		return this.#end(runId, 'abandoned');
	}

	async #end(runId: string, status: 'finished' | 'abandoned', recap?: RunRecap) {
		const { db } = this;
		return writeTx(db, [db.scenarioRuns], async () => {
			const run = await db.scenarioRuns.get(runId);
			if (!run) throw new NotFoundError('This scenario run');
			const now = monotonicNow();
			const next = parseOrThrow(
				ScenarioRunSchema,
				{ ...run, status, ...(recap ? { recap } : {}), endedAt: now, updatedAt: now },
				'This scenario’s recap cannot be saved:'
			);
			await db.scenarioRuns.put(next);
			return next;
		});
	}
}
