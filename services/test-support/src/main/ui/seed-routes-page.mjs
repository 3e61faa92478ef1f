// A page that only knows the seed's routes (GET /api/v1/image/search?text=, GET /images/{id}), served
// unchanged at the app's own origin as the seed's proxy served its page, in headless Chromium: search
// CAPTION, expect EXPECTED_ID first and every listed image to load. With EXPECT_STATUS set, expects
// the search to be refused with that status instead (a server whose reads need a key).
// Usage: node seed-routes-page.mjs BASE_URL SCREENSHOT_DIR PAGE_FILE EXPECTED_ID:CAPTION
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.PLAYWRIGHT_NODE_MODULES, 'x.js'));
const { chromium } = require('playwright-core');

const [baseUrl, shots, pageFile, target] = process.argv.slice(2);
const [expectedId, ...caption] = target.split(':');
const refusedWith = process.env.EXPECT_STATUS;
mkdirSync(shots, { recursive: true });
const check = (condition, message) => { if (!condition) throw new Error(message); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  const pageUrl = new URL('/seed-page/', baseUrl).toString();
  // The page's own file comes from the test; every other request goes to the app.
  await page.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(pageFile) }));
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(pageUrl);
  await page.fill('#text', caption.join(':'));
  const searched = page.waitForResponse((r) => r.url().includes('/api/v1/image/search?text='));
  await page.click('button[type=submit]');
  const answer = await searched;
  if (refusedWith) {
    check(answer.status() === Number(refusedWith), `the search answered ${answer.status()}, not ${refusedWith}`);
    await page.waitForFunction((s) => document.getElementById('message').textContent.includes(`HTTP ${s}`), refusedWith);
    console.log(`the seed page's search is refused with ${refusedWith}`);
  } else {
    check(answer.status() === 200, `the search answered ${answer.status()}`);
    await page.waitForSelector('#images img', { timeout: 20000 });
    await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 20000 });
    const shown = await page.$$eval('#images img', (imgs) => imgs.map((i) => ({ id: i.dataset.id, width: i.naturalWidth })));
    check(shown.length > 0 && shown[0].id === expectedId, `the first image is ${shown[0]?.id}, not ${expectedId}`);
    const broken = shown.filter((i) => i.width === 0);
    check(broken.length === 0, `${broken.length} of ${shown.length} images did not load`);
    await page.screenshot({ path: path.join(shots, 'seed-page.png'), fullPage: true });
    console.log(`the seed page found ${expectedId} first and loaded all ${shown.length} images`);
  }
  check(problems.length === 0, problems.join('; '));
  console.log('seed page passed');
} finally {
  await browser.close();
}
