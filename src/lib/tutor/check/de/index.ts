import type { InputMode } from '../../types';
import type { Finding } from '../finding';
import type { LanguageModule } from '../language';
import { createHunspell, type Speller } from '../speller';
import { capitalise, tokenize, type Token } from '../tokens';
import type { GermanContext } from './context';
import { EXPLANATIONS } from './data/explanations';
import { GermanLexicon } from './lexicon';
import { conjugationRule } from './rules/conjugation';
import { genderRule } from './rules/gender';
import { phraseRule } from './rules/phrases';
import { spellingRule } from './rules/spelling';
import { verbPositionRule } from './rules/verb-position';

/** Longest input the rules read; a longer message is checked up to here (a 20,000-character paste stays fast). */
export const MAX_CHECKED_CHARS = 4000;

/**
 * Rules in order of reliability: where two findings overlap, the earlier rule's wins. Word-level
 * rules (spelling) go last so that a rule that rewrites a phrase keeps its whole span.
 */
const RULES = [verbPositionRule, conjugationRule, phraseRule, genderRule, spellingRule];

/**
 * A sentence in another language ("This is English", a quoted French line): when at least
 * `FOREIGN_SHARE` of its words are unknown to the German dictionary, the rules leave it alone
 * rather than "correct" English into German.
 */
const FOREIGN_SHARE = 0.4;

function looksForeign(sentence: Token[], speller: Speller): boolean {
	const words = sentence.filter((t) => t.kind === 'word' && t.text.length > 1);
	if (words.length < 4) return false;
	const german = (w: string) =>
		speller.spell(w) || speller.spell(w.toLowerCase()) || speller.spell(capitalise(w));
	// "Schoene Gruesse" is German typed without umlauts.
	const known = (w: string) =>
		german(w) || german(w.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü'));
	const unknown = words.filter((t) => !known(t.text)).length;
	return unknown / words.length >= FOREIGN_SHARE;
}

export const german: LanguageModule = {
	code: 'de',
	files: ['aff', 'dic', 'nouns', 'verbs'],
	templates: EXPLANATIONS,
	async create(files) {
		const speller = await createHunspell({ aff: files.aff, dic: files.dic }, 'de');
		const decoder = new TextDecoder();
		const lexicon = new GermanLexicon(
			decoder.decode(files.nouns),
			decoder.decode(files.verbs),
			speller
		);
		return {
			find(text: string, mode: InputMode): Finding[] {
				const sentences = tokenize(text.slice(0, MAX_CHECKED_CHARS)).filter(
					(sentence) => !looksForeign(sentence, speller)
				);
				const ctx: GermanContext = { text, sentences, mode, speller, lexicon };
				return RULES.flatMap((rule) => rule(ctx));
			},
			spell: (word) => speller.spell(word)
		};
	}
};
