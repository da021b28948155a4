import tickerUrl from './ticker.worker.ts?worker&url';

/**
 * Calls `onTick` every `intervalMs`, also while the page is hidden (a worker keeps the time; a
 * hidden page's own timers run at most once a second, and its animation frames not at all). A
 * tick that comes late is not made up for: a busy page gets fewer ticks, never a backlog.
 */
export class Ticker {
	#worker: Worker | null = null;

	constructor(
		private readonly intervalMs: number,
		private readonly onTick: () => void
	) {}

	start(): void {
		if (this.#worker) return;
		this.#worker = new Worker(tickerUrl, { type: 'module', name: 'clock' });
		const worker = this.#worker;
		worker.onmessage = () => {
			try {
				this.onTick();
			} finally {
				worker.postMessage('done');
			}
		};
		worker.postMessage({ start: this.intervalMs });
	}

	stop(): void {
		this.#worker?.terminate();
		this.#worker = null;
	}
}
