// The web UI's acceptance suite in headless Chromium, on a desktop (1280x800) and a phone (390x844,
// touch): the library, uploads, search results, search by a picked photo, the viewer, the URL as the page's state, the
// keyboard, sign-in, favicon and titles. Every state is checked as it is seen (visible elements,
// their place on screen), by axe-core (no serious or critical violation), and the run ends with no
// console error and no failed request besides those it provokes on purpose. Screenshots of each
// state go to SCREENSHOT_DIR/<viewport>-<state>.png. Exits non-zero on the first failure.
// Usage: UI_ADMIN_KEY=isk_... node ui-suite.mjs BASE_URL SCREENSHOT_DIR UPLOAD:TWIN:CAPTION x3
// The library must be empty at the start; the admin key loads the demo set. Each UPLOAD is an image
// new to the library whose TWIN (the same picture in other bytes) is in the demo set, so a search
// of CAPTION finds one of the two first.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.PLAYWRIGHT_NODE_MODULES, 'x.js'));
const { chromium } = require('playwright-core');
const AXE = readFileSync(path.join(process.env.PLAYWRIGHT_NODE_MODULES, 'axe-core/axe.min.js'), 'utf8');

const [baseUrl, shots, ...pairs] = process.argv.slice(2);
const adminKey = process.env.UI_ADMIN_KEY;
if (!adminKey || pairs.length < 3) throw new Error('usage: UI_ADMIN_KEY=... node ui-suite.mjs BASE SHOTS UPLOAD:TWIN:CAPTION x3');
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const images = pairs.map((p) => {
  const [file, twin, ...caption] = p.split(':');
  return { file, caption: caption.join(':'), id: sha256(file), twin: sha256(twin) };
});
mkdirSync(shots, { recursive: true });
const notAnImage = path.join(shots, 'not-an-image.png');
writeFileSync(notAnImage, 'this is text, not a picture\n');

const DEMO = 200;
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function until(page, fn, arg, what, timeout = 20000) {
  await page.waitForFunction(fn, arg, { timeout }).catch(() => { throw new Error(`timed out waiting for ${what}`); });
}

// Console errors and failed requests; `allow(pattern)` lets the failures the suite provokes pass.
function watch(page) {
  const problems = [];
  const allowed = [];
  const isAllowed = (url) => allowed.some((a) => a.test(url));
  // Chromium drops the requests in flight when the machine's network interfaces change (a test
  // cluster's network on the same machine does): not the page's failure, and the page fetches such
  // images again; that they load is checked where they are looked at.
  const networkChanged = (text) => text.includes('ERR_NETWORK_CHANGED');
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !isAllowed(m.location().url || '') && !networkChanged(m.text())) problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('requestfailed', (r) => {
    // A fetch the browser cancels when the suite navigates away (ERR_ABORTED) is no failure.
    const reason = r.failure()?.errorText || '';
    if (reason !== 'net::ERR_ABORTED' && !networkChanged(reason) && !isAllowed(r.url())) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  const imageFetches = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && !isAllowed(r.url())) problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
    if (/^\/(images|thumbnails)\/[0-9a-f]{64}$/.test(new URL(r.url()).pathname)) imageFetches.push(r.url());
  });
  return {
    imageFetches: () => [...imageFetches],
    allow: (pattern) => allowed.push(pattern),
    reset: () => { problems.length = 0; allowed.length = 0; },
    assertNone: (where) => check(problems.length === 0, `${where}: ${problems.join('; ')}`),
    problems: () => [...problems],
  };
}

async function axe(page, state) {
  const violations = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE);
  check(violations.length === 0, `axe in state "${state}": ${violations.join('; ')}`);
}

async function visible(page, selector, what = selector) {
  await page.waitForSelector(selector, { state: 'visible', timeout: 20000 })
    .catch(() => { throw new Error(`${what} is not visible`); });
}

async function text(page, selector) {
  return (await page.textContent(selector)) || '';
}

async function expectText(page, selector, wanted) {
  await until(page, ([s, t]) => (document.querySelector(s)?.textContent || '').includes(t), [selector, wanted],
    `${selector} to say "${wanted}"`).catch(async (e) => { throw new Error(`${e.message}; it says "${await text(page, selector)}"`); });
}

