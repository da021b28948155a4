/** Backups: loaded on demand (it pulls in the zip library), never on the first page. */
export { backupFileName, exportBackup } from './export';
export { MAX_BACKUP_BYTES, readBackup, restoreBackup, type ParsedBackup } from './import';
export type { BackupSummary } from './format';
