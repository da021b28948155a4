import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, ImpactValue } from 'axe-core';
import { expect } from './fixtures';

/** axe-core's browser bundle, read once and evaluated in the page (the page's CSP does not apply). */
const AXE_SOURCE = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

const BLOCKING: ImpactValue[] = ['serious', 'critical'];

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page as it is now and fails on
 * any serious or critical finding. The message names each rule and the elements that break it.
 */
export async function expectAccessible(page: Page) {
	await page.evaluate(AXE_SOURCE);
	const results = await page.evaluate(() => {
		const { axe } = window as unknown as { axe: { run: typeof import('axe-core').run } };
		return axe.run(document, { resultTypes: ['violations'] });
	});
	const findings = (results as AxeResults).violations
		.filter((violation) => violation.impact && BLOCKING.includes(violation.impact))
		.map((violation) => ({
			rule: violation.id,
			impact: violation.impact,
			help: violation.help,
			nodes: violation.nodes.map(
				(node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`
			)
		}));
	expect(findings, `serious or critical accessibility findings on ${page.url()}`).toEqual([]);
}

/**
 * Fails when the page scrolls sideways: the document is wider than the viewport. The message
 * lists the innermost elements that reach past the right edge, which are usually the culprits.
 */
export async function expectNoSideScroll(page: Page) {
	const overflow = await page.evaluate(() => {
		const root = document.documentElement;
		const width = root.clientWidth;
		if (root.scrollWidth <= width) return null;
		const past = [...document.body.querySelectorAll('*')].filter(
			(element) => element.getBoundingClientRect().right + scrollX > width + 0.5
		);
		const innermost = past.filter(
			(element) => !past.some((other) => element.contains(other) && other !== element)
		);
		const describe = (element: Element) => {
			const classes = [...element.classList].filter((name) => !name.startsWith('svelte-'));
			const text = element.textContent?.trim().slice(0, 30);
			const right = Math.round(element.getBoundingClientRect().right + scrollX);
			return `${element.tagName.toLowerCase()}${classes.map((name) => `.${name}`).join('')} → ${right} px${text ? ` "${text}"` : ''}`;
		};
		return { width, scrollWidth: root.scrollWidth, culprits: innermost.slice(0, 8).map(describe) };
	});
	expect(overflow, `${page.url()} scrolls sideways`).toBeNull();
}