async function expectTitle(page, wanted) {
  await until(page, (t) => document.title === t, wanted, `the title "${wanted}"`)
    .catch(async (e) => { throw new Error(`${e.message}; it is "${await page.title()}"`); });
}

async function noHorizontalScroll(page, state) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `${state}: the page scrolls sideways by ${overflow}px`);
}

async function shot(page, name, label, fullPage = false) {
  await page.screenshot({ path: path.join(shots, `${name}-${label}.png`), fullPage });
}

async function cardsInView(page) {
  return page.$$eval('#results .card', (cards) => cards.filter((c) => {
    const r = c.getBoundingClientRect();
    return r.width > 0 && r.bottom > 0 && r.top < window.innerHeight;
  }).length);
}

async function imagesLoaded(page, selector, atLeast) {
  await until(page, ([s, n]) => [...document.querySelectorAll(s)].filter((i) => i.complete && i.naturalWidth > 0).length >= n,
    [selector, atLeast], `${atLeast} loaded images in ${selector}`);
}

const focusedCard = (page) => page.evaluate(() => document.activeElement?.closest('.card')?.dataset.id || null);
const param = (page, name) => new URL(page.url()).searchParams.get(name);

async function signIn(page, watcher, remember) {
  await visible(page, '#sign-in', 'the sign-in box');
  await expectText(page, '#sign-in-reason', 'needs an API key');
  check(await page.evaluate(() => document.activeElement?.id) === 'api-key', 'the key field is not focused when asked for a key');
  await axe(page, 'sign-in');
  await page.fill('#api-key', adminKey);
  if (remember) await page.check('#remember');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sign-in', { state: 'hidden' });
  const kept = await page.evaluate(() => ({ s: sessionStorage.getItem('imagesearch.apiKey'), l: localStorage.getItem('imagesearch.apiKey') }));
  check(remember ? kept.l === adminKey && !kept.s : kept.s === adminKey && !kept.l, `the key is not kept where chosen: ${JSON.stringify(Object.keys(kept).filter((k) => kept[k]))}`);
  watcher.reset();
}

async function emptyLibraryAndDemo(page, name) {
  await visible(page, '#empty', 'the empty library call to action');
  await visible(page, '#load-demo');
  await visible(page, '#empty-upload');
  await expectTitle(page, 'Library · Image Search');
  await axe(page, 'empty library');
  await shot(page, name, 'empty');
  await page.click('#load-demo');
  // The count of images being indexed shows and goes away by itself, and the library fills.
  await expectText(page, '#status', 'being indexed');
  await until(page, (n) => /^[\d,]+ images$/.test(document.getElementById('status').textContent.trim())
    && document.getElementById('status').textContent.includes(n.toLocaleString()), DEMO, `the library to show ${DEMO} images without a reload`, 120000);
  check(await page.isHidden('#empty'), 'the empty state stays after the demo loaded');
  console.log(`${name}: the demo's ${DEMO} images were indexed and shown without a reload`);
}

async function library(page, name, total) {
  await page.reload();
  await expectTitle(page, 'Library · Image Search');
  await visible(page, '#results[data-view="library"] .day h3', 'a day heading');
  await expectText(page, '#results .day h3', `${total} images`);
  await imagesLoaded(page, '#results .card img', 6);
  check((await cardsInView(page)) >= (name === 'desktop' ? 12 : 6), 'too few cards in view in the library');
  check(await page.evaluate(() => document.activeElement?.id) === 'query', 'the search box is not focused on load');
  await noHorizontalScroll(page, 'library');
  await axe(page, 'library');
  await shot(page, name, 'library');
  // More pages come as the reader scrolls, until the whole library is there.
  for (let i = 0; i < 20 && (await page.$$('#results .card')).length < total; i++) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
  }
  check((await page.$$('#results .card')).length === total, `scrolling did not list all ${total} images`);
  check(await page.isHidden('#load-more'), '"Load more" shows after the last page');
  await page.evaluate(() => window.scrollTo(0, 0));
  console.log(`${name}: the library lists ${total} images by day, page after page`);
}

