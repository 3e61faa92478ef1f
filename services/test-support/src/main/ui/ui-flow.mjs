// The web UI in headless Chromium: upload the images, wait until they are indexed, search the
// caption of the second, check it comes first, open it, see similar images. Exits non-zero on
// failure. Usage: node ui-flow.mjs BASE_URL SCREENSHOT_DIR IMAGE:CAPTION IMAGE:CAPTION [...]
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.PLAYWRIGHT_NODE_MODULES, 'x.js'));
const { chromium } = require('playwright-core');

const [baseUrl, shots, ...pairs] = process.argv.slice(2);
const images = pairs.map((p) => {
  const i = p.indexOf(':');
  const file = p.slice(0, i);
  return { file, caption: p.slice(i + 1), id: createHash('sha256').update(readFileSync(file)).digest('hex') };
});
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (e) => { console.error('page error:', e.message); process.exitCode = 1; });
  await page.goto(baseUrl);

  // Empty library: the empty state offers the demo set.
  await page.waitForSelector('#empty:not([hidden])', { timeout: 10000 });

  await page.setInputFiles('#file-input', images.map((i) => i.file));
  await page.waitForFunction(
    (n) => document.querySelectorAll('#upload-list li[data-state="SUCCESS"]').length === n,
    images.length, { timeout: 60000 });
  console.log('uploads finished');

  const target = images[1];
  await page.fill('#query', target.caption);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#results .card', { timeout: 20000 });
  const first = await page.getAttribute('#results .card', 'data-id');
  if (first !== target.id) throw new Error(`first result ${first} is not ${target.id} for "${target.caption}"`);
  console.log('search found the right image first');
  await page.screenshot({ path: path.join(shots, 'results.png'), fullPage: true });

  await page.click('#results .card');
  await page.waitForSelector('#detail[open]');
  await page.waitForSelector('#similar .card', { timeout: 20000 });
  const similar = await page.$$eval('#similar .card', (cards) => cards.map((c) => c.dataset.id));
  if (similar.includes(target.id)) throw new Error('the image is listed as similar to itself');
  console.log(`detail shows ${similar.length} similar images`);
  await page.screenshot({ path: path.join(shots, 'detail.png') });

  // Keyboard: Escape closes the dialog.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#detail:not([open])', { state: 'attached' });

  // Phone width: no horizontal scrolling.
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  if (overflow) throw new Error('the page scrolls horizontally at 375 px');
  await page.screenshot({ path: path.join(shots, 'phone.png'), fullPage: true });
  console.log('ui flow passed');
} finally {
  await browser.close();
}
