/**
 * What the settings panels of worker models (speech recognition, memory search) share: where a
 * model's files are stored, loading it now, and deleting it from the device.
 */
import { deleteStored, sourceUrl, type ModelFiles } from '$lib/ai/model-store';
import type { ModelSource } from '$lib/ai/source';
import { attempt, isAbortError, reportError } from '$lib/errors';
import { toasts } from '$lib/ui/toasts.svelte';

/** The stored files of a model loaded from `source`. */
export const filesOf = (request: { source: ModelSource; model: string }): ModelFiles => ({
	prefixes: [sourceUrl(request.source, request.model)]
});

/** Loads (downloading if needed); a failure is shown by the panel and only logged here. */
export async function loadNow(load: () => Promise<void>, what: string): Promise<void> {
	try {
		await load();
	} catch (caught) {
		if (!isAbortError(caught))
			reportError(caught, { context: `downloading ${what}`, silent: true });
	}
}

/** Unloads the model and deletes its files from this device. */
export async function deleteModel(
	model: { reset(): void },
	files: ModelFiles,
	what: string
): Promise<void> {
	await attempt(
		async () => {
			model.reset();
			await deleteStored(files);
			toasts.success(`Deleted the ${what} model from this device.`);
		},
		{ context: `deleting the ${what} model` }
	);
}
