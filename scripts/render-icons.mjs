import { chromium } from 'playwright';
import { readFileSync } from 'node:fs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [src, out, size] of [
  ['static/icons/icon.svg', 'static/icons/icon-192.png', 192],
  ['static/icons/icon.svg', 'static/icons/icon-512.png', 512],
  ['static/icons/icon-maskable.svg', 'static/icons/icon-maskable-512.png', 512],
  ['static/icons/icon.svg', 'static/icons/apple-touch-icon.png', 180]
]) {
  await page.setViewportSize({ width: size, height: size });
  const svg = readFileSync(src, 'utf8');
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: out, omitBackground: true });
}
await browser.close();
