import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = resolve('src/lib');

/** Every module under these folders of src/lib, with the src/lib modules it imports. */
function imports(...folders: string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const folder of folders) {
		for (const entry of readdirSync(join(LIB, folder), { recursive: true, withFileTypes: true })) {
			if (!entry.isFile() || !/\.(ts|svelte)$/.test(entry.name)) continue;
			const file = join(entry.parentPath, entry.name);
			const source = readFileSync(file, 'utf8');
			const targets = [...source.matchAll(/(?:from|import)\s+'([^']+)'/g)]
				.map(([, spec]) =>
					spec.startsWith('$lib/')
						? join(LIB, spec.slice(5))
						: spec.startsWith('.')
							? resolve(dirname(file), spec)
							: null
				)
				.filter((target): target is string => target !== null)
				.map((target) => relative(LIB, target).replace(/\.(ts|svelte)$/, ''));
			graph.set(relative(LIB, file).replace(/\.(ts|svelte)$/, ''), targets);
		}
	}
	return graph;
}

const folderOf = (module: string) => module.split('/')[0];

describe('the prompt, chat and memory modules', () => {
	it('import downwards only: prompt/ neither chat/ nor memory/, memory/ not chat/', () => {
		const upward: string[] = [];
		const forbidden: Record<string, string[]> = {
			prompt: ['chat', 'memory', 'call'],
			memory: ['chat', 'call']
		};
		for (const [module, targets] of imports('prompt', 'memory'))
			for (const target of targets)
				if (forbidden[folderOf(module)].includes(folderOf(target)))
					upward.push(`${module} → ${target}`);
		expect(upward).toEqual([]);
	});

	it('have no import cycles', () => {
		const graph = imports('prompt', 'chat', 'memory');
		const resolveModule = (target: string) =>
			graph.has(target) ? target : graph.has(`${target}/index`) ? `${target}/index` : null;
		const cycles: string[] = [];
		const done = new Set<string>();
		const visit = (module: string, path: string[]) => {
			if (path.includes(module)) {
				cycles.push([...path.slice(path.indexOf(module)), module].join(' → '));
				return;
			}
			if (done.has(module)) return;
			for (const target of graph.get(module) ?? []) {
				const next = resolveModule(target);
				if (next) visit(next, [...path, module]);
			}
			done.add(module);
		};
		for (const module of graph.keys()) visit(module, []);
		expect(graph.size).toBeGreaterThan(10);
		expect(cycles).toEqual([]);
	});
});
