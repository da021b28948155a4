// Sync's figures: initial sync of 10k messages + 1k memories (push from device A, pull to device
// B; rows/s), bytes sent per synced message, and the latency of one change (written on A →
// stored on B) with the app's timing (src/lib/sync/timing.ts): A pushes soon after a write, B asks
// at a fixed interval.
// `node bench/sync.mjs [messages] [memories]`. Devices are fake-indexeddb databases in Node; the
// server is the FAKE Supabase stand-in (tests/helpers/supabase-standin) over PGlite (real Postgres
// in WebAssembly, one connection), so the server side is slower than a hosted Postgres would be.
import 'fake-indexeddb/auto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runnerImport } from 'vite';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('..', import.meta.url));
const MESSAGES = Number(process.argv[2] ?? 10_000);
const MEMORIES = Number(process.argv[3] ?? 1_000);

/** @param {string} path */
async function load(path) {
	const { module } = await runnerImport(`${root}${path}`, {
		configFile: false,
		logLevel: 'silent',
		resolve: { alias: { $lib: `${root}src/lib` } }
	});
	return module;
}

const { KompanionDb } = await load('src/lib/db/database.ts');
const { EventBus } = await load('src/lib/events.ts');
const { SyncEngine } = await load('src/lib/sync/engine.ts');
const { connect, sessionStorageIn, SupabaseRemote } = await load('src/lib/sync/remote.ts');
const { PUSH_DELAY_MS, POLL_MS } = await load('src/lib/sync/timing.ts');
const { createPostgres, applyMigrations } = await load('tests/helpers/postgres.ts');
const { startSupabaseStandin } = await load('tests/helpers/supabase-standin/index.ts');

const pg = await createPostgres();
await applyMigrations(pg);
const project = await startSupabaseStandin({ db: pg });
await project.createUser('anna@example.test', 'correct horse');

/** Bytes on the wire per request path, both ways (bodies only). */
const traffic = { sent: new Map(), received: new Map() };
/** @type {typeof fetch} */
const countingFetch = async (input, init) => {
	const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input : input.url);
	const table = url.pathname.split('/').pop() ?? '';
	const body = init?.body;
	const sent = typeof body === 'string' ? Buffer.byteLength(body) : 0;
	traffic.sent.set(table, (traffic.sent.get(table) ?? 0) + sent);
	const response = await fetch(input, init);
	const bytes = Buffer.byteLength(await response.clone().text());
	traffic.received.set(table, (traffic.received.get(table) ?? 0) + bytes);
	return response;
};

let counter = 0;
async function device() {
	const db = new KompanionDb(`bench-sync-${process.pid}-${++counter}`);
	await db.open();
	const client = connect(
		{ url: project.url, anonKey: project.anonKey },
		sessionStorageIn(db.syncState),
		{ webSocket: WebSocket, fetch: countingFetch }
	);
	const { error } = await client.auth.signInWithPassword({
		email: 'anna@example.test',
		password: 'correct horse'
	});
	if (error) throw error;
	return { db, engine: new SyncEngine(db, new SupabaseRemote(client), new EventBus()) };
}

const a = await device();
const b = await device();
const now = Date.now();
await a.db.transaction('rw', a.db.conversations, a.db.messages, a.db.memories, async () => {
	await a.db.conversations.add({
		id: 'chat-1',
		companionId: 'preset-lena',
		kind: 'chat',
		title: 'A long chat',
		startedAt: now,
		updatedAt: now
	});
	await a.db.messages.bulkAdd(
		Array.from({ length: MESSAGES }, (_, i) => ({
			id: `m-${String(i).padStart(6, '0')}`,
			conversationId: 'chat-1',
			role: i % 2 ? 'assistant' : 'user',
			content:
				i % 2
					? 'Das klingt schön! Was hast du am Wochenende sonst noch gemacht?'
					: 'Am Samstag war ich mit meiner Schwester auf dem Markt.',
			createdAt: now + i,
			status: 'complete',
			via: 'text'
		}))
	);
	await a.db.memories.bulkAdd(
		Array.from({ length: MEMORIES }, (_, i) => ({
			id: `mem-${i}`,
			kind: 'semantic',
			namespace: 'shared',
			text: `Anna mentioned fact number ${i}: she likes walking by the Elbe.`,
			importance: 0.5,
			pinned: false,
			version: 1,
			createdBy: 'model',
			createdAt: now,
			updatedAt: now
		}))
	);
});
const rows = 1 + MESSAGES + MEMORIES;
console.log(`Outbox on A: ${await a.db.outbox.count()} entries for ${rows} rows`);

let start = performance.now();
await a.engine.push();
const pushMs = performance.now() - start;
console.log(
	`Initial push (A): ${rows} rows in ${(pushMs / 1000).toFixed(1)} s = ${Math.round(rows / (pushMs / 1000))} rows/s`
);
const perMessage = (traffic.sent.get('messages') ?? 0) / MESSAGES;
console.log(`Bytes sent per synced message: ${perMessage.toFixed(0)} (JSON request body)`);

start = performance.now();
const progress = { pushed: 0, pulled: 0, skipped: [] };
await b.engine.pull(progress);
const pullMs = performance.now() - start;
console.log(
	`Initial pull (B): ${progress.pulled} rows in ${(pullMs / 1000).toFixed(1)} s = ${Math.round(progress.pulled / (pullMs / 1000))} rows/s (${progress.skipped.length} skipped)`
);
console.log(
	`Bytes received per pulled message: ${((traffic.received.get('messages') ?? 0) / MESSAGES).toFixed(0)}`
);
if ((await b.db.messages.count()) < MESSAGES) throw new Error('B is missing messages');

// One change, as the app times it: A pushes PUSH_DELAY_MS after the write; B runs every POLL_MS.
/** @type {number[]} */
const latencies = [];
let stop = false;
let seen = /** @type {((value: number) => void) | undefined} */ (undefined);
let wanted = '';
const bLoop = (async () => {
	while (!stop) {
		await b.engine.run();
		if (wanted && seen && (await b.db.messages.get(wanted))) seen(performance.now());
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
})();
for (let i = 0; i < 20; i++) {
	// Writes land at random points of B's second.
	await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * POLL_MS));
	wanted = `live-${i}`;
	const arrived = new Promise((resolve) => (seen = resolve));
	const written = performance.now();
	await a.db.messages.add({
		id: wanted,
		conversationId: 'chat-1',
		role: 'user',
		content: `Neue Nachricht ${i}`,
		createdAt: Date.now(),
		status: 'complete'
	});
	setTimeout(() => void a.engine.push(), PUSH_DELAY_MS);
	latencies.push(/** @type {number} */ (await arrived) - written);
	seen = undefined;
}
stop = true;
await bLoop;
latencies.sort((x, y) => x - y);
const at = (/** @type {number} */ q) =>
	latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(
	`One change A → B (push ${PUSH_DELAY_MS} ms after the write, B polls every ${POLL_MS} ms), 20 changes: median ${Math.round(at(0.5))} ms, p90 ${Math.round(at(0.9))} ms, max ${Math.round(latencies.at(-1) ?? 0)} ms`
);

await project.close();
await pg.close();
process.exit(0);
