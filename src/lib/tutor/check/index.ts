/**
 * The tutor's deterministic correction layer. The page uses `checkText` (a worker);
 * Node code (tests, bench) uses `createNodeChecker` from `./node`.
 */
export { checkClient, checkText, CheckClient, type CheckTextOptions } from './client';
export { UnsupportedLanguageError } from './checker';
export type { ExplanationLanguage } from './finding';
export { CHECK_FILE_URLS } from './files.browser';
export type { CheckResult, CorrectionEdit, InputMode } from '../types';
