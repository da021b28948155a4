import type { Finding } from '../../finding';
import { matchCase, type Token } from '../../tokens';
import { PHRASE_PATTERNS, type PhrasePattern } from '../data/patterns';
import { isClauseBreak, isWord, lower, type GermanContext } from '../context';
import { SUBORDINATORS } from '../data/words';

interface Match {
	/** Per pattern position: the token and the index of the alternative it matched. */
	slots: ({ token: Token; alternative: number } | undefined)[];
}

function matchAt(sentence: Token[], at: number, pattern: string[]): Match | undefined {
	const slots: Match['slots'] = [];
	let i = at;
	for (const raw of pattern) {
		const optional = raw.startsWith('?');
		const matcher = optional ? raw.slice(1) : raw;
		const token = sentence[i];
		if (matcher === '$') {
			if (!isClauseBreak(token)) return undefined;
			slots.push(undefined);
			continue;
		}
		if (matcher === '#') {
			if (token?.kind !== 'number') return undefined;
			slots.push({ token, alternative: 0 });
			i++;
			continue;
		}
		const alternative = isWord(token)
			? matcher.toLowerCase().split('|').indexOf(token.text.toLowerCase())
			: -1;
		if (alternative < 0) {
			if (!optional) return undefined;
			slots.push(undefined);
			continue;
		}
		slots.push({ token: token!, alternative });
		i++;
	}
	return { slots };
}

function render(template: string, { slots }: Match): string {
	return template.replace(/\{(\d+)(?::([^}]*))?\}/g, (_, index: string, alternatives?: string) => {
		const slot = slots[Number(index)];
		if (!slot) return '';
		return alternatives ? (alternatives.split('|')[slot.alternative] ?? '') : slot.token.text;
	});
}

function apply(ctx: GermanContext, sentence: Token[], pattern: PhrasePattern): Finding[] {
	const findings: Finding[] = [];
	for (let i = 0; i < sentence.length; i++) {
		const match = matchAt(sentence, i, pattern.pattern);
		if (!match) continue;
		const span = match.slots.slice(pattern.from, pattern.to + 1).filter((s) => s !== undefined);
		if (span.length === 0) continue;
		const first = span[0].token;
		const last = span[span.length - 1].token;
		findings.push({
			start: first.start,
			end: last.end,
			replacement: matchCase(first.text, render(pattern.replace, match)),
			category: pattern.category,
			rule: pattern.rule,
			sure: true
		});
	}
	return findings;
}

const COMMA_CONJUNCTIONS = new Set(['dass', 'ob', 'weil', 'obwohl', 'wenn', 'nachdem', 'bevor']);
const NO_COMMA_BEFORE = new Set([
	'und',
	'oder',
	'aber',
	'so',
	'ohne',
	'als',
	'statt',
	'anstatt',
	'auch',
	'nur',
	'selbst',
	'außer',
	'je',
	'sondern',
	'denn',
	'erst',
	'gerade'
]);

/** The comma before a subordinate clause ("Ich glaube, dass …"). Typed text only. */
function subordinateComma(sentence: Token[]): Finding[] {
	const findings: Finding[] = [];
	for (let i = 2; i < sentence.length - 1; i++) {
		const conjunction = sentence[i];
		const prev = sentence[i - 1];
		if (!COMMA_CONJUNCTIONS.has(lower(conjunction)) || !isWord(prev) || !isWord(sentence[i + 1]))
			continue;
		if (NO_COMMA_BEFORE.has(lower(prev)) || SUBORDINATORS.has(lower(prev))) continue;
		findings.push({
			start: prev.start,
			end: conjunction.end,
			replacement: `${prev.text}, ${conjunction.text}`,
			category: 'comma',
			rule: 'comma.subordinate',
			sure: true,
			vars: { conjunction: conjunction.text }
		});
	}
	return findings;
}

/** False friends, fixed phrases and the subordinate-clause comma. */
export function phraseRule(ctx: GermanContext): Finding[] {
	return ctx.sentences.flatMap((sentence) => [
		...PHRASE_PATTERNS.flatMap((pattern) => apply(ctx, sentence, pattern)),
		...(ctx.mode === 'typed' ? subordinateComma(sentence) : [])
	]);
}
