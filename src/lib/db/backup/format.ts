import * as v from 'valibot';

export const BACKUP_FORMAT = 'kompanion-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

export const tablePath = (name: string) => `tables/${name}.json`;
export const blobPath = (index: number) => `blobs/${index}`;

/** Stands in for a Blob inside a row; the bytes live in the zip under `path`. */
export const BlobRefSchema = v.object({
	$blob: v.pipe(v.string(), v.regex(/^blobs\/\d+$/)),
	type: v.pipe(v.string(), v.maxLength(100))
});
export type BlobRef = v.InferOutput<typeof BlobRefSchema>;

export const ManifestSchema = v.object({
	format: v.literal(BACKUP_FORMAT),
	formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	appVersion: v.string(),
	exportedAt: v.number(),
	tables: v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0)))
});
export type BackupManifest = v.InferOutput<typeof ManifestSchema>;

export interface BackupSummary {
	tables: Record<string, number>;
	blobs: number;
	bytes: number;
}
