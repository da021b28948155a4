import type { DeviceReport } from './device';
import type { TurnLatency } from './latencies';
import { summarise } from './latencies';
import type { InstalledModel } from './models';
import type { SelfTestResult } from './self-test';

/** What "Copy report" puts on the clipboard: figures about the device, never messages or names. */
export interface DiagnosticsReport {
	kind: 'kompanion-diagnostics';
	version: 1;
	createdAt: string;
	/** The app's version, so a report says which build it describes. */
	app: string;
	device: DeviceReport | null;
	models: InstalledModel[];
	selfTest: SelfTestResult | null;
	calls: ReturnType<typeof summarise> & { recent: Omit<TurnLatency, 'at'>[] };
}

export function buildReport(parts: {
	app: string;
	device: DeviceReport | null;
	models: InstalledModel[];
	selfTest: SelfTestResult | null;
	turns: readonly TurnLatency[];
}): DiagnosticsReport {
	return {
		kind: 'kompanion-diagnostics',
		version: 1,
		createdAt: new Date().toISOString(),
		app: parts.app,
		device: parts.device,
		models: parts.models,
		selfTest: parts.selfTest,
		// Timings only: when each turn was is left out, and nothing of what was said.
		calls: {
			...summarise(parts.turns),
			recent: parts.turns.map(({ at: _at, ...stages }) => stages)
		}
	};
}
