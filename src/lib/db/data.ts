import { events } from '$lib/events';
import { db } from './index';
import type { BackupSummary, ParsedBackup } from './backup';
import { eraseEverything } from './erase';

/** "Your data is yours": export, import and erase, for the settings page. */
export async function exportAllData(): Promise<{ blob: Blob; fileName: string }> {
	const backup = await import('./backup');
	const blob = await backup.exportBackup(db, __APP_VERSION__);
	return { blob, fileName: backup.backupFileName() };
}

/** Validates a backup file completely; throws ImportError and writes nothing when it is bad. */
export async function readBackupFile(file: Blob): Promise<ParsedBackup> {
	const backup = await import('./backup');
	return backup.readBackup(file);
}

export async function restoreFromBackup(parsed: ParsedBackup): Promise<BackupSummary> {
	const backup = await import('./backup');
	return backup.restoreBackup(db, events, parsed);
}

export async function eraseAllData(): Promise<void> {
	await eraseEverything(db, events);
}
