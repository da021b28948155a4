import type { RuleSet } from './rules';

/**
 * German letter-to-viseme rules, written for this app in the notation of TalkingHead's rule
 * engine (`rules.ts`). Not TalkingHead's lipsync-de.mjs: that module gives o the open aa, sch
 * the SS of s, every ch a k and ö an unrounded E, which a face shows wrongly. Here: ch after a, o,
 * u and au is the ach-sound (kk), elsewhere the ich-sound (spread lips, SS); sch, initial sp/st
 * are CH (rounded, protruded); ö, ü and y are rounded (O, U); ei/ai → aa I, au → aa U, eu/äu →
 * O I, ie → I; pf → PP FF, qu → kk FF, z/tz → DD SS, ng → kk; a final -er or r after a vowel is
 * the vocalic r (aa, as espeak-ng's ɐ). Consistent with the IPA map (`phonemes.ts`).
 */
export const DE_RULES: RuleSet = {
	vowels: 'AEIOUYÄÖÜ',
	consonants: 'BCDFGHJKLMNPQRSTVWXZß',
	front: 'EIYÄÖÜ',
	voiced: 'BDGJLMNRVWZ',
	suffixes: ['EN', 'ER', 'E', 'ES', 'EM', 'ST', 'T'],
	sibilants: ['S', 'Z', 'SCH', 'TZ', 'X', 'ß'],
	coronals: ['T', 'S', 'R', 'D', 'L', 'Z', 'N', 'SCH'],
	rules: {
		A: ['[AA]=aa', '[AH]=aa', '[AU]=aa U', '[AI]=aa I', '[AY]=aa I', '[A]=aa'],
		Ä: ['[ÄU]=O I', '[ÄH]=E', '[Ä]=E'],
		B: ['[BB]=PP', '[B]=PP'],
		C: [
			'[CHS]=kk SS',
			' [CH]R=kk',
			' [CH]=SS',
			'EU[CH]=SS',
			'ÄU[CH]=SS',
			'A[CH]=kk',
			'O[CH]=kk',
			'U[CH]=kk',
			'[CH]=SS',
			'[CK]=kk',
			'[C]+=DD SS',
			'[C]=kk'
		],
		D: ['[DT]=DD', '[DD]=DD', '[D]=DD'],
		E: [
			'[EI]=aa I',
			'[EY]=aa I',
			'[EU]=O I',
			'[EE]=E',
			'[EH]=E',
			' ^[ER] =E aa',
			'#:[ER] =aa',
			'[E]=E'
		],
		F: ['[FF]=FF', '[F]=FF'],
		G: ['I[G] =SS', '[GG]=kk', '[G]=kk'],
		H: ['[H]='],
		I: ['[IE]=I', '[IH]=I', '[I]=I'],
		J: ['[J]=I'],
		K: ['[KK]=kk', '[K]=kk'],
		L: ['[LL]=nn', '[L]=nn'],
		M: ['[MM]=PP', '[M]=PP'],
		N: ['[NK]=kk', '[NG]=kk', '[NN]=nn', '[N]=nn'],
		O: ['[OO]=O', '[OH]=O', '[OI]=O I', '[O]=O'],
		Ö: ['[ÖH]=O', '[Ö]=O'],
		P: ['[PF]=PP FF', '[PH]=FF', '[PP]=PP', '[P]=PP'],
		Q: ['[QU]=kk FF', '[Q]=kk'],
		R: ['#[R] =aa', '[RR]=RR', '[R]=RR'],
		S: ['[SCH]=CH', ' [SP]=CH PP', ' [ST]=CH DD', '[SS]=SS', '[S]=SS'],
		ß: ['[ß]=SS'],
		T: ['[TSCH]=CH', '[TZ]=DD SS', '[TION]=DD SS I O nn', '[TH]=DD', '[TT]=DD', '[T]=DD'],
		U: ['[UH]=U', '[U]=U'],
		Ü: ['[ÜH]=U', '[Ü]=U'],
		V: ['[V]=FF'],
		W: ['[W]=FF'],
		X: ['[X]=kk SS'],
		Y: ['[Y]=U'],
		Z: ['[ZZ]=DD SS', '[Z]=DD SS']
	}
};
