import { settings } from '$lib/settings';
import type { DidCallOptions } from './call-voice.svelte';
import { DID_API_BASE } from './contract';

export { DidCallVoice, HostedFace, type DidCallOptions } from './call-voice.svelte';
export { DidStream, uploadImage, type DidClientOptions } from './client';
export { DID_API_BASE, DidError } from './contract';

/**
 * D-ID for a call, from the settings (read as they are now: load them first): null unless the
 * person turned it on, gave a key and a photo, and has seen what leaves the device.
 */
export function didCallOptions(): DidCallOptions | null {
	const did = settings.get('avatar.did');
	const apiKey = settings.get('avatar.did.apiKey');
	if (!did.enabled || !did.noticeSeen || !apiKey || !did.sourceUrl) return null;
	return {
		client: { base: did.apiBase || DID_API_BASE, apiKey },
		sourceUrl: did.sourceUrl,
		voice: did.voice
	};
}
