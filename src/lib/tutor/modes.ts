import type { TutorSettings } from '$lib/companion/schema';

/** What the companion's correction setting turns on. The README shows this table. */
export interface CorrectionMode {
	/** She repeats what the learner meant, correctly, as part of her answer (a recast). */
	recast: boolean;
	/** A correction card beside the message or caption. */
	cards: boolean;
	/** Mistakes are listed in the scenario recap (and count on the progress page). */
	recap: boolean;
	/** She adds one short explicit note on the mistake to her reply. */
	explicitNote: boolean;
	/** "Warum?" on a card is answered. */
	why: boolean;
}

export const CORRECTION_MODES: Record<TutorSettings['corrections'], CorrectionMode> = {
	off: { recast: false, cards: false, recap: false, explicitNote: false, why: false },
	gentle: { recast: true, cards: true, recap: true, explicitNote: false, why: true },
	thorough: { recast: true, cards: true, recap: true, explicitNote: true, why: true }
};

/** The mode of a companion's tutor; everything off when tutor mode is. */
export function correctionMode(tutor: TutorSettings): CorrectionMode {
	return CORRECTION_MODES[tutor.enabled ? tutor.corrections : 'off'];
}
