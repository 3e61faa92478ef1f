// A page of another site attacks a user signed in to the app, in headless Chromium: it submits a
// multipart upload form to the app, calls DELETE on an image with fetch(), loads the demo set with a
// no-cors POST, reads storage, and frames the app's page. The script signs the user in first (key
// remembered in the app origin's localStorage), runs the attack, and prints one JSON line of what
// the browser saw: the caller checks on the server that nothing was done.
// Usage: node cross-site.mjs APP_URL FOREIGN_URL IMAGE_FILE, with UI_API_KEY (the user's key),
// TARGET_IMAGE_ID (the image the page tries to delete) and SCREENSHOT (a file) in the environment.
// The foreign site's host (e.g. evil.example) is mapped to 127.0.0.1 by the browser itself.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.PLAYWRIGHT_NODE_MODULES, 'x.js'));
const { chromium } = require('playwright-core');

const [appUrl, foreignUrl, imageFile] = process.argv.slice(2);
const apiKey = process.env.UI_API_KEY;
const app = new URL(appUrl);
const foreign = new URL(foreignUrl);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--host-resolver-rules=MAP ${foreign.hostname} 127.0.0.1`,
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable'],
});
const seen = { responses: [], preflights: [], consoleErrors: [] };
try {
  const context = await browser.newContext();
  const page = await context.newPage();

  // The user signs in on the app's page and asks to be remembered on this device.
  await page.goto(appUrl);
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: 10000 });
  await page.fill('#api-key', apiKey);
  await page.check('#remember');
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#sign-in', { state: 'hidden', timeout: 10000 });
  seen.keyRememberedByTheApp = await page.evaluate(() => localStorage.getItem('imagesearch.apiKey') !== null);
  // The key works from the app's own page: what the attack page lacks is the key, not the route.
  seen.statsFromTheAppPage = await page.evaluate(async () => {
    const key = localStorage.getItem('imagesearch.apiKey');
    return (await fetch('/api/v1/stats', { headers: { Authorization: `Bearer ${key}` } })).status;
  });

  // The same browser opens the other site's page.
  const attacker = await context.newPage();
  const cdp = await context.newCDPSession(attacker);
  await cdp.send('Network.enable');
  const preflightIds = new Set();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Preflight' || e.request.method === 'OPTIONS') preflightIds.add(e.requestId);
  });
  cdp.on('Network.responseReceived', (e) => {
    if (preflightIds.has(e.requestId) || e.type === 'Preflight') {
      seen.preflights.push({ url: e.response.url, status: e.response.status, headers: lower(e.response.headers) });
    }
  });
  attacker.on('response', (r) => {
    if (r.url().startsWith(app.origin)) seen.responses.push({ url: r.url(), method: r.request().method(), status: r.status() });
  });
  attacker.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text()); });
  await attacker.goto(new URL('/attack.html', foreignUrl).href);

  // A cross-site form post: the browser sends it (no preflight for a form), without any key.
  await attacker.setInputFiles('#file', imageFile);
  const formAnswer = attacker.waitForResponse((r) => r.url() === `${app.origin}/api/v1/ingest`, { timeout: 10000 });
  await attacker.evaluate(() => document.getElementById('upload').submit());
  seen.formPostStatus = (await formAnswer).status();

  seen.script = await attacker.evaluate(async (target) => {
    const result = {};
    const attempt = async (name, call) => {
      try {
        const r = await call();
        result[name] = { type: r.type, status: r.status };
      } catch (e) {
        result[name] = { error: String(e) };
      }
    };
    await attempt('deleteWithCredentials', () => fetch(target.image, { method: 'DELETE', credentials: 'include' }));
    await attempt('deleteWithForgedKey', () => fetch(target.image, {
      method: 'DELETE', headers: { Authorization: 'Bearer from-this-page' },
    }));
    await attempt('readImage', () => fetch(target.image.replace('/api/v1/images/', '/images/')));
    await attempt('demoNoCors', () => fetch(target.demo, { method: 'POST', mode: 'no-cors', credentials: 'include' }));
    result.keyInThisOriginsStorage = localStorage.getItem('imagesearch.apiKey') ?? sessionStorage.getItem('imagesearch.apiKey');
    return result;
  }, { image: `${app.origin}/api/v1/images/${process.env.TARGET_IMAGE_ID}`, demo: `${app.origin}/api/v1/demo` });

  // Clickjacking: the page framed the app and, as a control, a page of its own site; its load
  // event waited for both frames.
  seen.frames = [];
  for (const frame of attacker.frames()) {
    if (frame === attacker.mainFrame() || frame.name() === 'sink') continue;
    let documentSeen;
    try {
      documentSeen = await frame.evaluate(() => ({
        origin: location.origin, title: document.title, hasSearchBox: document.querySelector('#query') !== null,
      }));
    } catch (e) {
      documentSeen = { error: String(e) };
    }
    seen.frames.push({ name: frame.name(), url: frame.url(), document: documentSeen });
  }
  await attacker.screenshot({ path: process.env.SCREENSHOT || '/tmp/cross-site.png', fullPage: true });
  seen.passed = true;
} catch (e) {
  seen.error = String(e && e.stack || e);
  process.exitCode = 1;
} finally {
  await browser.close();
  console.log(`CROSS-SITE ${JSON.stringify(seen)}`);
}

function lower(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
