// Renders the PNG app icons from the SVG sources with Chromium. Run after changing an icon:
//   node scripts/render-icons.mjs
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';

/** @type {Array<{ src: string, out: string, size: number }>} */
const ICONS = [
	{ src: 'static/icons/icon.svg', out: 'static/icons/icon-192.png', size: 192 },
	{ src: 'static/icons/icon.svg', out: 'static/icons/icon-512.png', size: 512 },
	{ src: 'static/icons/icon-maskable.svg', out: 'static/icons/icon-maskable-512.png', size: 512 },
	{ src: 'static/icons/icon.svg', out: 'static/icons/apple-touch-icon.png', size: 180 }
];

const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
for (const { src, out, size } of ICONS) {
	await page.setViewportSize({ width: size, height: size });
	const svg = readFileSync(src, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
	await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
	await page.screenshot({ path: out, omitBackground: true });
	console.log(`wrote ${out}`);
}
await browser.close();