// Embedded mode offers its delivery port (GET /api/v1/delivery): every picture the page fetched
// came from there, none from the main port.
async function deliveryPortUsed(name) {
  const answer = await fetch(new URL('/api/v1/delivery', baseUrl), { headers: { 'X-Api-Key': adminKey } });
  check(answer.ok, `GET /api/v1/delivery answered ${answer.status}`);
  const { port } = await answer.json();
  check(Number.isInteger(port) && port > 0, `the server offers no delivery port: ${port}`);
  const fetched = watcher.imageFetches();
  check(fetched.length > 0, 'the page fetched no picture');
  const elsewhere = fetched.filter((url) => new URL(url).port !== String(port));
  check(elsewhere.length === 0, `${elsewhere.length} of ${fetched.length} pictures did not come from the delivery port ${port}, e.g. ${elsewhere[0]}`);
  console.log(`${name}: all ${fetched.length} pictures fetched so far came from the delivery port ${port}`);
}

async function uploads(page, name) {
  await page.click('#upload-open');
  await visible(page, '#uploads', 'the upload drawer');
  check(await page.isVisible('#uploads .drop-hint') === (name === 'desktop'),
    `"Drop images here" is ${name === 'desktop' ? 'missing on a desktop' : 'shown on a touch device'}`);
  watcher.allow(/\/api\/v1\/images$/); // the text file is refused (415) on purpose
  await page.setInputFiles('#file-input', [images[1].file, images[2].file, notAnImage]);
  await until(page, () => document.querySelectorAll('#upload-list li[data-state="SUCCESS"]').length === 2,
    null, 'two uploads to be indexed', 60000);
  const failed = '#upload-list li[data-state="FAILURE"]';
  await visible(page, failed, 'the failed upload');
  await expectText(page, `${failed} .state`, 'not an image the library takes');
  await visible(page, `${failed} .retry`, 'the retry button of the failed upload');
  check(await page.isHidden(`${failed} progress`), 'the failed upload still shows a progress bar');
  await imagesLoaded(page, '#upload-list .thumb', 2);
  await expectText(page, '#uploads-summary', '2 done · 1 failed');
  await noHorizontalScroll(page, 'uploads');
  await axe(page, 'uploads');
  await shot(page, name, 'uploads');
  await page.click('#uploads-collapse');
  check(await page.isHidden('#upload-list'), 'the upload list does not collapse');
  check(await page.isVisible('#uploads-summary'), 'the collapsed drawer hides its summary');
  await page.click('#uploads-close');
  check(await page.isHidden('#uploads'), 'the drawer does not close');
  await expectText(page, '#status', `${DEMO + 2} images`);
  console.log(`${name}: uploads show thumbnails and plain states, a failure its reason and a retry; the library grew by itself`);
}

async function search(page, name) {
  const target = images[1];
  // "/" focuses the search box from anywhere.
  await page.click('#view-title');
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement?.id) === 'query', '"/" does not focus the search box');
  await page.keyboard.type(target.caption);
  await page.keyboard.press('Enter');
  await visible(page, '#results[data-view="search"] .card', 'search results');
  await expectTitle(page, `“${target.caption}” · Image Search`);
  check(param(page, 'q') === target.caption, `the query is not in the URL: ${page.url()}`);
  await until(page, (ids) => ids.includes(document.querySelector('#results .card')?.dataset.id), [target.id, target.twin],
    'the captioned image (or its twin of the demo set) first');
  // Cosine scores show as a relevance label; a hybrid search's fused ranks do not, its status counts
  // the relevant images instead.
  if (await page.$('#results .card:first-child .relevance')) {
    await visible(page, '#results .card:first-child .relevance', 'the relevance of the first hit');
    check((await text(page, '#results .card:first-child .relevance')).includes('Best match'), 'the first hit is not labelled the best match');
  } else {
    await expectText(page, '#status', `relevant for “${target.caption}”`);
  }
  await imagesLoaded(page, '#results .card img', 6);
  await noHorizontalScroll(page, 'results');
  await axe(page, 'search results');
  await shot(page, name, 'results');
  // More than the first page: scroll on.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await until(page, () => document.querySelectorAll('#results .card').length > 48, null, 'a second page of results');
  await page.evaluate(() => window.scrollTo(0, 0));
  console.log(`${name}: search found the captioned image first, with a relevance label, and pages on`);
  return target;
}

