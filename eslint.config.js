import prettier from 'eslint-config-prettier';
import path from 'node:path';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, includeIgnoreFile } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';

const gitignorePath = path.resolve(import.meta.dirname, '.gitignore');

/** The model libraries: only `src/lib/ai/**` may import them. */
const MODEL_LIBRARIES = [
	'@huggingface/transformers',
	'@mlc-ai/web-llm',
	'onnxruntime-web',
	'onnxruntime-web/*',
	'@ricky0123/vad-web',
	'@ricky0123/vad-web/*',
	'kokoro-js'
];

/**
 * The boundaries of docs/architecture.md, as lint. Each entry restricts imports in the files it
 * names; `ignores` are the rooms allowed to import them. ESLint applies only the last matching
 * `no-restricted-imports` per file, so the rooms are written as one rule per file set below.
 */
const dexie = { group: ['dexie', 'dexie/*'], message: 'Only src/lib/db/ imports Dexie.' };
const models = { group: MODEL_LIBRARIES, message: 'Only src/lib/ai/ imports the model libraries.' };
const supabase = { group: ['@supabase/*'], message: 'Only src/lib/sync/ imports Supabase.' };
/** ts-fsrs patches Date.prototype on import: only the review module (loaded lazily) imports it. */
const fsrs = { group: ['ts-fsrs'], message: 'Only src/lib/tutor/review/ imports ts-fsrs.' };
const svelteInWorker = {
	group: ['svelte', 'svelte/*', '*.svelte', '*.svelte.ts', '*.svelte.js'],
	message:
		'Workers are bundled without the Svelte plugin: nothing they import may use Svelte or runes.'
};

/** @param {object[]} patterns */
const restrict = (patterns) => ({
	rules: { 'no-restricted-imports': ['error', { patterns }] }
});

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// typescript-eslint strongly recommend that you do not use the no-undef lint rule on TypeScript projects.
			// see: https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser
			}
		}
	},
	{
		// A promise nobody awaits or catches fails silently (or as an unhandled rejection).
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		// Kit's tsconfig leaves the service worker out (it has its own globals).
		ignores: ['src/service-worker.ts'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'] }
		},
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	},
	{ rules: { 'svelte/button-has-type': 'error' } },
	// Boundaries (docs/architecture.md). Later entries override earlier ones for the files they
	// match, so each room lists everything it may not import.
	{ files: ['src/**'], ...restrict([dexie, models, supabase, fsrs]) },
	{ files: ['src/lib/tutor/review/**'], ...restrict([dexie, models, supabase]) },
	{ files: ['src/lib/db/**'], ...restrict([models, supabase, fsrs]) },
	{ files: ['src/lib/ai/**'], ...restrict([dexie, supabase, fsrs]) },
	{ files: ['src/lib/sync/**'], ...restrict([dexie, models, fsrs]) },
	{
		files: ['src/routes/**'],
		...restrict([
			{
				regex: '^(?![.$]|svelte$|svelte/)',
				message: 'Routes are thin: they import $lib and Svelte only, no library directly.'
			}
		])
	},
	{
		// Worker entries and the code only workers run. tests/unit/architecture/worker-imports.test.ts follows every
		// worker's whole import graph, which a per-file lint rule cannot.
		files: ['src/**/*.worker.ts', 'src/lib/workers/**', 'src/lib/**/worker/**'],
		...restrict([dexie, supabase, svelteInWorker, fsrs])
	}
);
