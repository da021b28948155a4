/**
 * A day as a short diary entry for the learner to read, written at the companion's CEFR setting,
 * with a glossary of the words above that level. Import lazily: it carries the level estimator's
 * word list.
 */
import type { CefrLevel } from '$lib/companion/languages';
import { levelProfile } from '../level/profiles';
import { wordRank } from '../level/estimate';
import { lexicon } from '../level/lexicon';
import type { WordInput } from '../review/factories';
import type { Day } from './service';
import type { LifeEvent, World } from './types';

export interface GlossaryEntry {
	word: string;
	meaning: string;
	/** The sentence of the entry it comes from. */
	example: string;
}

export interface DiaryEntry {
	date: string;
	/** Words above the level that the world's glossary lacks (the model may explain them). */
	unglossed: string[];
	/** "Samstag, 7. März". */
	title: string;
	/** What happened, in order. */
	text: string;
	/** What is still planned for later today. */
	planned: string;
	glossary: GlossaryEntry[];
}

const TITLE = new Intl.DateTimeFormat('de-DE', {
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	timeZone: 'UTC'
});

const SENTENCE = /[^.!?]+[.!?]+/gu;
const sentences = (text: string) => text.match(SENTENCE)?.map((s) => s.trim()) ?? [text];

/** Words that open a part of the day, for levels that can read linked text (B1 and up). */
function partOfDay(time: string): string {
	const hour = +time.slice(0, 2);
	if (hour < 11) return 'Am Morgen';
	if (hour < 14) return 'Mittags';
	if (hour < 18) return 'Am Nachmittag';
	return 'Am Abend';
}

const FEELINGS: Record<LifeEvent['feeling'], string> = {
	froh: 'froh',
	zufrieden: 'zufrieden',
	entspannt: 'entspannt',
	müde: 'müde',
	gestresst: 'gestresst',
	aufgeregt: 'aufgeregt',
	nervös: 'nervös',
	traurig: 'traurig'
};

/**
 * One event at a level: A1 keeps its first sentence only; A2 the whole of it; B1 and up
 * introduce the part of the day and say how she felt, in one linked sentence.
 */
function eventText(event: LifeEvent, level: CefrLevel): string {
	if (level === 'A1') return sentences(event.what)[0];
	if (level === 'A2' || event.kind === 'weather' || event.kind === 'summary') return event.what;
	const [first, ...rest] = sentences(event.what);
	// "Ich fahre …" → "Am Morgen fahre ich …": the verb stays second.
	const opened = first.replace(/^Ich (\S+)/u, `${partOfDay(event.time)} $1 ich`);
	return [opened, ...rest, `Ich war ${FEELINGS[event.feeling]}.`].join(' ');
}

/** At most this many words are left for the model to explain per entry. */
const UNGLOSSED_MAX = 8;

/** Lower-case words of the world's names (people, places, the city): not vocabulary. */
function nameWords(world: World): Set<string> {
	const names = [
		world.city,
		world.district,
		...world.people.map((p) => p.name),
		...world.places.map((p) => p.name)
	];
	return new Set(names.flatMap((name) => name.toLowerCase().match(/\p{L}+/gu) ?? []));
}

/**
 * Words of `text` above `level`'s vocabulary band: those the world's glossary explains, and (up
 * to eight) those it lacks, names left out.
 */
export function glossaryFor(
	text: string,
	world: World,
	level: CefrLevel
): { glossary: GlossaryEntry[]; unglossed: string[] } {
	const words = lexicon('de');
	const band = levelProfile(level, 'de').vocabularyRank;
	if (!words || band === null) return { glossary: [], unglossed: [] };
	const names = nameWords(world);
	const seen = new Set<string>();
	const glossary: GlossaryEntry[] = [];
	const unglossed: string[] = [];
	for (const sentence of sentences(text)) {
		for (const token of sentence.match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) {
			const key = token.toLowerCase();
			if (seen.has(key) || names.has(key) || key.length < 3) continue;
			seen.add(key);
			const rank = wordRank(words.stem(key), words);
			if (rank !== undefined && rank <= band) continue;
			const meaning = world.glossary[key];
			if (meaning) glossary.push({ word: token, meaning, example: sentence });
			else if (unglossed.length < UNGLOSSED_MAX) unglossed.push(token);
		}
	}
	return { glossary, unglossed };
}

/** The diary entry of a day at `level`; events after `now` on that day are plans. */
export function diaryEntry(
	day: Day,
	world: World,
	level: CefrLevel,
	now: { date: string; time: string }
): DiaryEntry {
	const today = day.date === now.date;
	const happened = day.events.filter((e) => !today || e.time <= now.time);
	const later = today ? day.events.filter((e) => e.time > now.time) : [];
	const events = level === 'A1' ? happened.slice(0, 5) : happened;
	const text = events.map((e) => eventText(e, level)).join(' ');
	const planned = later.map((e) => `${e.time}: ${sentences(e.what)[0]}`).join(' ');
	return {
		date: day.date,
		title: TITLE.format(new Date(`${day.date}T12:00:00Z`)),
		text,
		planned,
		...glossaryFor(`${text} ${planned}`, world, level)
	};
}

/** The glossary's words as review cards' input. */
export function glossaryCards(entry: DiaryEntry): WordInput[] {
	return entry.glossary.map((g) => ({ term: g.word, translation: g.meaning, example: g.example }));
}
