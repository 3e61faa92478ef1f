// The web UI in headless Chromium: upload the images, wait until they are indexed, search the
// caption of the second, check it comes first, open it, see similar images. Exits non-zero on
// failure. Usage: node ui-flow.mjs BASE_URL SCREENSHOT_DIR IMAGE:CAPTION IMAGE:CAPTION [...]
// With UI_API_KEY set (a key with scopes search and upload, not delete or admin), the flow first
// signs in through the page, and checks the answers to a refused key and to actions the key lacks
// the scope for; with UI_DELETE_KEY set as well (scopes search and delete), it then signs in again
// with that key, remembered on the device, and deletes an image.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.PLAYWRIGHT_NODE_MODULES, 'x.js'));
const { chromium } = require('playwright-core');

const [baseUrl, shots, ...pairs] = process.argv.slice(2);
const apiKey = process.env.UI_API_KEY;
const deleteKey = process.env.UI_DELETE_KEY;
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
  if (apiKey) await signInFirst(page);

  // Empty library: the empty state offers the demo set.
  await page.waitForSelector('#empty:not([hidden])', { timeout: 10000 });
  if (apiKey) {
    // Loading the demo needs scope admin, which the key lacks: the page says so.
    await page.click('#load-demo');
    await expectText(page, '#status', "lacks scope 'admin'");
    console.log('a missing scope is explained');
  }

  await page.setInputFiles('#file-input', images.map((i) => i.file));
  await page.waitForFunction(
    (n) => document.querySelectorAll('#upload-list li[data-state="SUCCESS"]').length === n,
    images.length, { timeout: 60000 });
  console.log('uploads finished');

  const target = images[1];
  await page.fill('#query', target.caption);
  const searched = page.waitForRequest((r) => r.url().includes('/api/v1/search?'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('#results[data-view="search"] .card', { timeout: 20000 });
  const first = await page.getAttribute('#results[data-view="search"] .card', 'data-id');
  if (first !== target.id) throw new Error(`first result ${first} is not ${target.id} for "${target.caption}"`);
  console.log('search found the right image first');
  const query = new URL((await searched).url()).searchParams;
  if (query.get('mode') !== 'hybrid' || query.get('min_score') !== 'auto') {
    throw new Error(`the page searched with mode=${query.get('mode')} min_score=${query.get('min_score')}`);
  }
  await expectText(page, '#status', 'relevant for');
  console.log('the search is hybrid and counts the relevant images');
  await expectImageLoaded(page, '#results .card img');
  await page.screenshot({ path: path.join(shots, 'results.png'), fullPage: true });

  await page.click('#results .card .open');
  await page.waitForSelector('#detail[open]');
  await page.waitForSelector('#similar .card', { timeout: 20000 });
  const similar = await page.$$eval('#similar .card', (cards) => cards.map((c) => c.dataset.id));
  if (similar.includes(target.id)) throw new Error('the image is listed as similar to itself');
  console.log(`detail shows ${similar.length} similar images`);
  await expectImageLoaded(page, '#detail-image');
  await page.screenshot({ path: path.join(shots, 'detail.png') });
  if (apiKey) {
    // Deleting needs scope delete, which the key lacks: the viewer says so and the image stays.
    await page.click('#detail-delete');
    await page.click('#delete-confirm-yes');
    await expectText(page, '#detail-status', "lacks scope 'delete'");
    console.log('a refused delete is explained');
  }

  // Keyboard: Escape closes the dialog.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#detail:not([open])', { state: 'attached' });

  // Phone width: no horizontal scrolling.
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  if (overflow) throw new Error('the page scrolls horizontally at 375 px');
  await page.screenshot({ path: path.join(shots, 'phone.png'), fullPage: true });

  if (apiKey) {
    // The key survives a reload of the tab (sessionStorage), so no second sign-in.
    await page.reload();
    await page.waitForSelector('#sign-out:not([hidden])', { timeout: 10000 });
    if (await page.isVisible('#sign-in')) throw new Error('a reload asked for the key again');
    console.log('still signed in after a reload');
  }
  if (deleteKey) await deleteWithAnotherKey(page, target);
  console.log('ui flow passed');
} finally {
  await browser.close();
}

async function signInFirst(page) {
  // Without a key the server answers 401 and the page asks for one.
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: 10000 });
  await expectText(page, '#sign-in-reason', 'needs an API key');
  await page.fill('#api-key', 'isk_not-a-key');
  await page.click('#sign-in-form button[type=submit]');
  await expectText(page, '#sign-in-error', 'malformed');
  await page.screenshot({ path: path.join(shots, 'sign-in.png') });
  console.log('a refused key is explained');

  await page.fill('#api-key', apiKey);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#sign-in', { state: 'hidden', timeout: 10000 });
  const kept = await page.evaluate(() => ({
    session: sessionStorage.getItem('imagesearch.apiKey'), local: localStorage.getItem('imagesearch.apiKey'),
  }));
  if (kept.session !== apiKey || kept.local !== null) {
    throw new Error(`the key must be in sessionStorage only, got ${JSON.stringify(kept)}`);
  }
  console.log('signed in, key kept for this tab only');
}

async function deleteWithAnotherKey(page, image) {
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
  const gone = await page.evaluate(() => sessionStorage.length + localStorage.length);
  if (gone !== 0) throw new Error('signing out left the key in the browser');
  await page.fill('#api-key', deleteKey);
  await page.check('#remember');
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#sign-in', { state: 'hidden', timeout: 10000 });
  const remembered = await page.evaluate(() => localStorage.getItem('imagesearch.apiKey'));
  if (remembered !== deleteKey) throw new Error('"Remember on this device" did not keep the key in localStorage');
  console.log('signed in again, remembered on this device');

  await page.fill('#query', image.caption);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#results[data-view="search"] .card[data-id="${image.id}"]`, { timeout: 20000 });
  await page.click(`#results .card[data-id="${image.id}"] .open`);
  await page.waitForSelector('#detail[open]');
  await page.click('#detail-delete');
  await page.click('#delete-confirm-yes');
  await page.waitForSelector('#detail:not([open])', { state: 'attached', timeout: 10000 });
  await expectText(page, '#status', 'Deleted');
  if (await page.$(`#results .card[data-id="${image.id}"]`)) throw new Error('the deleted image is still listed');
  console.log('deleted an image with a key that has scope delete');
}

async function expectText(page, selector, text) {
  await page.waitForFunction(
    ([s, t]) => (document.querySelector(s)?.textContent || '').includes(t), [selector, text], { timeout: 10000 },
  ).catch(async () => {
    throw new Error(`${selector} does not say "${text}": "${await page.textContent(selector)}"`);
  });
}

// An <img> filled through fetch: a blob: URL, decoded to real pixels.
async function expectImageLoaded(page, selector) {
  await page.waitForFunction(
    (s) => { const img = document.querySelector(s); return img && img.complete && img.naturalWidth > 0; },
    selector, { timeout: 10000 },
  ).catch(() => { throw new Error(`${selector} did not load`); });
  if (apiKey) {
    const src = await page.getAttribute(selector, 'src');
    if (!src.startsWith('blob:')) throw new Error(`${selector} is not loaded through fetch: ${src}`);
  }
}
