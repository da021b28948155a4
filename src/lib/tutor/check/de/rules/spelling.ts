import type { Finding } from '../../finding';
import { ABBREVIATIONS, capitalise, decapitalise, isCapitalised, type Token } from '../../tokens';
import { determiner } from '../data/words';
import { isWord, lower, type GermanContext } from '../context';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzäöüß';
const UMLAUTS: Record<string, string> = { a: 'ä', o: 'ö', u: 'ü', A: 'Ä', O: 'Ö', U: 'Ü' };
const TRANSLITERATED: [RegExp, string][] = [
	[/ae/g, 'ä'],
	[/oe/g, 'ö'],
	[/ue/g, 'ü'],
	[/Ae/g, 'Ä'],
	[/Oe/g, 'Ö'],
	[/Ue/g, 'Ü']
];
/** Capitalised words that are never nouns but rightly capitalised mid-sentence (formal address). */
const FORMAL = new Set(['Sie', 'Ihnen', 'Ihr', 'Ihre', 'Ihren', 'Ihrem', 'Ihrer', 'Ihres']);
/** After these a capitalised word is a name ("Herr Klein", "Ich heiße Frank"). */
const NAME_CUES = new Set(['herr', 'frau', 'dr', 'heiße', 'heißt', 'heißen', 'namens']);
const OPENERS = new Set([':', '"', '„', '“', '(', '-', '–', '*']);
const PRONOUNS = new Set([
	'ich',
	'du',
	'er',
	'sie',
	'es',
	'wir',
	'ihr',
	'man',
	'mich',
	'dich',
	'mir',
	'dir',
	'uns',
	'euch',
	'sich',
	'ihn',
	'ihm',
	'ihnen'
]);
/** Lower case after an article in set phrases ("ein bisschen", "ein paar", "die meisten"). */
const AFTER_ARTICLE_LOWER = new Set([
	'bisschen',
	'paar',
	'wenig',
	'wenigsten',
	'meisten',
	'beiden',
	'anderen',
	'andere',
	'einzige',
	'einzigen',
	'nächste',
	'letzte'
]);
/** Hesitations a speech recogniser writes down; not words to correct. */
const FILLERS = new Set([
	'äh',
	'ähm',
	'öh',
	'hm',
	'hmm',
	'mhm',
	'ah',
	'oh',
	'eh',
	'hä',
	'na',
	'tja',
	'ok',
	'okay'
]);
/** Before these a capitalised word is a nominalisation ("alles Gute", "das Wichtigste", "beim Essen"). */
const NOMINALISERS = new Set([
	'alles',
	'etwas',
	'nichts',
	'viel',
	'wenig',
	'im',
	'am',
	'zum',
	'zur',
	'beim',
	'vom',
	'ins',
	'aufs',
	'fürs',
	'ans'
]);
/** Endings that inflect a noun ("Hause", "Kindes", "Tagen"): stripping them finds the noun. */
const NOUN_ENDINGS = ['e', 'es', 's', 'en', 'n', 'er', 'ern'];

/**
 * Corrections one edit away. `likely` keeps to the typical learner slips (a doubled letter typed
 * once or twice, a stray or missing "h" or "e", two letters swapped): few, so they are tried first.
 */
function oneEditAway(word: string, likelyOnly: boolean): Set<string> {
	const out = new Set<string>();
	const add = (candidate: string, likely: boolean) => {
		if (candidate !== word && (likely || !likelyOnly)) out.add(candidate);
	};
	for (let i = 0; i < word.length; i++) {
		const before = word.slice(0, i);
		const after = word.slice(i + 1);
		add(before + after, word[i] === word[i - 1] || word[i] === word[i + 1] || word[i] === 'h');
		if (i < word.length - 1) add(before + word[i + 1] + word[i] + word.slice(i + 2), true);
		if (!likelyOnly) for (const c of ALPHABET) add(before + c + after, false);
	}
	for (let i = 0; i <= word.length; i++) {
		const before = word.slice(0, i);
		const after = word.slice(i);
		const letters = likelyOnly ? new Set([word[i - 1], word[i], 'h', 'e']) : ALPHABET;
		for (const c of letters) if (c) add(before + c + after, likelyOnly || c === 'e');
	}
	return out;
}

/** Longest word whose every one-edit neighbour is looked up (~60 per letter). */
const MAX_SEARCHED = 16;

function umlautVariants(word: string): { variants: string[]; transliterated: boolean } {
	let whole = word;
	for (const [pattern, umlaut] of TRANSLITERATED) whole = whole.replace(pattern, umlaut);
	if (whole !== word) return { variants: [whole], transliterated: true };
	const variants: string[] = [];
	for (let i = 0; i < word.length; i++) {
		const umlaut = UMLAUTS[word[i]];
		if (umlaut) variants.push(word.slice(0, i) + umlaut + word.slice(i + 1));
	}
	return { variants, transliterated: false };
}

/** After an article or possessive, but not a relative pronoun ("Der Teil, den ich …"). */
function afterDeterminer(sentence: Token[], token: Token): boolean {
	const prev = sentence[token.index - 1];
	return (
		isWord(prev) && determiner(prev.text) !== undefined && sentence[token.index - 2]?.text !== ','
	);
}

function skippable(sentence: Token[], token: Token): boolean {
	const word = token.text;
	if (word.length < 2 || /^[\p{Lu}]{2,}$/u.test(word) || word.includes("'") || word.includes('’')) {
		return true;
	}
	// Addresses, handles, file names.
	const near = [sentence[token.index - 1], sentence[token.index + 1]];
	return near.some((t) => t?.kind === 'punct' && '@/#_\\'.includes(t.text));
}

