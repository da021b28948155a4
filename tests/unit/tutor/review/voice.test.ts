import { afterEach, describe, expect, it } from 'vitest';
import { cardFromCorrection, manualCard } from '$lib/tutor/review/factories';
import { Scheduler } from '$lib/tutor/review/scheduler';
import {
	VoiceReview,
	asksForVoiceReview,
	asksToStop,
	gradeSpoken,
	spokenPrompt
} from '$lib/tutor/review/voice';
import { startVoiceReview } from '$lib/tutor/review/voice-session';
import { makeTestDb } from '../../../helpers/factories';

const T0 = new Date(2026, 0, 5, 12, 0).getTime();
const broetchen = manualCard(
	{ term: 'Brötchen', article: 'das', plural: 'Brötchen', translation: 'bread roll' },
	T0
);
const schwer = manualCard({ term: 'schwer', translation: 'heavy, difficult' }, T0);

describe('voice review', () => {
	it('hears the request to practise and to stop', () => {
		expect(asksForVoiceReview('Lena, lass uns Vokabeln üben.')).toBe(true);
		expect(asksForVoiceReview('Können wir die Vokabeln wiederholen?')).toBe(true);
		expect(asksForVoiceReview('Ich übe gern.')).toBe(false);
		expect(asksToStop('Okay, genug für heute.')).toBe(true);
		expect(asksToStop('Das Brötchen')).toBe(false);
	});

	it('asks a card in German: a word by its meaning, a cloze by its sentence', () => {
		expect(spokenPrompt(broetchen)).toBe('Wie heißt „bread roll“ auf Deutsch? Mit Artikel, bitte.');
		const text = 'Ich fahre mit der Bus.';
		const start = text.indexOf('der');
		const cloze = cardFromCorrection({
			text,
			corrected: 'Ich fahre mit dem Bus.',
			language: 'de',
			edit: {
				start,
				end: start + 3,
				original: 'der',
				replacement: 'dem',
				category: 'case',
				layer: 'rules',
				explanation: { text: 'Dativ nach „mit“.', lang: 'de' }
			}
		})!;
		expect(spokenPrompt(cloze)).toBe('Was fehlt in deinem Satz? Ich fahre mit … Bus.');
		expect(gradeSpoken(cloze, 'dem').rating).toBe(3);
		expect(gradeSpoken(cloze, 'den').rating).toBe(1);
	});

	it.each([
		['Das Brötchen.', 3, 'Richtig! das Brötchen, Plural: Brötchen.'],
		['Ich glaube, das Brötchen.', 3, 'Richtig!'],
		['Das Brötchen, aber das war schwer.', 2, 'Richtig!'],
		['Leicht! Das Brötchen.', 4, 'Richtig!'],
		['Der Brötchen.', 1, 'Fast. Der Artikel ist „das“: das Brötchen.'],
		['Brötchen', 1, 'Fast. Mit Artikel: das Brötchen.'],
		['Das Brot, leicht.', 1, 'Nicht ganz. Richtig ist: das Brötchen, Plural: Brötchen.'],
		['Keine Ahnung.', 1, 'Nicht ganz.']
	])('grades “%s” as %i', (transcript, rating, feedback) => {
		const grade = gradeSpoken(broetchen, transcript);
		expect(grade.rating).toBe(rating);
		expect(grade.feedback).toContain(feedback);
	});

	it('takes "schwer" for the answer when it is the word asked for', () => {
		expect(gradeSpoken(schwer, 'schwer').rating).toBe(3);
		expect(gradeSpoken(schwer, 'schwer, aber leicht').rating).toBe(4);
	});

	it('walks through the queue and closes', () => {
		const review = new VoiceReview([broetchen, schwer]);
		expect(review.prompt()).toContain('bread roll');
		expect(review.grade('das Brötchen')?.card.id).toBe(broetchen.id);
		expect(review.prompt()).toContain('heavy, difficult');
		expect(review.grade('weiß nicht')?.rating).toBe(1);
		expect(review.done).toBe(true);
		expect(review.grade('x')).toBeNull();
		expect(review.prompt()).toBe('Das waren alle Karten für jetzt. Gut gemacht!');
		expect(new VoiceReview([]).prompt()).toContain('keine Karte fällig');
	});
});

describe('a stored voice review', () => {
	const contexts: ReturnType<typeof makeTestDb>[] = [];
	afterEach(async () => {
		for (const ctx of contexts.splice(0)) await ctx.db.delete();
	});

	it('rates each spoken answer and stores it with its log row, via voice', async () => {
		const ctx = makeTestDb();
		contexts.push(ctx);
		await ctx.repos.vocabulary.addMany([broetchen, { ...schwer, createdAt: T0 + 1 }]);
		const review = await startVoiceReview(
			ctx.repos,
			{ newPerDay: 1, maxPerDay: 10 },
			{ scheduler: new Scheduler({ fuzz: false }), now: () => T0 }
		);
		expect(review.opening()).toContain('bread roll');
		const turn = await review.answer('Das Brötchen, schwer.');
		expect(turn?.grade.rating).toBe(2);
		// The new-card limit of 1 leaves the second card for tomorrow.
		expect(turn?.say).toBe(
			'Richtig! das Brötchen, Plural: Brötchen. Das waren alle Karten für jetzt. Gut gemacht!'
		);
		expect(review.done).toBe(true);
		const [log] = await ctx.repos.vocabulary.reviewLog();
		expect(log).toMatchObject({
			cardId: broetchen.id,
			rating: 2,
			via: 'voice',
			answer: 'Das Brötchen, schwer.'
		});
		expect((await ctx.repos.vocabulary.get(broetchen.id))?.fsrs.reps).toBe(1);
	});
});
