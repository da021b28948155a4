import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import staticAdapter from '@sveltejs/adapter-static';

/**
 * adapter-static, plus one step: the SPA fallback page gets relative URLs.
 *
 * SvelteKit writes root-relative URLs (`/_app/...`) into the fallback page, so a build made for
 * `/` breaks under `/kompanion/`. With hash routing the page is always served from the app's own
 * folder, and SvelteKit's runtime and service worker already compute the base from `location`,
 * so relative URLs make one build work under any path, on any static host.
 *
 * @param {import('@sveltejs/adapter-static').AdapterOptions & { pages: string, fallback: string }} options
 * @returns {import('@sveltejs/kit').Adapter}
 */
export default function portableStatic(options) {
	const inner = staticAdapter(options);
	return {
		...inner,
		name: 'kompanion-portable-static',
		async adapt(builder) {
			await inner.adapt(builder);
			const file = join(options.pages, options.fallback);
			const base = builder.config.kit.paths.base;
			const html = readFileSync(file, 'utf8').replace(
				new RegExp(`(href="|src="|import\\(")${escape(base)}/`, 'g'),
				'$1./'
			);
			writeFileSync(file, html);
		}
	};
}

/** @param {string} text */
function escape(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
