import { describe, expect, it } from 'vitest';
import { createCheckHandlers } from '$lib/tutor/check/check.handler';
import { nodeFiles } from '$lib/tutor/check/files.node';
import type { FileLoader } from '$lib/tutor/check/language';
import type { CheckProtocol } from '$lib/tutor/check/check.protocol';
import { driveHandlers } from '../../../helpers/rpc';

describe('check worker handlers', () => {
	it('loads the dictionary once and checks typed and spoken text', async () => {
		let reads = 0;
		const counting: FileLoader = (language, name) => {
			reads++;
			return nodeFiles(language, name);
		};
		const worker = driveHandlers<CheckProtocol>(createCheckHandlers(counting));

		const [first, second] = await Promise.all([
			worker.call('load', { language: 'de' }).then((c) => c.done),
			worker.call('load', { language: 'de' }).then((c) => c.done)
		]);
		expect(first).toMatchObject({ kind: 'result', data: { language: 'de' } });
		expect(second.kind).toBe('result');
		expect(reads).toBe(4); // aff, dic, nouns, verbs: once for both calls

		const typed = await (
			await worker.call('check', { text: 'Die Tisch ist alt.', mode: 'typed', language: 'de' })
		).done;
		expect(typed).toMatchObject({
			kind: 'result',
			data: {
				corrected: 'Der Tisch ist alt.',
				edits: [{ original: 'Die', category: 'article-gender' }]
			}
		});
		const spoken = await (
			await worker.call('check', {
				text: 'ich habe einen hund',
				mode: 'spoken',
				language: 'de',
				explain: 'de'
			})
		).done;
		expect(spoken).toMatchObject({ kind: 'result', data: { edits: [], flags: [] } });
		const spelled = await (
			await worker.call('spell', {
				words: ['Haus', 'Huas', 'Kinderzimmer', 'müller'],
				language: 'de'
			})
		).done;
		expect(spelled).toMatchObject({ kind: 'result', data: { known: [true, false, true, false] } });
		expect(reads).toBe(4);
	});

	it('answers an unknown language and a bad request with clear errors', async () => {
		const worker = driveHandlers<CheckProtocol>(createCheckHandlers(nodeFiles));
		const unknown = await (
			await worker.call('check', { text: 'Bonjour', mode: 'typed', language: 'fr' })
		).done;
		expect(unknown).toMatchObject({
			kind: 'error',
			error: { name: 'UnsupportedLanguageError', code: 'tutor/unsupported-language' }
		});
		const bad = await (
			await worker.call('check', { text: 'Hallo', mode: 'sung' as never, language: 'de' })
		).done;
		expect(bad).toMatchObject({ kind: 'error', error: { code: 'tutor/bad-check-request' } });
		const badWords = await (
			await worker.call('spell', { words: 'Haus' as never, language: 'de' })
		).done;
		expect(badWords).toMatchObject({ kind: 'error', error: { code: 'tutor/bad-check-request' } });
	});

	it('tries a failed load again on the next call', async () => {
		let fail = true;
		const flaky: FileLoader = async (language, name) => {
			if (fail) throw new Error('offline');
			return nodeFiles(language, name);
		};
		const worker = driveHandlers<CheckProtocol>(createCheckHandlers(flaky));
		const failed = await (await worker.call('load', { language: 'de' })).done;
		expect(failed).toMatchObject({ kind: 'error', error: { message: 'offline' } });
		fail = false;
		const loaded = await (await worker.call('load', { language: 'de' })).done;
		expect(loaded.kind).toBe('result');
	});
});
