import { repos } from '$lib/db';
import { downloadBlob } from '$lib/ui/download';
import { remux } from './remux';

/** A file name from the recording's title and date: "Call with Lena 2026-12-06.webm". */
export function exportName(title: string, startedAt: number, extension: string): string {
	const date = new Date(startedAt).toISOString().slice(0, 10);
	const safe = title.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Recording';
	return `${safe} ${date}.${extension}`;
}

/** The recording as one Blob made of the stored chunks (read from disk as it is used). */
export async function recordingBlob(id: string) {
	const { recording, blobs } = await repos.recordings.playable(id);
	return { recording, blob: new Blob(blobs, { type: recording.mimeType.split(';')[0] }) };
}

/** Downloads the recording as the WebM it is stored as. */
export async function exportWebm(id: string): Promise<void> {
	const { recording, blob } = await recordingBlob(id);
	downloadBlob(blob, exportName(recording.title, recording.startedAt, 'webm'));
}

/**
 * Downloads the recording as MP4 (the same VP9 + Opus, remuxed: no re-encoding). The MP4 is
 * written to a file in the origin's private file system as it is made (the muxer goes back to
 * fill in sizes, which a file allows), so a long recording is never held in memory.
 */
export async function exportMp4(
	id: string,
	onProgress?: (fraction: number) => void
): Promise<void> {
	const { recording, blob } = await recordingBlob(id);
	const root = await navigator.storage.getDirectory();
	const name = `export-${id}.mp4`;
	const handle = await root.getFileHandle(name, { create: true });
	const writable = await handle.createWritable();
	try {
		await remux(blob, writable, { format: 'mp4', onProgress });
	} catch (error) {
		await writable.abort();
		await root.removeEntry(name);
		throw error;
	}
	const file = await handle.getFile();
	downloadBlob(
		new Blob([file], { type: 'video/mp4' }),
		exportName(recording.title, recording.startedAt, 'mp4')
	);
	// The download reads the file after click(); the copy goes once it has had time to.
	setTimeout(() => void root.removeEntry(name).catch(() => undefined), 120_000);
}
