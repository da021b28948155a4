import type { Companion } from '$lib/companion/schema';
import type { Repos } from '$lib/db';
import type { DailyLimits } from './review/queue';
import type { StoredVoiceReview } from './review/voice-session';

/** What she says when the learner ends the review early. */
const STOPPED = 'Gut, wir hören hier auf. Worüber möchtest du jetzt sprechen?';

export interface VoiceReviewDeps {
	repos: Pick<Repos, 'vocabulary'>;
	/** The daily limits from the settings. */
	limits: () => Promise<DailyLimits>;
}

/**
 * Vocabulary review by voice, inside a call ("Lena, lass uns Vokabeln üben"): while it runs, the
 * companion asks the due cards one by one and grades each spoken answer with the review screen's
 * matcher (Again/Good; "schwer"/"leicht" make it Hard/Easy), without the LLM. "Stopp" ends it.
 * The review code (and ts-fsrs with it) loads only when a review starts.
 */
export class VoiceReviewResponder {
	#review: StoredVoiceReview | null = null;

	constructor(
		private readonly companion: Companion,
		private readonly deps: VoiceReviewDeps
	) {}

	get active(): boolean {
		return this.#review !== null;
	}

	/** The answer to a spoken turn when the review handles it; null to let the model answer. */
	async answer(text: string): Promise<string | null> {
		const { asksForVoiceReview, asksToStop } = await import('./review/voice');
		const review = this.#review;
		if (!review) {
			if (!asksForVoiceReview(text)) return null;
			const { startVoiceReview } = await import('./review/voice-session');
			const started = await startVoiceReview(this.deps.repos, await this.deps.limits(), {
				language: this.companion.languages[0]
			});
			const opening = started.opening();
			this.#review = started.done ? null : started;
			return opening;
		}
		if (asksToStop(text)) {
			this.#review = null;
			return STOPPED;
		}
		const turn = await review.answer(text);
		if (!turn) return null;
		if (review.done) this.#review = null;
		return turn.say;
	}
}
