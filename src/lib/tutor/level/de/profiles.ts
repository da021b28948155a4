import type { CefrLevel, LevelProfile } from '../types';

/**
 * How the companion speaks German at each CEFR level: the prompt's instruction and the overshoot
 * check both read these, so a change here changes both.
 *
 * Sentence lengths follow what graded readers and course books for each level use; vocabulary
 * ranks are positions in the frequency list of stems (de/frequency.json), roughly doubling per
 * level; tenses and clause types follow the order in which German courses usually introduce them
 * (Perfekt and war/hatte in A1, modal verbs in the past and "weil/dass" in A2, narrative
 * Präteritum, relative clauses and the passive in B1, Konjunktiv II of the past and indirect
 * speech in B2, the constructions of formal writing in C1).
 */
export const GERMAN_PROFILES: Record<CefrLevel, LevelProfile> = {
	A1: {
		level: 'A1',
		sentenceWords: { typical: 6, max: 10 },
		vocabularyRank: 600,
		tenses: ['present', 'perfect', 'preterite-be-have'],
		clauses: ['coordinate'],
		speechRate: 0.8,
		style:
			'Everyday words about concrete things; one idea per sentence; repeat words instead of synonyms.'
	},
	A2: {
		level: 'A2',
		sentenceWords: { typical: 9, max: 14 },
		vocabularyRank: 1200,
		tenses: ['present', 'perfect', 'preterite-be-have', 'preterite-modal', 'subjunctive-2'],
		clauses: ['coordinate', 'subordinate-basic'],
		speechRate: 0.9,
		style: 'Familiar topics; simple linking words (und, aber, weil, dass, wenn, deshalb).'
	},
	B1: {
		level: 'B1',
		sentenceWords: { typical: 12, max: 18 },
		vocabularyRank: 2500,
		tenses: [
			'present',
			'perfect',
			'preterite-be-have',
			'preterite-modal',
			'subjunctive-2',
			'preterite',
			'future',
			'pluperfect',
			'passive'
		],
		clauses: ['coordinate', 'subordinate-basic', 'subordinate', 'relative', 'infinitive'],
		speechRate: 1,
		style: 'Connected speech on familiar topics; explain an idiom if you use one.'
	},
	B2: {
		level: 'B2',
		sentenceWords: { typical: 15, max: 24 },
		vocabularyRank: 5000,
		tenses: [
			'present',
			'perfect',
			'preterite-be-have',
			'preterite-modal',
			'subjunctive-2',
			'preterite',
			'future',
			'pluperfect',
			'passive',
			'subjunctive-2-past',
			'subjunctive-1'
		],
		clauses: [
			'coordinate',
			'subordinate-basic',
			'subordinate',
			'relative',
			'infinitive',
			'correlative'
		],
		speechRate: 1,
		style: 'Natural speech on abstract topics too; common idioms; avoid formal written style.'
	},
	C1: {
		level: 'C1',
		sentenceWords: { typical: 18, max: 30 },
		vocabularyRank: null,
		tenses: [
			'present',
			'perfect',
			'preterite-be-have',
			'preterite-modal',
			'subjunctive-2',
			'preterite',
			'future',
			'pluperfect',
			'passive',
			'subjunctive-2-past',
			'subjunctive-1'
		],
		clauses: [
			'coordinate',
			'subordinate-basic',
			'subordinate',
			'relative',
			'infinitive',
			'correlative',
			'subordinate-formal',
			'participial'
		],
		speechRate: 1,
		style: 'Fluent and precise, with nuance, idioms and a varied register.'
	},
	C2: {
		level: 'C2',
		sentenceWords: { typical: 20, max: 40 },
		vocabularyRank: null,
		tenses: [
			'present',
			'perfect',
			'preterite-be-have',
			'preterite-modal',
			'subjunctive-2',
			'preterite',
			'future',
			'pluperfect',
			'passive',
			'subjunctive-2-past',
			'subjunctive-1'
		],
		clauses: [
			'coordinate',
			'subordinate-basic',
			'subordinate',
			'relative',
			'infinitive',
			'correlative',
			'subordinate-formal',
			'participial'
		],
		speechRate: 1,
		style: 'Speak as to a native speaker: any register, rare words and wordplay included.'
	}
};
