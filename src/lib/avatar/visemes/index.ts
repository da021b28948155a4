/**
 * Visemes: the mouth shapes of what is said, timed to a chunk's audio.
 *
 * A voice that knows its phonemes (Kokoro; Piper through espeak-ng) passes them as IPA per word;
 * the others (MMS/VITS, the browser's voice) pass only the text, and the German or English
 * grapheme-to-viseme rules read it. `alignVisemes` spreads the visemes over the chunk's audio
 * (on the waveform's pauses, given the samples); the avatar plays the cues from the moment the
 * chunk starts on the AudioContext clock. Pure functions, no DOM: workers may import this.
 */
import { alignVisemes } from './align';

export { VISEMES } from './types';
export type { AlignInput, Viseme, VisemeCue, VisemeLanguage } from './types';
export { alignVisemes };
export { wordVisemes, textWords } from './graphemes';
export { phonemeVisemes } from './phonemes';
export { visemeAt } from './track';
