import { german } from './de';
import type { LanguageModule } from './language';

/** The target languages the deterministic layer checks. Another language is one more entry. */
export const LANGUAGES: Readonly<Record<string, LanguageModule>> = { de: german };
