/**
 * A voice review wired to storage, for the call: the due queue under the daily limits, each spoken
 * answer graded (voice.ts), rated through the scheduler and stored with its log row (`via:
 * 'voice'`), and undo. Imports the scheduler (ts-fsrs): load it with import() when a review
 * starts, never with the call's first code.
 */
import type { Repos } from '$lib/db';
import { buildQueue, type DailyLimits } from './queue';
import { Scheduler } from './scheduler';
import { VoiceReview, type VoiceGrade } from './voice';

export interface VoiceTurn {
	grade: VoiceGrade;
	/** What to say now: the feedback, then the next card's prompt (or the closing line). */
	say: string;
}

export class StoredVoiceReview {
	constructor(
		private readonly review: VoiceReview,
		private readonly repos: Pick<Repos, 'vocabulary'>,
		private readonly scheduler: Scheduler,
		private readonly now: () => number
	) {}

	get done(): boolean {
		return this.review.done;
	}

	/** The first prompt (or the closing line when nothing is due). */
	opening(): string {
		return this.review.prompt();
	}

	/** Grades a spoken answer, stores the review, and says what comes next. */
	async answer(transcript: string): Promise<VoiceTurn | null> {
		const grade = this.review.grade(transcript);
		if (!grade) return null;
		const rated = this.scheduler.rate(grade.card, grade.rating, this.now(), {
			via: 'voice',
			answer: grade.transcript
		});
		await this.repos.vocabulary.review(rated);
		return { grade, say: `${grade.feedback} ${this.review.prompt()}` };
	}
}

/** Starts a voice review over the cards due now, under the daily limits. */
export async function startVoiceReview(
	repos: Pick<Repos, 'vocabulary'>,
	limits: DailyLimits,
	{ language, scheduler = new Scheduler(), now = Date.now } = {} as {
		language?: string;
		scheduler?: Scheduler;
		now?: () => number;
	}
): Promise<StoredVoiceReview> {
	const at = now();
	const [due, today] = await Promise.all([
		repos.vocabulary.due(at, language),
		repos.vocabulary.today(at)
	]);
	const { cards } = buildQueue(due, today, limits);
	return new StoredVoiceReview(new VoiceReview(cards), repos, scheduler, now);
}
