import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A network namespace with nothing but loopback, made by the test (needs root, as in CI): the
 * browsers, the app's server and the signalling server run inside it, so WebRTC has no other
 * interface to use, and a test can take the network away (`blip`). `create()` returns the reason
 * instead when it cannot be made here.
 */
export class LoopbackNamespace {
	readonly #holder: ChildProcess;
	readonly #dir: string;

	private constructor(holder: ChildProcess) {
		this.#holder = holder;
		this.#dir = mkdtempSync(join(tmpdir(), 'kompanion-netns-'));
	}

	static async create(): Promise<LoopbackNamespace | string> {
		if (process.platform !== 'linux') return 'network namespaces are Linux only';
		if (process.getuid?.() !== 0) return 'making a network namespace needs root';
		const holder = spawn('unshare', ['--net', 'sleep', 'infinity'], { stdio: 'ignore' });
		const own = readlinkSync('/proc/self/ns/net');
		const deadline = Date.now() + 5000;
		while (Date.now() < deadline) {
			if (holder.exitCode !== null) return `unshare --net failed (exit ${holder.exitCode})`;
			try {
				if (holder.pid && readlinkSync(`/proc/${holder.pid}/ns/net`) !== own) {
					const namespace = new LoopbackNamespace(holder);
					const up = namespace.run('ip', ['link', 'set', 'lo', 'up']);
					if (up) {
						namespace.close();
						return `could not bring loopback up: ${up}`;
					}
					return namespace;
				}
			} catch (error) {
				// /proc/<pid>/ns/net appears as the child execs: keep waiting.
				void error;
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		holder.kill();
		return 'unshare --net did not make a namespace in time';
	}

	get #enter(): string[] {
		return ['nsenter', `--net=/proc/${this.#holder.pid}/ns/net`];
	}

	/** Runs a command inside to its end; returns its error output when it failed, else ''. */
	run(command: string, args: string[]): string {
		const [enter, ...rest] = this.#enter;
		const result = spawnSync(enter, [...rest, command, ...args], { encoding: 'utf8' });
		return result.status === 0 ? '' : `${result.stderr}`.trim() || `exit ${result.status}`;
	}

	/** Starts a long-running process inside. */
	spawn(command: string, args: string[]): ChildProcess {
		const [enter, ...rest] = this.#enter;
		return spawn(enter, [...rest, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	}

	/** An executable that runs `program` inside (for Playwright's executablePath). */
	wrap(program: string): string {
		const path = join(this.#dir, 'inside.sh');
		writeFileSync(path, `#!/bin/sh\nexec ${this.#enter.join(' ')} '${program}' "$@"\n`);
		chmodSync(path, 0o755);
		return path;
	}

	/** Takes loopback away for `ms` and brings it back: a network blip for everything inside. */
	async blip(ms: number): Promise<void> {
		const down = this.run('ip', ['link', 'set', 'lo', 'down']);
		if (down) throw new Error(`could not take loopback down: ${down}`);
		await new Promise((resolve) => setTimeout(resolve, ms));
		const up = this.run('ip', ['link', 'set', 'lo', 'up']);
		if (up) throw new Error(`could not bring loopback up: ${up}`);
	}

	close(): void {
		this.#holder.kill();
		rmSync(this.#dir, { recursive: true, force: true });
	}
}