async function keyboardAndViewer(page, name) {
  await page.focus('#query');
  await page.keyboard.press('ArrowDown');
  const ids = await page.$$eval('#results .card', (cards) => cards.map((c) => c.dataset.id));
  check(await focusedCard(page) === ids[0], 'ArrowDown from the search box does not reach the first card');
  await page.keyboard.press('ArrowRight');
  check(await focusedCard(page) === ids[1], 'ArrowRight does not move to the next card');
  const columns = await page.$$eval('#results .card', (cards) => cards.filter((c) => c.offsetTop === cards[0].offsetTop).length);
  await page.keyboard.press('ArrowDown');
  check(await focusedCard(page) === ids[1 + columns], `ArrowDown does not move one row (${columns} cards) down`);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  check(await focusedCard(page) === ids[0], 'ArrowUp and ArrowLeft do not come back to the first card');
  await page.keyboard.press('Enter');
  await visible(page, '#detail[open]', 'the viewer');
  check(param(page, 'image') === ids[0], 'the open image is not in the URL');
  await imagesLoaded(page, '#detail-image', 1);
  await visible(page, '#detail-meta dd', 'the image details');
  await visible(page, '#similar .card', 'similar images');
  const image = await page.$eval('#detail-image', (img) => ({ natural: img.naturalWidth, shown: img.getBoundingClientRect().width }));
  check(image.shown <= image.natural + 0.5, `the viewer blows the image up from ${image.natural}px to ${image.shown}px`);
  if (name === 'desktop') {
    const box = await (await page.$('#similar .card')).boundingBox();
    check(box.y + box.height <= 800, 'the similar images start below the fold');
  }
  await expectTitle(page, `${await text(page, '#detail-title')} · Image Search`);
  await axe(page, 'viewer');
  await shot(page, name, 'viewer');
  // Focus stays in the viewer.
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => Boolean(document.activeElement?.closest('#detail'))), 'Tab leaves the open viewer');
  }
  // Next and previous: arrow keys on a desktop, a swipe on a phone.
  if (name === 'desktop') {
    await page.focus('#detail-close');
    await page.keyboard.press('ArrowRight');
  } else {
    const stage = await (await page.$('#detail-stage')).boundingBox();
    const y = stage.y + stage.height / 2;
    await page.mouse.move(stage.x + stage.width * 0.8, y);
    await page.mouse.down();
    await page.mouse.move(stage.x + stage.width * 0.2, y, { steps: 5 });
    await page.mouse.up();
  }
  await until(page, (id) => new URL(location.href).searchParams.get('image') === id, ids[1], 'the next image');
  await expectText(page, '#detail-title', await page.$eval(`#results .card[data-id="${ids[1]}"] .name`, (n) => n.textContent));
  await page.keyboard.press('ArrowLeft');
  await until(page, (id) => new URL(location.href).searchParams.get('image') === id, ids[0], 'the previous image');
  // Escape closes it, and focus returns to the image's card.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#detail:not([open])', { state: 'attached' });
  check(await focusedCard(page) === ids[0], 'focus does not return to the card after the viewer closes');
  check(param(page, 'image') === null, 'the closed image stays in the URL');
  console.log(`${name}: arrow keys move through the grid; the viewer opens, steps, keeps focus and gives it back`);
  return ids;
}

// Back to the library and at once Forward to the results, while the library's first page is still
// on its way: when it answers, its cards must not land among the results.
async function lateLibraryPageStaysOut(page, firsts, firstCard) {
  const isLibrary = (url) => new URL(url).pathname.endsWith('/api/v1/images/newest');
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  let held = 0;
  await page.route(isLibrary, async (route) => {
    held += 1;
    await released;
    await route.continue();
  });
  await page.goBack();
  await expectTitle(page, 'Library · Image Search');
  for (let i = 0; i < 100 && !held; i++) await page.waitForTimeout(100);
  check(held > 0, 'Back to the library did not ask for its first page');
  await page.goForward();
  await until(page, firstCard, firsts, 'the results after a quick Back and Forward');
  const answered = page.waitForEvent('requestfinished', (request) => isLibrary(request.url()));
  release();
  await answered;
  await page.unroute(isLibrary);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  const stray = await page.$$eval('#results section.day .card', (cards) => cards.length);
  check(stray === 0, `a late library page put ${stray} cards among the results`);
  check(await page.evaluate(firstCard, firsts), 'a late library page took the first place of the results');
}

