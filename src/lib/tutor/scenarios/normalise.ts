/**
 * Text normalisation for matching a learner's words against a scenario's keywords. Learners type
 * "moechte", "mochte" or "möchte", "Strasse" or "Straße", with or without capitals: all of them
 * fold to one spelling. The fold is applied to both sides, so its collisions ("schon"/"schön")
 * only ever make two words match that a learner could easily confuse anyway.
 */

const FOLDS: readonly [RegExp, string][] = [
	[/ä|ae/g, 'a'],
	[/ö|oe/g, 'o'],
	[/ü|ue/g, 'u'],
	[/ß|ss/g, 's']
];

/** Lower case, umlauts and ß folded (ä, ae → a), other accents removed. */
export function foldWord(word: string): string {
	let out = word.toLowerCase();
	for (const [pattern, replacement] of FOLDS) out = out.replace(pattern, replacement);
	return out.normalize('NFD').replace(/\p{M}/gu, '');
}

/** The text's sentences, each as folded words (punctuation and hyphens dropped). */
export function sentencesOf(text: string): string[][] {
	return text
		.split(/[.!?;:\n]+/)
		.map((sentence) =>
			sentence
				.split(/[^\p{L}\p{N}]+/u)
				.filter(Boolean)
				.map(foldWord)
		)
		.filter((words) => words.length > 0);
}

/**
 * German inflection endings, longest first. Stripping one (when at least four letters remain)
 * lets "bestelle", "bestellst" and "bestellen" meet at "bestell"; short words ("bar", "Tisch")
 * must match whole.
 */
const ENDINGS = ['ern', 'est', 'en', 'er', 'em', 'es', 'st', 'et', 'te', 'e', 'n', 's', 't'];
const MIN_STEM = 4;

/** The folded word without one inflection ending, where that leaves a safe stem. */
export function stemOf(folded: string): string {
	for (const ending of ENDINGS) {
		if (folded.endsWith(ending) && folded.length - ending.length >= MIN_STEM)
			return folded.slice(0, -ending.length);
	}
	return folded;
}
