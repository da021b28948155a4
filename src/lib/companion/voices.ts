import type { LanguageCode } from './languages';

export type VoiceEngine = 'kokoro' | 'piper' | 'system';

export interface VoiceInfo {
	id: string;
	label: string;
	language: LanguageCode | 'any';
	engine: VoiceEngine;
	/** Licence of the voice model, shown in the voice picker. */
	licence: string;
}

/**
 * Voices a companion can use. Neural voices download on first use (see lib/ai/speech);
 * `system` uses the browser's own speechSynthesis and needs no download.
 */
export const VOICES: readonly VoiceInfo[] = [
	{
		id: 'auto',
		label: 'Automatic (best for the language)',
		language: 'any',
		engine: 'system',
		licence: '—'
	},
	{
		id: 'kokoro:af_heart',
		label: 'Heart (US English, warm)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0'
	},
	{
		id: 'kokoro:af_bella',
		label: 'Bella (US English, bright)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0'
	},
	{
		id: 'kokoro:am_michael',
		label: 'Michael (US English, calm)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0'
	},
	{
		id: 'kokoro:bf_emma',
		label: 'Emma (British English)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0'
	},
	{
		id: 'kokoro:bm_george',
		label: 'George (British English)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0'
	},
	{
		id: 'piper:de_DE-thorsten-medium',
		label: 'Thorsten (German)',
		language: 'de',
		engine: 'piper',
		licence: 'CC0-1.0 (Thorsten-Voice dataset)'
	},
	{
		id: 'system',
		label: 'Browser voice (no download)',
		language: 'any',
		engine: 'system',
		licence: 'provided by your system'
	}
];

export const VOICE_IDS = VOICES.map((voice) => voice.id);

export function voicesFor(languages: readonly string[]): VoiceInfo[] {
	return VOICES.filter((voice) => voice.language === 'any' || languages.includes(voice.language));
}
