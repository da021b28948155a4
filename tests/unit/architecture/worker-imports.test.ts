import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Workers are bundled without the Svelte plugin, so nothing a worker runs may import Svelte, a
// component or a rune module (`*.svelte.ts`). ESLint checks each file's own imports
// (eslint.config.js); this follows every worker's whole import graph, which lint cannot.

const SRC = resolve('src');
const LIB = join(SRC, 'lib');
const SVELTE = /^svelte($|\/)|\.svelte($|\.[jt]s$)/;
const IMPORT =
	/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir: string): Generator<string> {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* files(path);
		else yield path;
	}
}

/** The source file an import names, or undefined for packages. */
function resolveImport(from: string, specifier: string): string | undefined {
	const bare = specifier.split('?')[0];
	let base: string;
	if (bare.startsWith('$lib/')) base = join(LIB, bare.slice('$lib/'.length));
	else if (bare.startsWith('.')) base = resolve(dirname(from), bare);
	else return undefined;
	const candidates = [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
	return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** Every import of a Svelte module reachable from `entry`, as "file → specifier". */
function svelteImportsReachable(entry: string): string[] {
	const seen = new Set<string>();
	const found: string[] = [];
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
			const specifier = match[1] ?? match[2];
			if (SVELTE.test(specifier.split('?')[0])) {
				found.push(`${relative(SRC, file)} → ${specifier}`);
				continue;
			}
			const next = resolveImport(file, specifier);
			if (next) visit(next);
		}
	};
	visit(entry);
	return found;
}

const workers = [...files(SRC)].filter((path) => path.endsWith('.worker.ts'));

describe('worker import graphs', () => {
	it('finds the workers', () => {
		expect(workers.length).toBeGreaterThanOrEqual(6);
	});

	it.each(workers.map((path) => [relative(SRC, path), path]))(
		'%s reaches no Svelte module',
		(_, path) => {
			expect(svelteImportsReachable(path)).toEqual([]);
		}
	);

	it('would catch a rune module two imports away', () => {
		// The checker itself: a graph that does reach one must be reported.
		const entry = join(LIB, 'ai/llm/index.ts');
		expect(svelteImportsReachable(entry).some((hit) => hit.includes('.svelte'))).toBe(true);
	});
});
