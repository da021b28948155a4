import { probeDevice, type DeviceReport } from './device';
import type { TurnLatency } from './latencies';
import { installedModels, type InstalledModel } from './models';
import { recentTurns } from './recent-turns';
import { buildReport, type DiagnosticsReport } from './report';
import type { SelfTestResult, StepResult } from './self-test';

/**
 * The diagnostics page's state: the device, the stored models, the person's recent call
 * timings and the self-test. Reading them loads no model; the self-test's code (and with it the
 * model runtimes) loads only when it runs.
 */
export class Diagnostics {
	device = $state.raw<DeviceReport | null>(null);
	models = $state.raw<InstalledModel[] | null>(null);
	turns = $state.raw<TurnLatency[] | null>(null);
	steps = $state.raw<StepResult[]>([]);
	selfTest = $state.raw<SelfTestResult | null>(null);
	running = $state(false);

	/** Reads the device, the model caches and the stored call timings, each as it arrives. */
	async load(): Promise<void> {
		await Promise.all([
			probeDevice().then((device) => (this.device = device)),
			installedModels().then((models) => (this.models = models)),
			recentTurns().then((turns) => (this.turns = turns))
		]);
	}

	async runSelfTest(download: boolean): Promise<void> {
		if (this.running) return;
		this.running = true;
		this.steps = [];
		this.selfTest = null;
		try {
			const { runSelfTest } = await import('./self-test');
			this.selfTest = await runSelfTest(
				{ download },
				(step) => (this.steps = [...this.steps, step])
			);
			// What the test downloaded is installed now.
			this.models = await installedModels();
		} finally {
			this.running = false;
		}
	}

	report(app: string): DiagnosticsReport {
		return buildReport({
			app,
			device: this.device,
			models: this.models ?? [],
			selfTest: this.selfTest,
			turns: this.turns ?? []
		});
	}
}
