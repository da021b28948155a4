// D-ID: the request to open a stream → the first video frame, against the FAKE stand-in
// (tests/helpers/did-standin: D-ID's routes on 127.0.0.1 and a real WebRTC peer, @roamhq/wrtc), with
// the app's own client (src/lib/avatar/did/client.ts) running in Node with @roamhq/wrtc's
// RTCPeerConnection. It shows where the time goes: D-ID's answer to "create", the client's own
// work (the SDP answer), the answer's round trip, and the connection until the first frame. The
// client waits for nothing of its own: each step starts when the last one ended.
// `node bench/did-first-frame.mjs [runs]`. A real D-ID adds its network and rendering time.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2] ?? 15);
const wrtc = createRequire(import.meta.url)('@roamhq/wrtc');

/** @param {string} path */
async function load(path) {
	const { module } = await runnerImport(`${root}${path}`, {
		configFile: false,
		logLevel: 'silent',
		resolve: { alias: { $lib: `${root}src/lib` } }
	});
	return module;
}

const { DidStream } = await load('src/lib/avatar/did/client.ts');
const { startDidStandin } = await load('tests/helpers/did-standin/index.ts');

const standin = await startDidStandin();

/** @param {number[]} values @param {number} q */
const quantile = (values, q) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** @type {Record<string, number[]>} */
const figures = { created: [], answered: [], sdpSent: [], firstFrame: [], ready: [] };
for (let run = 0; run < RUNS + 1; run++) {
	/** @type {Record<string, number>} */
	const marks = {};
	const t0 = performance.now();
	/** @type {typeof fetch} */
	const timedFetch = async (url, init) => {
		const path = new URL(String(url)).pathname;
		const route = path.endsWith('/sdp') ? 'sdp' : path === '/talks/streams' ? 'create' : null;
		if (route === 'sdp') marks.sdpSent ??= performance.now() - t0;
		const response = await fetch(url, init);
		if (route === 'create') marks.created ??= performance.now() - t0;
		if (route === 'sdp') marks.answered ??= performance.now() - t0;
		return response;
	};
	/** @type {{ stop(): void, onframe: (() => void) | null } | undefined} */
	let sink;
	const frame = new Promise((resolve) => {
		const stream = DidStream.open(
			{
				base: standin.url,
				apiKey: standin.apiKey,
				fetch: timedFetch,
				RTCPeerConnection: wrtc.RTCPeerConnection
			},
			'https://example.test/photo.jpg',
			{
				onMedia: (/** @type {MediaStream} */ media) => {
					const video = media.getVideoTracks()[0];
					if (!video || sink) return;
					const videoSink = new wrtc.nonstandard.RTCVideoSink(video);
					videoSink.onframe = () => {
						marks.firstFrame ??= performance.now() - t0;
						resolve(undefined);
					};
					sink = videoSink;
				}
			}
		);
		void stream.then((/** @type {{ close(): Promise<void> }} */ opened) => {
			marks.ready = performance.now() - t0;
			frame.then(() => {
				sink?.stop();
				void opened.close();
			});
		});
	});
	await frame;
	await new Promise((done) => setTimeout(done, 50));
	if (run === 0) continue; // warm-up
	for (const key of Object.keys(figures))
		if (marks[key] !== undefined) figures[key].push(marks[key]);
}
await standin.close();

const row = (/** @type {string} */ label, /** @type {number[]} */ values) =>
	console.log(
		`${label.padEnd(46)} median ${quantile(values, 0.5).toFixed(1).padStart(6)} ms   p95 ${quantile(values, 0.95).toFixed(1).padStart(6)} ms`
	);
console.log(`D-ID stand-in, ${RUNS} streams (after one warm-up), times from the create request:`);
row('create answered (the stand-in makes its offer)', figures.created);
row('SDP answer sent (the client’s own work ends)', figures.sdpSent);
row('SDP answer acknowledged', figures.answered);
row('first video frame', figures.firstFrame);
row('stream ready (stream/ready; open() resolves)', figures.ready);
const own = figures.sdpSent.map((sent, i) => sent - figures.created[i]);
row('client’s own time (create answered → SDP sent)', own);
process.exit(0);