/**
 * Spelling (Hunspell with the German dictionary), missing umlauts, and capitals: lower-case
 * nouns and names, and capitalised words mid-sentence that are no nouns. Spoken text is never
 * checked for capitals. An unknown capitalised word mid-sentence is taken for a name.
 */
export function spellingRule(ctx: GermanContext): Finding[] {
	const { speller, lexicon } = ctx;
	const spoken = ctx.mode === 'spoken';
	const findings: Finding[] = [];
	for (const sentence of ctx.sentences) {
		for (const token of sentence) {
			if (!isWord(token) || skippable(sentence, token) || FILLERS.has(lower(token))) continue;
			if (ABBREVIATIONS.has(lower(token)) && sentence[token.index + 1]?.text === '.') continue;
			const word = token.text;
			const prev = sentence[token.index - 1];
			const initial =
				token.index === 0 ||
				(prev?.kind === 'punct' && OPENERS.has(prev.text)) ||
				prev?.kind === 'number';
			const at = { start: token.start, end: token.end };

			if (speller.spell(word)) {
				const lowerWord = decapitalise(word);
				if (
					!spoken &&
					!initial &&
					isCapitalised(word) &&
					word.slice(1) === word.slice(1).toLowerCase() &&
					!FORMAL.has(word) &&
					!NAME_CUES.has(lower(prev)) &&
					!NOMINALISERS.has(lower(prev)) &&
					!determiner(prev?.text ?? '') &&
					!lexicon.noun(word) &&
					!NOUN_ENDINGS.some((e) => word.endsWith(e) && lexicon.noun(word.slice(0, -e.length))) &&
					speller.spell(lowerWord)
				) {
					findings.push({
						...at,
						replacement: lowerWord,
						category: 'capitalisation',
						rule: 'capitalisation.not-noun',
						sure: true
					});
				} else if (!spoken && !isCapitalised(word) && afterDeterminer(sentence, token)) {
					// "keine zeit", "das wetter": Hunspell knows "zeit" and "wetter" as other words, but
					// after an article only the noun fits (unless it is a verb: "das essen" = "eat that").
					const noun = capitalise(word);
					if (
						lexicon.noun(noun) &&
						!lexicon.isVerbForm(word) &&
						!PRONOUNS.has(word) &&
						!AFTER_ARTICLE_LOWER.has(word)
					) {
						findings.push({
							...at,
							replacement: noun,
							category: 'capitalisation',
							rule: 'capitalisation.noun',
							sure: true
						});
					}
				}
				continue;
			}
			if (spoken && (speller.spell(capitalise(word)) || speller.spell(decapitalise(word))))
				continue;

			if (!isCapitalised(word) && speller.spell(capitalise(word))) {
				if (spoken) continue;
				const noun = lexicon.noun(capitalise(word));
				findings.push({
					...at,
					replacement: capitalise(word),
					category: 'capitalisation',
					rule: noun ? 'capitalisation.noun' : 'capitalisation.name',
					sure: true
				});
				continue;
			}

			const spelled = (w: string) => speller.spell(w) || (spoken && speller.spell(capitalise(w)));
			const { variants, transliterated } = umlautVariants(word);
			const umlauted = variants.filter(spelled);
			if (umlauted.length > 0) {
				findings.push({
					...at,
					replacement: umlauted[0],
					category: 'umlaut',
					rule: transliterated ? 'umlaut.transliterated' : 'umlaut.missing',
					sure: umlauted.length === 1
				});
				continue;
			}

			const sameCase = (c: string) => isCapitalised(c) === isCapitalised(word);
			const likely = [...oneEditAway(word, true)].filter((c) => sameCase(c) && spelled(c));
			// Looking up all ~60 neighbours per letter costs Hunspell tens of ms, so it is done only
			// where it can decide: a capitalised word against the noun lexicon (a map, no Hunspell),
			// a lower-case word with no typical slip nearby.
			const everyEdit = () => (word.length > MAX_SEARCHED ? [] : [...oneEditAway(word, false)]);
			const capital = isCapitalised(word);
			const nouns = capital ? everyEdit().filter((c) => sameCase(c) && lexicon.knowsNoun(c)) : [];
			const candidates =
				likely.length > 0 || capital
					? likely
					: everyEdit().filter((c) => sameCase(c) && spelled(c));
			// Mid-sentence, a capitalised unknown word may be a name ("Müllerstraße"): only a typical
			// slip or the one lexicon noun nearby corrects it. Elsewhere one candidate in all is trusted
			// unless it swaps a letter ("wehgetan" → "weggetan"): that is as likely a gap in the dictionary.
			const nameLike = capital && !initial;
			const pick =
				likely.length === 1
					? likely[0]
					: !nameLike && candidates.length === 1 && candidates[0].length !== word.length
						? candidates[0]
						: nouns.length === 1
							? nouns[0]
							: undefined;
			if (pick) {
				findings.push({
					...at,
					replacement: pick,
					category: 'spelling',
					rule: 'spelling.word',
					sure: true
				});
			} else if (!isCapitalised(word) || initial || nouns.length > 0) {
				findings.push({
					...at,
					replacement: candidates[0] ?? nouns[0] ?? '',
					category: 'spelling',
					rule: 'spelling.unknown',
					sure: false
				});
			}
		}
	}
	return findings;
}
