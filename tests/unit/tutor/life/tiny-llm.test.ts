import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, pipeline, type TextGenerationPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildAllTinyModels,
	LLM_LIFE_ID,
	LLM_LIFE_REPLY,
	writeModel
} from '../../../../scripts/tiny-models/index.mjs';
import type { ChatTurn } from '$lib/ai/llm/engine';
import { buildChatPrompt, CHAT_SECTIONS } from '$lib/prompt';
import { ENRICH_ATTEMPTS, LifeEnricher } from '$lib/tutor/life/enrich';
import { LifeService } from '$lib/tutor/life/service';
import { companionDraft, makeTestDb } from '../../../helpers/factories';
import type { Companion } from '$lib/companion/schema';

// The real tiny model (kompanion-test/tiny-llm-life) through transformers.js: the life section
// reaches its prompt, and its scripted invalid days take the rewrite down the retry path.

let root = '';
let generator: TextGenerationPipeline;
const contexts: ReturnType<typeof makeTestDb>[] = [];

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'kompanion-life-llm-'));
	await writeModel(
		root,
		buildAllTinyModels().find((model) => model.id === LLM_LIFE_ID)!
	);
	env.allowRemoteModels = false;
	env.allowLocalModels = true;
	env.localModelPath = root;
	env.useFSCache = false;
	generator = (await pipeline('text-generation', LLM_LIFE_ID, {
		dtype: 'fp32'
	})) as TextGenerationPipeline;
});

afterAll(async () => {
	for (const ctx of contexts.splice(0)) await ctx.db.delete();
	await rm(root, { recursive: true, force: true });
});

async function generate(messages: readonly ChatTurn[]): Promise<string> {
	const [output] = (await generator([...messages], { max_new_tokens: 400 })) as {
		generated_text: ChatTurn[];
	}[];
	return output.generated_text.at(-1)!.content;
}

/** Saturday 7 March 2026, 10:00 in Berlin: the Bäckerei Kaya was at 09:30. */
async function life() {
	const ctx = makeTestDb();
	contexts.push(ctx);
	const service = new LifeService({
		repos: ctx.repos,
		now: () => Date.UTC(2026, 2, 7, 9, 0),
		idle: () => Promise.resolve(),
		seed: () => 42
	});
	await service.enable({ id: 'preset-lena' });
	return { ...ctx, service };
}

describe('the life simulation with the tiny LLM', () => {
	it('a chat prompt carries today’s event, and the reply tells of it', async () => {
		expect.assertions(3);
		const { service } = await life();
		const sections = await service.sections('preset-lena', 400);
		const companion = {
			...companionDraft({ name: 'Lena', languages: ['de'] }),
			id: 'preset-lena',
			createdAt: 0,
			updatedAt: 0
		} as Companion;
		const prompt = buildChatPrompt({
			context: { companion },
			history: [{ role: 'user', content: 'Was hast du heute gemacht?' }],
			contextWindow: 4096,
			sections: [...CHAT_SECTIONS, ...sections]
		});
		expect(prompt.system.text).toContain('Bäckerei Kaya');
		expect(await generate(prompt.messages)).toBe(LLM_LIFE_REPLY);
		// Without the section the same question gets the default reply.
		const bare = buildChatPrompt({
			context: { companion },
			history: [{ role: 'user', content: 'Was hast du heute gemacht?' }],
			contextWindow: 4096
		});
		expect(await generate(bare.messages)).not.toBe(LLM_LIFE_REPLY);
	});

	it('invalid days are asked for twice more, then the generator’s day stays', async () => {
		expect.assertions(4);
		const { repos } = await life();
		let calls = 0;
		const enricher = new LifeEnricher({
			repos,
			now: () => Date.UTC(2026, 2, 7, 9, 0),
			generate: async (prompt) => {
				calls++;
				return generate(prompt);
			}
		});
		const reports = await enricher.enrich('preset-lena', 'A2');
		expect(reports.map((r) => [r.outcome, r.attempts])).toEqual([
			['rejected', ENRICH_ATTEMPTS],
			['rejected', ENRICH_ATTEMPTS]
		]);
		expect(calls).toBe(2 * ENRICH_ATTEMPTS);
		expect(reports[0].reasons[0]).toMatch(/^schema/u);
		expect((await repos.life.day('preset-lena', '2026-03-07'))!.writtenBy).toBe('generator');
	});
});
