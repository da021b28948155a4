/**
 * The person's edits to a companion's world: people added, changed or taken out, places added or
 * taken out, the district and workplace renamed, a thread ended. Each edit is validated here and
 * applied to the state as a whole; the days already simulated are history and are not touched.
 * Invariants kept: a removed person's id and name never return (the checker's `removed-person`
 * rule), a new id never reuses one the world's texts still point at (a removed place's routine
 * would come back), home and workplace stay, and an ended thread stays ended (`dead-thread`).
 */
import * as v from 'valibot';
import { LifeStateSchema, PLACE_KINDS, type LifeState, type Person, type Place } from './types';

const Text = (max: number, what: string) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty(`${what} cannot be empty.`),
		v.maxLength(max, `${what} can be at most ${max} characters long.`)
	);
const Id = v.pipe(v.string(), v.nonEmpty());

/** The kinds a place the person adds can have: one home and one workplace are the world's own. */
export const ADDABLE_PLACE_KINDS = PLACE_KINDS.filter((kind) => kind !== 'home' && kind !== 'work');

export const WorldEditSchema = v.variant('op', [
	v.object({
		op: v.literal('add-person'),
		name: Text(40, 'The name'),
		relation: Text(60, 'The relation'),
		trait: Text(80, 'The trait')
	}),
	v.object({
		op: v.literal('edit-person'),
		id: Id,
		relation: Text(60, 'The relation'),
		trait: Text(80, 'The trait')
	}),
	v.object({ op: v.literal('remove-person'), id: Id }),
	v.object({
		op: v.literal('add-place'),
		name: Text(60, 'The name'),
		kind: v.picklist(ADDABLE_PLACE_KINDS, 'Choose what kind of place it is.')
	}),
	v.object({ op: v.literal('remove-place'), id: Id }),
	v.object({
		op: v.literal('rename'),
		district: Text(80, 'The district'),
		workplace: Text(60, 'The workplace')
	}),
	v.object({ op: v.literal('end-thread'), id: Id })
]);
export type WorldEdit = v.InferInput<typeof WorldEditSchema>;

/** Messages by field (`name`, `relation`…); `form` for what belongs to no one field. */
export type EditErrors = Partial<Record<string, string>>;

export type WorldEditResult = { ok: true; state: LifeState } | { ok: false; errors: EditErrors };

const fail = (field: string, message: string): WorldEditResult => ({
	ok: false,
	errors: { [field]: message }
});

const sameName = (a: string, b: string) =>
	a.localeCompare(b, 'de', { sensitivity: 'accent' }) === 0;

/** A lower-case id from a name (umlauts spelled out), unique among `taken`. */
export function slugFor(name: string, taken: ReadonlySet<string>): string {
	const base =
		name
			.toLowerCase()
			.replace(/ä/gu, 'ae')
			.replace(/ö/gu, 'oe')
			.replace(/ü/gu, 'ue')
			.replace(/ß/gu, 'ss')
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/gu, '-')
			.replace(/^-+|-+$/gu, '')
			.slice(0, 32) || 'x';
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	return id;
}

/** Every id the state knows or its texts point at: a new one must be none of these. */
function takenIds(state: LifeState): Set<string> {
	const { world } = state;
	const items = [
		...world.routine,
		...world.leisure,
		...world.work.moments,
		...world.threads.flatMap((t) => t.steps)
	];
	return new Set([
		...world.people.map((p) => p.id),
		...world.places.map((p) => p.id),
		...state.removed.map((p) => p.id),
		...items.flatMap((item) => [item.placeId, ...item.people]),
		world.homeId,
		world.work.placeId
	]);
}

function apply(state: LifeState, edit: v.InferOutput<typeof WorldEditSchema>): WorldEditResult {
	const { world } = state;
	const next = (changes: Partial<LifeState['world']>, rest: Partial<LifeState> = {}) => ({
		ok: true as const,
		state: { ...state, ...rest, world: { ...world, ...changes } }
	});
	switch (edit.op) {
		case 'add-person': {
			if (world.people.some((p) => sameName(p.name, edit.name)))
				return fail('name', `${edit.name} is already in her life.`);
			if (state.removed.some((p) => sameName(p.name, edit.name)))
				return fail(
					'name',
					`${edit.name} was taken out of her life and stays out; choose another name.`
				);
			const person: Person = {
				id: slugFor(edit.name, takenIds(state)),
				name: edit.name,
				relation: edit.relation,
				trait: edit.trait
			};
			return next({ people: [...world.people, person] });
		}
		case 'edit-person': {
			if (!world.people.some((p) => p.id === edit.id))
				return fail('form', 'This person is no longer in her life.');
			return next({
				people: world.people.map((p) =>
					p.id === edit.id ? { ...p, relation: edit.relation, trait: edit.trait } : p
				)
			});
		}
		case 'remove-person': {
			const person = world.people.find((p) => p.id === edit.id);
			if (!person) return { ok: true, state };
			return next(
				{ people: world.people.filter((p) => p.id !== edit.id) },
				{ removed: [...state.removed, { id: person.id, name: person.name }] }
			);
		}
		case 'add-place': {
			if (world.places.some((p) => sameName(p.name, edit.name)))
				return fail('name', `She already has a place called ${edit.name}.`);
			const place: Place = {
				id: slugFor(edit.name, takenIds(state)),
				name: edit.name,
				kind: edit.kind
			};
			return next({ places: [...world.places, place] });
		}
		case 'remove-place': {
			if (edit.id === world.homeId || edit.id === world.work.placeId)
				return fail('form', 'Her home and her workplace stay; rename them instead.');
			if (!world.places.some((p) => p.id === edit.id)) return { ok: true, state };
			return next({ places: world.places.filter((p) => p.id !== edit.id) });
		}
		case 'rename': {
			return next({
				district: edit.district,
				places: world.places.map((p) =>
					p.id === world.work.placeId ? { ...p, name: edit.workplace } : p
				)
			});
		}
		case 'end-thread': {
			const progress = state.progress[edit.id];
			if (!progress) return fail('form', 'No such story in her life.');
			if (progress.status === 'done' || progress.status === 'dropped') return { ok: true, state };
			return next(
				{},
				{ progress: { ...state.progress, [edit.id]: { ...progress, status: 'dropped' } } }
			);
		}
	}
}

/**
 * Applies one edit to a stored state: the new state, or messages by field (nothing changed).
 * The result is checked against the state's schema too (at most 40 people, 60 places).
 */
export function applyWorldEdit(state: LifeState, input: unknown): WorldEditResult {
	const parsed = v.safeParse(WorldEditSchema, input);
	if (!parsed.success) {
		const errors: EditErrors = {};
		for (const issue of parsed.issues) {
			const field = String(v.getDotPath(issue) ?? 'form');
			errors[field] ??= issue.message;
		}
		return { ok: false, errors };
	}
	const result = apply(state, parsed.output);
	if (!result.ok) return result;
	const checked = v.safeParse(LifeStateSchema, result.state);
	if (!checked.success) {
		const path = v.getDotPath(checked.issues[0]) ?? '';
		if (path === 'world.people')
			return fail('form', 'She knows 40 people already; take someone out first.');
		if (path === 'world.places')
			return fail('form', 'She has 60 places already; take one out first.');
		return fail('form', checked.issues[0].message);
	}
	return { ok: true, state: checked.output };
}
