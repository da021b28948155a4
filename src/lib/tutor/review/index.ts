/**
 * The review module's light half, safe to import anywhere (chat, calls, scenarios, the progress
 * page): card factories, the answer matcher, voice grading, the queue and its limits. The
 * scheduler (ts-fsrs, which patches `Date.prototype`), the review session, the stored voice
 * review and "Listen" are imported from their own files with import(), never from here.
 */
export {
	cardFromCorrection,
	cardsFromWords,
	emptySchedule,
	manualCard,
	ManualCardSchema,
	type CorrectionCardInput,
	type ManualCardDraft,
	type WordInput,
	type WordsOrigin
} from './factories';
export { formatInterval, describeInterval } from './interval';
export {
	matchAnswer,
	normalise,
	transliterate,
	type ExpectedAnswer,
	type MatchResult
} from './matcher';
export { promptFor, type CardPrompt } from './prompt';
export { buildQueue, startOfDay, dayAfter, type DailyLimits, type Queue } from './queue';
export { RATINGS, RATING_LABELS, type NewCard, type ReviewRating } from './types';
export {
	VoiceReview,
	asksForVoiceReview,
	asksToStop,
	gradeSpoken,
	spokenPrompt,
	type VoiceGrade
} from './voice';
