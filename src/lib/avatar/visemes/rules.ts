import type { Viseme } from './types';
import { VISEMES } from './types';

/**
 * A letter-to-viseme rule engine in the notation of TalkingHead's lip-sync modules (MIT,
 * met4citizen/TalkingHead): `left[LETTERS]right=visemes`, tried in order for the letter at the
 * current position; the first whose letters and both contexts match gives its visemes (none: a
 * silent letter) and moves past the letters. In contexts, `#` is one or more vowels, `^` one
 * consonant, `:` zero or more consonants, `+` a front vowel, `.` a voiced consonant, `%` a suffix,
 * `&` and `@` groups of consonants, a space the edge of the word. Words are matched upper-case
 * (ß stays ß).
 */
export interface RuleSet {
	vowels: string;
	consonants: string;
	front: string;
	voiced: string;
	suffixes: string[];
	sibilants: string[];
	coronals: string[];
	rules: Record<string, readonly string[]>;
}

interface Rule {
	left: RegExp | null;
	letters: string;
	right: RegExp | null;
	visemes: Viseme[];
}

const isViseme = (value: string): value is Viseme => (VISEMES as readonly string[]).includes(value);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function contextPattern(context: string, set: RuleSet): string {
	const alt = (items: string[]) => `(?:${items.map(escape).join('|')})`;
	const ops: Record<string, string> = {
		'#': `[${set.vowels}]+`,
		'^': `[${set.consonants}]`,
		':': `[${set.consonants}]*`,
		'+': `[${set.front}]`,
		'.': `[${set.voiced}]`,
		'%': alt(set.suffixes),
		'&': alt(set.sibilants),
		'@': alt(set.coronals)
	};
	return [...context].map((c) => ops[c] ?? escape(c)).join('');
}

/** Compiles a rule set's rules, once per language. */
export function compileRules(set: RuleSet): Map<string, Rule[]> {
	const compiled = new Map<string, Rule[]>();
	for (const [letter, rules] of Object.entries(set.rules)) {
		compiled.set(
			letter,
			rules.map((rule) => {
				const open = rule.indexOf('[');
				const close = rule.indexOf(']');
				const equals = rule.indexOf('=');
				const left = rule.slice(0, open);
				const right = rule.slice(close + 1, equals);
				const visemes = rule
					.slice(equals + 1)
					.split(' ')
					.filter((v) => v.length > 0);
				const bad = visemes.find((v) => !isViseme(v));
				if (bad) throw new Error(`Rule ${rule}: ${bad} is no viseme`);
				return {
					left: left ? new RegExp(`${contextPattern(left, set)}$`) : null,
					letters: rule.slice(open + 1, close),
					right: right ? new RegExp(`^${contextPattern(right, set)}`) : null,
					visemes: visemes as Viseme[]
				};
			})
		);
	}
	return compiled;
}

/** Upper case, keeping ß (JavaScript makes it SS). */
export const upper = (word: string) =>
	[...word].map((c) => (c === 'ß' ? c : c.toUpperCase())).join('');

/** The visemes of one word (letters only; upper-cased here), by the first matching rule. */
export function applyRules(word: string, rules: Map<string, Rule[]>): Viseme[] {
	const text = ` ${upper(word)} `;
	const visemes: Viseme[] = [];
	let i = 1;
	while (i < text.length - 1) {
		const candidates = rules.get(text[i]);
		const rule = candidates?.find(
			(r) =>
				text.startsWith(r.letters, i) &&
				(!r.left || r.left.test(text.slice(0, i))) &&
				(!r.right || r.right.test(text.slice(i + r.letters.length)))
		);
		if (!rule) {
			i++;
			continue;
		}
		visemes.push(...rule.visemes);
		i += rule.letters.length;
	}
	return visemes;
}
