import { describe, expect, it } from 'vitest';
import type { Companion } from '$lib/companion/schema';
import { ChatSession } from '$lib/chat/session.svelte';
import { manualCard } from '$lib/tutor/review/factories';
import { VoiceReviewResponder } from '$lib/tutor/voice-review';
import { companionDraft, makeTestDb } from '../../helpers/factories';

const lena = {
	...companionDraft({ name: 'Lena', languages: ['de'] }),
	id: 'lena',
	createdAt: 0,
	updatedAt: 0
} as Companion;
const limits = async () => ({ newPerDay: 20, maxPerDay: 200 });

async function withCard() {
	const { repos } = makeTestDb();
	await repos.vocabulary.add(
		manualCard({ term: 'Brötchen', article: 'das', plural: 'Brötchen', translation: 'bread roll' })
	);
	return repos;
}

describe('vocabulary review by voice', () => {
	it('starts when asked, grades a spoken answer without the model, and stores the review', async () => {
		const repos = await withCard();
		const review = new VoiceReviewResponder(lena, { repos, limits });
		expect(await review.answer('Wie geht es dir?')).toBeNull();
		const opening = await review.answer('Lena, lass uns Vokabeln üben');
		expect(opening).toMatch(/bread roll/);
		expect(review.active).toBe(true);
		const said = await review.answer('das Brötchen');
		expect(said).toBeTruthy();
		const [log] = await repos.vocabulary.reviewLog(0);
		expect(log).toMatchObject({ via: 'voice', rating: 3 });
		expect(review.active).toBe(false); // the only card was done
	});

	it('"Stopp" ends it, and a call turn it answers never reaches the model', async () => {
		const repos = await withCard();
		const review = new VoiceReviewResponder(lena, { repos, limits });
		const generated: unknown[] = [];
		const chat = new ChatSession(lena, null, {
			repos,
			generate: async (messages) => {
				generated.push(messages);
				throw new Error('the model is not asked');
			},
			contextWindow: () => 4096,
			answerLocally: (text) => review.answer(text)
		});
		const spoken: string[] = [];
		await chat.send('Lass uns Vokabeln üben!', { via: 'voice', onToken: (t) => spoken.push(t) });
		await chat.send('Stopp, genug für heute.', { via: 'voice', onToken: (t) => spoken.push(t) });
		expect(generated).toHaveLength(0);
		expect(spoken[1]).toContain('wir hören hier auf');
		const messages = await repos.messages.listFor(chat.conversationId!);
		expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
		expect(review.active).toBe(false);
	});
});
