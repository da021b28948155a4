// A small OpenAI-compatible server on loopback for tests: GET /v1/models and streaming
// POST /v1/chat/completions (Server-Sent Events), with CORS like Ollama or LM Studio.
import { createServer } from 'node:http';

/**
 * @param {{ models?: string[], reply?: (messages: {role: string, content: string}[]) => string, delayMs?: number }} [options]
 */
export async function startOpenAiServer({
	models = ['tiny-chat'],
	reply = () => 'Hallo! Wie geht es dir?',
	delayMs = 5
} = {}) {
	/** @type {{ messages: {role: string, content: string}[], body: Record<string, unknown>, authorization?: string }[]} */
	const requests = [];
	const server = createServer(async (req, res) => {
		res.setHeader('Access-Control-Allow-Origin', '*');
		res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
		if (req.method === 'OPTIONS') return res.writeHead(204).end();
		if (req.method === 'GET' && req.url === '/v1/models') {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			return res.end(
				JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model' })) })
			);
		}
		if (req.method === 'POST' && req.url === '/v1/chat/completions') {
			let raw = '';
			for await (const chunk of req) raw += chunk;
			const body = JSON.parse(raw);
			requests.push({ messages: body.messages, body, authorization: req.headers.authorization });
			if (!models.includes(body.model)) {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				return res.end(JSON.stringify({ error: { message: `model '${body.model}' not found` } }));
			}
			res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
			const words = reply(body.messages).split(/(?<= )/);
			let closed = false;
			req.on('close', () => (closed = true));
			res.on('close', () => (closed = true));
			const send = (/** @type {unknown} */ data) => res.write(`data: ${JSON.stringify(data)}\n\n`);
			for (const word of words) {
				if (closed) return;
				send({
					id: 'c1',
					object: 'chat.completion.chunk',
					choices: [{ index: 0, delta: { content: word }, finish_reason: null }]
				});
				await new Promise((done) => setTimeout(done, delayMs));
			}
			send({
				id: 'c1',
				object: 'chat.completion.chunk',
				choices: [{ index: 0, delta: {}, finish_reason: 'stop' }]
			});
			send({
				id: 'c1',
				object: 'chat.completion.chunk',
				choices: [],
				usage: { prompt_tokens: 42, completion_tokens: words.length }
			});
			res.write('data: [DONE]\n\n');
			return res.end();
		}
		res.writeHead(404).end();
	});
	await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () => new Promise((done) => server.close(() => done(undefined)))
	};
}
