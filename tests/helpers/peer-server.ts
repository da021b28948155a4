import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { LoopbackNamespace } from './netns';

/**
 * A real PeerJS server (`scripts/signal.mjs`, the `peer` package) on 127.0.0.1, in its own
 * process so that a test can kill it outright (SIGKILL, as a crash) and start it again on the
 * same port.
 */
export class PeerServerProcess {
	#child: ChildProcess | null = null;

	private constructor(
		readonly port: number,
		private readonly namespace: LoopbackNamespace | null
	) {}

	/** Starts it on a free port, inside `namespace` when one is given. */
	static async start(namespace: LoopbackNamespace | null = null): Promise<PeerServerProcess> {
		const server = new PeerServerProcess(await freePort(), namespace);
		await server.restart();
		return server;
	}

	/** Starts it (again); resolves once it listens. */
	async restart(): Promise<void> {
		if (this.#child) return;
		const args = ['scripts/signal.mjs', '--port', String(this.port)];
		const child = this.namespace
			? this.namespace.spawn(process.execPath, args)
			: spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		this.#child = child;
		await new Promise<void>((resolve, reject) => {
			let output = '';
			const listen = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('listening')) resolve();
			};
			child.stdout?.on('data', listen);
			child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.once('exit', (code) =>
				reject(new Error(`The signalling server exited (${code}) before listening: ${output}`))
			);
		});
	}

	/** Kills it at once, as a crash would; resolves once the process is gone. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (!child) return;
		this.#child = null;
		if (child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			child.once('exit', () => resolve());
			child.kill('SIGKILL');
		});
	}
}

/**
 * The app's production build served inside `namespace` on the same port as outside (the
 * namespace has its own loopback), so the browsers in it open the same addresses.
 */
export async function serveAppInside(
	namespace: LoopbackNamespace,
	port: number
): Promise<ChildProcess> {
	const child = namespace.spawn(process.execPath, [
		'scripts/serve.mjs',
		'--port',
		String(port),
		'--mount',
		'/__models=tests/fixtures/.generated/models'
	]);
	await new Promise<void>((resolve, reject) => {
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('is running at')) resolve();
		});
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => reject(new Error(`The app server exited (${code}): ${output}`)));
	});
	return child;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}
