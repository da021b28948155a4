// Prompt prefix reuse in the ONNX engine: the time to the first token of a call's next reply with
// the KV cache of the previous one cut to the shared prefix, against a fresh prefill of the whole
// prompt, through the app's own ONNX handler (onnxruntime-node, CPU) and the tiny generated LLM.
// The tiny model's prefill is cheap, so the figure is the logic's (tokens reused), not a real
// model's time; the stage benchmark of issue #13 measures that with a real-shaped model.
// Usage: node bench/prefix-reuse.mjs [turns=8]
import { createServer } from 'vite';
import { median, round } from './lib.mjs';

const turns = Number(process.argv[2] ?? 8);
const vite = await createServer({
	server: { middlewareMode: true },
	appType: 'custom',
	logLevel: 'error'
});
try {
	const { createOnnxLlmHandlers } = await vite.ssrLoadModule('/src/lib/ai/llm/onnx/handler.ts');
	const { driveHandlers } = await vite.ssrLoadModule('/tests/helpers/rpc.ts');
	const { startModelServer } = await vite.ssrLoadModule('/tests/helpers/model-server.ts');
	const { LLM_ID } = await import('../scripts/tiny-models/index.mjs');
	const server = await startModelServer();
	const system = {
		role: 'system',
		content:
			'You are Lena, a German tutor from Berlin. ' +
			'Speak simple German, correct gently, ask one question at a time. '.repeat(12)
	};
	/** @param {boolean} reuse */
	const run = async (reuse) => {
		const stats = { reusedTokens: 0 };
		const rpc = driveHandlers(createOnnxLlmHandlers(stats));
		await (
			await rpc.call('load', { model: LLM_ID, device: 'cpu', source: server.source })
		).done;
		/** @type {{ role: string, content: string }[]} */
		const history = [];
		/** @type {{ prompt: number, reused: number, firstTokenMs: number }[]} */
		const rows = [];
		for (let turn = 0; turn < turns; turn++) {
			history.push({ role: 'user', content: `Satz Nummer ${turn}: Ich wohne in Hamburg.` });
			// Without reuse, a fresh handler each turn (nothing kept), loaded before the clock starts.
			const target = reuse ? rpc : driveHandlers(createOnnxLlmHandlers());
			if (!reuse)
				await (
					await target.call('load', { model: LLM_ID, device: 'cpu', source: server.source })
				).done;
			const started = performance.now();
			/** @type {any} */
			const call = await target.call('generate', {
				messages: [system, ...history],
				maxTokens: 60,
				temperature: 0
			});
			/** @type {any} */
			const done = await call.done;
			const first = done.data.usage.timeToFirstTokenMs ?? performance.now() - started;
			history.push({ role: 'assistant', content: done.data.text });
			rows.push({
				prompt: done.data.usage.promptTokens,
				reused: reuse ? stats.reusedTokens : 0,
				firstTokenMs: first
			});
		}
		return rows.slice(1); // the first turn has nothing to reuse
	};
	const fresh = await run(false);
	const reused = await run(true);
	/** @param {{ prompt: number, reused: number, firstTokenMs: number }[]} rows */
	const fmt = (rows) => ({
		promptTokens: median(rows.map((r) => r.prompt)),
		reusedTokens: median(rows.map((r) => r.reused)),
		firstTokenMs: round(median(rows.map((r) => r.firstTokenMs)), 1)
	});
	console.log(
		JSON.stringify({ turns: turns - 1, fresh: fmt(fresh), reused: fmt(reused) }, null, 2)
	);
	await server.close();
} finally {
	await vite.close();
}
