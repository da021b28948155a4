import type { LanguageCode } from './languages';

export type VoiceEngine = 'kokoro' | 'vits' | 'piper' | 'system';

export interface VoiceInfo {
	id: string;
	label: string;
	language: LanguageCode | 'any';
	engine: VoiceEngine;
	/** Licence of the voice model, shown in the voice picker. */
	licence: string;
}

/**
 * Voices a companion can use. Neural voices download on first use (lib/ai/speech); `system` uses
 * the browser's own speechSynthesis and needs no download; `auto` picks by language.
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
		licence: 'Apache-2.0 (Kokoro-82M)'
	},
	{
		id: 'kokoro:af_bella',
		label: 'Bella (US English, bright)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0 (Kokoro-82M)'
	},
	{
		id: 'kokoro:am_michael',
		label: 'Michael (US English, calm)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0 (Kokoro-82M)'
	},
	{
		id: 'kokoro:bf_emma',
		label: 'Emma (British English)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0 (Kokoro-82M)'
	},
	{
		id: 'kokoro:bm_george',
		label: 'George (British English)',
		language: 'en',
		engine: 'kokoro',
		licence: 'Apache-2.0 (Kokoro-82M)'
	},
	{
		id: 'piper:thorsten-scratch',
		label: 'Thorsten (German, Piper, free for any use)',
		language: 'de',
		engine: 'piper',
		licence: 'CC0-1.0 (Thorsten-Voice Piper-Scratch): any use, commercial too'
	},
	{
		id: 'piper:thorsten',
		label: 'Thorsten classic (German, Piper)',
		language: 'de',
		engine: 'piper',
		licence:
			'MIT (rhasspy piper-voices), fine-tuned from the lessac voice, whose data is for research only: check before commercial use'
	},
	{
		id: 'mms:deu',
		label: 'MMS German (neural)',
		language: 'de',
		engine: 'vits',
		licence: 'CC-BY-NC-4.0 (Meta MMS): personal, non-commercial use'
	},
	{
		id: 'mms:eng',
		label: 'MMS English (neural)',
		language: 'en',
		engine: 'vits',
		licence: 'CC-BY-NC-4.0 (Meta MMS): personal, non-commercial use'
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

/**
 * The voice `auto` means for a language: Kokoro for English, the CC0 Piper Thorsten for German
 * (free for any use, unlike MMS), else the browser's.
 */
export function resolveVoice(id: string, language: string): string {
	if (id !== 'auto') return id;
	if (language === 'en') return 'kokoro:af_heart';
	if (language === 'de') return 'piper:thorsten-scratch';
	return 'system';
}