async function urlRoundTrips(page, name, target, ids) {
  // Open an image, reload: the same query and image come back.
  await page.click(`#results .card[data-id="${ids[2]}"] .open`);
  await visible(page, '#detail[open]');
  await page.reload();
  await visible(page, '#detail[open]', 'the viewer after a reload');
  await until(page, (id) => document.getElementById('detail-title').textContent && new URL(location.href).searchParams.get('image') === id, ids[2], 'the same image after a reload');
  check(await page.inputValue('#query') === target.caption, 'the query is lost on reload');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#detail:not([open])', { state: 'attached' });
  // Back and Forward: results, then the library, then the results again.
  await page.click(`#results .card[data-id="${ids[3]}"] .open`);
  await visible(page, '#detail[open]');
  await page.goBack();
  await page.waitForSelector('#detail:not([open])', { state: 'attached' });
  check(param(page, 'q') === target.caption, 'Back from the viewer leaves the results');
  await page.goBack();
  await expectTitle(page, 'Library · Image Search');
  await visible(page, '#results[data-view="library"] .card', 'the library after Back');
  check(await page.inputValue('#query') === '', 'the library keeps the old query in the box');
  await page.goForward();
  // The captioned image and its twin of the demo set score the same: either may come first.
  const firsts = [target.id, target.twin].includes(ids[0]) ? [target.id, target.twin] : [ids[0]];
  const firstCard = (expected) => expected.includes(document.querySelector('#results[data-view="search"] .card')?.dataset.id);
  await page.waitForFunction(firstCard, firsts, { timeout: 20000 }).catch(async () => {
    const now = await page.evaluate(() => ({ view: document.querySelector('#results')?.dataset.view, first: document.querySelector('#results .card')?.dataset.id }));
    throw new Error(`timed out waiting for the results after Forward: the ${now.view} view shows ${now.first} first, not one of ${firsts}`);
  });
  await lateLibraryPageStaysOut(page, firsts, firstCard);
  // A shared link with filters, in a new tab of the same browser: it asks for the key again unless
  // the key is remembered on the device (sessionStorage belongs to one tab).
  const shared = await page.context().newPage();
  const sharedWatch = watch(shared);
  sharedWatch.allow(/\/api\//);
  await shared.setViewportSize(page.viewportSize());
  await shared.goto(`${baseUrl.replace(/\/$/, '')}/?q=${encodeURIComponent(target.caption)}&tag=demo&type=image%2Fpng`);
  await shared.waitForSelector('#sign-in:not([hidden]), #chips .chip', { state: 'visible' });
  if (await shared.isVisible('#sign-in')) await signIn(shared, sharedWatch, false);
  else sharedWatch.reset();
  await visible(shared, '#chips .chip', 'the filter chips of a shared link');
  const chips = await shared.$$eval('#chips .chip', (c) => c.map((x) => x.textContent));
  check(chips.includes('PNG') && chips.includes('#demo'), `the shared link's chips are ${chips}`);
  await visible(shared, '#results[data-view="search"] .card', 'results of the shared link');
  check(!(await shared.$(`#results .card[data-id="${target.id}"]`)), 'the tag filter lets an untagged upload through');
  await axe(shared, 'filters');
  await shot(shared, name, 'filters');
  await shared.click('#chips .chip:has-text("#demo")');
  await until(shared, () => !new URL(location.href).searchParams.has('tag'), null, 'the chip to leave the URL');
  await visible(shared, '#results[data-view="search"] .card', 'the results without the tag');
  const left = await shared.$$eval('#chips .chip', (c) => c.map((x) => x.textContent));
  check(left.length === 1 && left[0] === 'PNG', `the chips after removing the tag are ${left}`);
  sharedWatch.assertNone(`${name}, shared link`);
  await shared.close();
  console.log(`${name}: reload, Back/Forward and a shared link with filter chips give the same state`);
}

async function filtersPanel(page, name) {
  await page.click('#brand');
  await expectTitle(page, 'Library · Image Search');
  await page.click('#filters-toggle');
  await visible(page, '#filters');
  await page.fill('#filter-tag', 'demo');
  await page.click('#filters-form button[type=submit]');
  await expectText(page, '#status', `${DEMO} images match these filters`);
  check((await page.$$eval('#chips .chip', (c) => c.map((x) => x.textContent))).includes('#demo'), 'no chip for the tag');
  await page.click('#chips .chip');
  await expectText(page, '#status', `${DEMO + 2} images`);
  console.log(`${name}: filters narrow the library and show as chips`);
  await searchOrder(page, name);
}

// Match and Order, chosen in the panel, are in the URL: a reload keeps them, and the hits come
// oldest first.
async function searchOrder(page, name) {
  const target = images[1];
  await page.fill('#query', target.caption);
  await page.keyboard.press('Enter');
  await visible(page, '#results[data-view="search"] .card', 'search results');
  await page.click('#filters-toggle');
  await visible(page, '#filters');
  await page.selectOption('#filter-mode', 'keyword');
  await page.selectOption('#filter-sort', 'date-asc');
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/search?') && r.url().includes('sort=date'));
  await page.click('#filters-form button[type=submit]');
  const hits = (await (await answered).json()).results;
  check(param(page, 'mode') === 'keyword' && param(page, 'sort') === 'date' && param(page, 'order') === 'asc',
    `the URL lacks the match or order: ${page.url()}`);
  const searched = page.waitForRequest((r) => r.url().includes('/api/v1/search?'));
  await page.reload();
  const sent = new URL((await searched).url()).searchParams;
  check(sent.get('mode') === 'keyword' && sent.get('sort') === 'date' && sent.get('order') === 'asc',
    `after a reload the page searched with ${sent}`);
  check(await page.inputValue('#filter-sort') === 'date-asc' && await page.inputValue('#filter-mode') === 'keyword',
    'the panel forgets the match or order on reload');
  check(hits.length > 1, `date order found ${hits.length} hits`);
  const dates = hits.map((h) => Date.parse(h.image.created_at));
  check(dates.every((d, i) => i === 0 || dates[i - 1] <= d), `hits not oldest first: ${hits.map((h) => h.image.created_at)}`);
  await until(page, (ids) => {
    const shown = [...document.querySelectorAll('#results .card')].slice(0, ids.length).map((c) => c.dataset.id);
    return shown.join() === ids.join();
  }, hits.map((h) => h.image.id), 'the cards in date order');
  console.log(`${name}: Match and Order survive a reload and date order lists the hits oldest first`);
}

async function similarFromACard(page, name, ids) {
  const card = `#results .card[data-id="${ids[0]}"]`;
  await page.hover(card);
  await page.click(`${card} .similar`);
  await expectTitle(page, 'Similar images · Image Search');
  check(param(page, 'similar') === ids[0], 'the similar view is not in the URL');
  await visible(page, '#results[data-view="similar"] .card', 'similar images');
  check(!(await page.$(`#results .card[data-id="${ids[0]}"]`)), 'an image is listed as similar to itself');
  await axe(page, 'similar');
  console.log(`${name}: "Similar" on a card lists look-alikes`);
}

// "Search by photo": the toolbar's file picker sends the photo to /api/v1/search/by-image and the
// grid shows what looks like it; the URL says it is a photo search (by the photo's name, the photo
// itself never leaves the page), and a reload asks for the photo again instead of showing stale hits.
async function searchByPhoto(page, name) {
  const photo = images[0];
  const chooser = page.waitForEvent('filechooser');
  await page.click('#photo-search');
  const searched = page.waitForResponse((r) => r.url().includes('/api/v1/search/by-image'));
  await (await chooser).setFiles(photo.file);
  const answer = await searched;
  check(answer.request().method() === 'POST' && answer.status() === 200, `the photo search answered ${answer.status()}`);
  const fileName = path.basename(photo.file);
  await visible(page, '#results[data-view="photo"] .card', 'the images like the photo');
  check(param(page, 'photo') === fileName && param(page, 'q') === null, `the URL does not say it is a photo search: ${page.url()}`);
  await expectTitle(page, `Like “${fileName}” · Image Search`);
  await expectText(page, '#view-title', `Images like your photo “${fileName}”`);
  await expectText(page, '#status', 'images like your photo, closest first');
  // The photo's twin (the same picture in other bytes) is in the demo set: among the closest.
  const first = await page.$$eval('#results .card', (cards) => cards.slice(0, 3).map((c) => c.dataset.id));
  check(first.includes(photo.twin), `the photo's twin is not among the first 3 cards: ${first}`);
  await imagesLoaded(page, '#results .card img', 6);
  await noHorizontalScroll(page, 'photo search');
  await axe(page, 'photo search');
  await shot(page, name, 'photo-search');
  await page.reload();
  await expectText(page, '#status', 'again with Search by photo');
  check(param(page, 'photo') === fileName, 'a reload drops the photo search from the URL');
  check((await page.$$('#results .card')).length === 0, 'a reload shows hits of a photo it no longer has');
  console.log(`${name}: "Search by photo" finds the picked photo's twin, says so in the URL, and asks again after a reload`);
}

async function deleteWithConfirmation(page, name) {
  const gone = images[2];
  await page.goto(`${baseUrl.replace(/\/$/, '')}/?image=${gone.id}`);
  await visible(page, '#detail[open]');
  await page.click('#detail-delete');
  await visible(page, '#delete-confirm', 'the delete confirmation');
  await axe(page, 'delete confirmation');
  await shot(page, name, 'delete');
  await page.click('#delete-confirm-no');
  check(await page.isHidden('#delete-confirm'), 'Keep it does not cancel');
  await page.click('#detail-delete');
  await page.click('#delete-confirm-yes');
  await page.waitForSelector('#detail:not([open])', { state: 'attached' });
  await expectText(page, '#status', 'Deleted');
  await expectText(page, '#status', `${DEMO + 1} images`);
  check(!(await page.$(`#results .card[data-id="${gone.id}"]`)), 'the deleted image is still listed');
  console.log(`${name}: delete asks first, then removes the image`);
}

async function phoneExtras(page) {
  const fits = await page.$eval('#query', (input) => {
    const probe = document.createElement('span');
    probe.textContent = input.placeholder;
    probe.style.font = getComputedStyle(input).font;
    probe.style.position = 'absolute';
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    const cs = getComputedStyle(input);
    return width <= input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  });
  check(fits, 'the search placeholder is cut off on a phone');
  // Thumbnails of the right density: 2 device pixels per CSS pixel here.
  const picked = await page.evaluate(async () => {
    const { pick } = await import('/images.js');
    const srcset = '/t/a 320w, /t/a?size=2x 640w';
    return [pick(srcset, 120), pick(srcset, 200), pick(srcset, 400), pick('/t/b 64w', 120)];
  });
  check(picked.join() === '/t/a,/t/a?size=2x,/t/a?size=2x,/t/b', `srcset picks ${picked}`);
  console.log('phone: the placeholder fits, no "Drop images here" is shown, thumbnails come at twice the density');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let watcher;
let current;
try {
  for (const [name, options] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    current = page;
    watcher = watch(page);
    // Before the key is given, the server answers 401: that is how the page learns to ask.
    watcher.allow(/\/api\//);
    await page.goto(baseUrl);
    await signIn(page, watcher, name === 'phone');
    const favicon = await page.request.get(new URL('/favicon.ico', baseUrl).toString());
    check(favicon.ok() && (favicon.headers()['content-type'] || '').startsWith('image/'), `no favicon: ${favicon.status()}`);
    if (name === 'desktop') await emptyLibraryAndDemo(page, name);
    const total = DEMO + (name === 'desktop' ? 0 : 1);
    if (name === 'desktop') {
      await library(page, name, total);
      await deliveryPortUsed(name);
      await uploads(page, name);
    } else {
      await library(page, name, total);
      await deliveryPortUsed(name);
      await phoneExtras(page);
    }
    const target = await search(page, name);
    const ids = await keyboardAndViewer(page, name);
    await urlRoundTrips(page, name, target, ids);
    await similarFromACard(page, name, ids);
    await searchByPhoto(page, name);
    if (name === 'desktop') {
      await filtersPanel(page, name);
      await deleteWithConfirmation(page, name);
    }
    watcher.assertNone(name);
    console.log(`${name}: no console error, no failed request`);
    await context.close();
  }
  console.log('ui suite passed');
} catch (e) {
  // What the page showed when the step failed, for the report.
  await current?.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  if (watcher?.problems().length) console.error(`problems seen so far: ${watcher.problems().join('; ')}`);
  throw e;
} finally {
  await browser.close();
}
