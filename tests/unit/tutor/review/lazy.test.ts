import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// ts-fsrs patches Date.prototype when it loads: it must come only with the review screen. Lint
// keeps every other module from importing it; this follows the static imports (not import()) of
// the first page and of the module's light half, which lint cannot.

const SRC = resolve('src');
const LIB = join(SRC, 'lib');
const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g;

function resolveImport(from: string, specifier: string): string | undefined {
	const bare = specifier.split('?')[0];
	let base: string;
	if (bare.startsWith('$lib/')) base = join(LIB, bare.slice('$lib/'.length));
	else if (bare.startsWith('.')) base = resolve(dirname(from), bare);
	else return undefined;
	const candidates = [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
	return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** The chain of files by which `entry` statically imports `pkg`, or null. */
function staticPathTo(entry: string, pkg: string): string[] | null {
	const seen = new Set<string>();
	const visit = (file: string): string[] | null => {
		if (seen.has(file)) return null;
		seen.add(file);
		for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
			const specifier = match[1];
			if (specifier === pkg) return [relative(SRC, file)];
			const next = resolveImport(file, specifier);
			const path = next && visit(next);
			if (path) return [relative(SRC, file), ...path];
		}
		return null;
	};
	return visit(entry);
}

describe('ts-fsrs stays with the review screen', () => {
	it.each([
		'routes/+layout.svelte',
		'routes/+page.svelte',
		'lib/components/review/DueCount.svelte',
		'lib/tutor/review/index.ts',
		'lib/tutor/review/factories.ts',
		'lib/db/index.ts'
	])('%s does not load it', (entry) => {
		expect(staticPathTo(join(SRC, entry), 'ts-fsrs')).toBeNull();
	});

	it('the review screen does (the check finds it where it is)', () => {
		expect(staticPathTo(join(SRC, 'routes/review/+page.svelte'), 'ts-fsrs')).toEqual([
			'routes/review/+page.svelte',
			'lib/components/review/ReviewScreen.svelte',
			'lib/tutor/review/session.svelte.ts',
			'lib/tutor/review/scheduler.ts'
		]);
	});
});
