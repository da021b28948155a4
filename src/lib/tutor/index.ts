import { llm } from '$lib/ai/llm';
import { repos } from '$lib/db';
import { checkClient } from './check/client';
import type { WordFacts } from './merge';
import { ScenarioPlay } from './play';
import { TutorService, type TutorChecker } from './service.svelte';

/** Languages the deterministic layer has a dictionary and rules for. */
const CHECKED_LANGUAGES = new Set(['de']);

const checker: TutorChecker = {
	supports: (language) => CHECKED_LANGUAGES.has(language),
	preload: (language) => checkClient().preload(language),
	check: (text, { mode, language, explainIn }) =>
		checkClient().checkText(text, {
			mode,
			language,
			explain: explainIn === 'de' ? 'de' : 'en'
		}),
	lookup: async (words) => {
		const known = await checkClient().spellWords(words, 'de');
		return new Map<string, WordFacts>(words.map((word, i) => [word, { spelled: known[i] }]));
	}
};

/** The scenarios played in conversations; their judge runs at background priority. */
export const play = new ScenarioPlay({
	repos,
	generate: async (prompt) =>
		(await llm.generate(prompt, { background: true, maxTokens: 200, temperature: 0 })).text
});

/** The app's tutor: corrections, level samples and the background LLM pass. */
export const tutor = new TutorService({
	repos,
	llm,
	play,
	checker,
	levels: async () => {
		const { estimateLevel } = await import('./level/estimate');
		const { levelData } = await import('./level/languages');
		return {
			estimate(text, language) {
				if (!levelData(language)) return { level: 'A1', score: 1, words: 0 };
				const { level, score, features } = estimateLevel(text, { language });
				return { level, score, words: features.words };
			}
		};
	}
});

export type { WordFacts };
export { TutorService } from './service.svelte';
