import type { CorrectionCategory } from '../../../types';

/**
 * Word-choice traps, false friends and fixed phrases, as data. A pattern is a list of token
 * matchers: `a|b|c` (alternatives, any case), `?a|b` (optional), `#` (a number), `$` (the clause
 * ends here). The edit replaces pattern positions `from`..`to` with `replace`, where `{i}` is the
 * text matched at position i and `{i:x|y|z}` is the alternative at the index that position i
 * matched ("bekommst" is the 2nd of its list, so `{0:werde|wirst|…}` gives "wirst").
 */
export interface PhrasePattern {
	rule: string;
	category: CorrectionCategory;
	pattern: string[];
	from: number;
	to: number;
	replace: string;
	/** Spoken input too (no pattern here depends on punctuation except `$`). */
	spoken?: boolean;
}

const BECOME_ADJECTIVES =
	'müde|krank|alt|älter|besser|schlechter|nervös|wütend|sauer|hungrig|durstig|reich|dick|dünn|gesund|nass|traurig|glücklich|böse|verrückt|rot|blass|wach';
const COUNTRIES =
	'Italien|Spanien|Frankreich|Deutschland|Polen|China|Japan|Brasilien|Russland|England|Amerika|Indien|Griechenland|Syrien|Österreich|Mexiko|Kanada|Australien|Portugal|Schweden|Norwegen|Ägypten|Marokko|Vietnam|Korea|Afghanistan|Kolumbien|Argentinien|Chile|Peru|Ungarn|Rumänien|Bulgarien|Kroatien|Serbien|Tunesien|Nigeria|Ghana|Kenia|Pakistan|Bangladesch';

export const PHRASE_PATTERNS: PhrasePattern[] = [
	{
		rule: 'word-choice.bekommen',
		category: 'word-choice',
		pattern: ['bekomme|bekommst|bekommt|bekommen|bekam|bekamst|bekamen', BECOME_ADJECTIVES],
		from: 0,
		to: 0,
		replace: '{0:werde|wirst|wird|werden|wurde|wurdest|wurden}'
	},
	{
		rule: 'word-choice.mir-ist',
		category: 'word-choice',
		pattern: ['ich', 'bin', 'kalt|warm|heiß|übel|schwindlig', '$'],
		from: 0,
		to: 1,
		replace: 'mir ist'
	},
	{
		rule: 'word-choice.mir-geht-es',
		category: 'word-choice',
		pattern: ['ich', 'bin', 'gut|schlecht', '$'],
		from: 0,
		to: 2,
		replace: 'mir geht es {2}'
	},
	{
		rule: 'word-choice.alter',
		category: 'word-choice',
		pattern: ['habe|hast|hat|haben|habt', '#', 'Jahre', '$'],
		from: 0,
		to: 2,
		replace: '{0:bin|bist|ist|sind|seid} {1} Jahre alt'
	},
	{
		rule: 'word-choice.verbringen',
		category: 'word-choice',
		pattern: [
			'spende|spendest|spendet|spenden',
			'?viel|wenig|etwas|mehr|meine|die|zu|so|gern|gerne',
			'Zeit'
		],
		from: 0,
		to: 0,
		replace: '{0:verbringe|verbringst|verbringt|verbringen}'
	},
	{
		rule: 'word-choice.gift',
		category: 'word-choice',
		pattern: [
			'Gift',
			'für',
			'dich|mich|ihn|euch|Sie|dir|meine|meinen|meinem|deine|deinen|seine|ihre'
		],
		from: 0,
		to: 0,
		replace: 'Geschenk'
	},
	{
		rule: 'preposition.nach-hause',
		category: 'preposition',
		pattern: [
			'gehe|gehst|geht|gehen|fahre|fährst|fährt|fahren|komme|kommst|kommt|kommen|laufe|läufst|läuft|laufen|ging|fuhr|kam',
			'zu',
			'Hause'
		],
		from: 1,
		to: 1,
		replace: 'nach'
	},
	{
		rule: 'preposition.warten-auf',
		category: 'preposition',
		pattern: ['warte|wartest|wartet|warten|wartete|gewartet', 'für'],
		from: 1,
		to: 1,
		replace: 'auf'
	},
	{
		rule: 'preposition.am-tag',
		category: 'preposition',
		pattern: ['in', 'Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Wochenende'],
		from: 0,
		to: 0,
		replace: 'am'
	},
	{
		rule: 'preposition.aus-land',
		category: 'preposition',
		pattern: ['komme|kommst|kommt|kommen|stamme|stammst|stammt|stammen', 'von', COUNTRIES],
		from: 1,
		to: 1,
		replace: 'aus'
	},
	{
		rule: 'preposition.in-die',
		category: 'preposition',
		pattern: [
			'nach',
			'die',
			'Schweiz|Türkei|Ukraine|Slowakei|Mongolei|USA|Niederlande|Philippinen'
		],
		from: 0,
		to: 0,
		replace: 'in'
	},
	{
		rule: 'negation.kein',
		category: 'negation',
		pattern: [
			'habe|hast|hat|haben|habt|brauche|brauchst|braucht|brauchen',
			'nicht',
			'ein|eine|einen'
		],
		from: 1,
		to: 2,
		replace: '{2:kein|keine|keinen}'
	}
];
