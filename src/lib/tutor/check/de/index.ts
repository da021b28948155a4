import type { InputMode } from '../../types';
import type { Finding } from '../finding';
import type { LanguageModule } from '../language';
import { createHunspell } from '../speller';
import { tokenize } from '../tokens';
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
		return (text: string, mode: InputMode): Finding[] => {
			const ctx: GermanContext = {
				text,
				sentences: tokenize(text.slice(0, MAX_CHECKED_CHARS)),
				mode,
				speller,
				lexicon
			};
			return RULES.flatMap((rule) => rule(ctx));
		};
	}
};
