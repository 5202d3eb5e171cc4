// The page hosted by its own nginx config (www/site/nginx.conf) over the release build:
// the precompressed copies the build writes are what browsers get, byte for byte the
// files they stand for, with the cache headers hashed and unhashed files need; and the
// app works from there, the simulators' worker included, on a cold cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { DIST, EDITOR, launchBrowser, startSiteNginx, payloadText, waitForPayload } from './harness.mjs';
import { connectEmbedded, go } from './feedamp-steps.mjs';

let site;
let browser;
before(async () => {
  site = await startSiteNginx();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  site?.stop();
});

/** A fresh tab with a cold cache; its uncaught errors are collected in `page.crashes`. */
async function coldPage() {
  const page = await (await browser.newContext()).newPage();
  page.crashes = [];
  page.on('pageerror', (e) => page.crashes.push(e.message));
  return page;
}

/** A cold tab on the Veeqo channel step whose requests for `pattern` fail until `allow()`. */
async function refusing(pattern) {
  const page = await coldPage();
  let refuse = true;
  await page.route(pattern, (r) => (refuse ? r.abort() : r.continue()));
  await page.goto(`${site.url}/#/veeqo/channel`);
  await page.waitForSelector(EDITOR);
  return { page, allow: () => { refuse = false; } };
}

/** Waits for a Send's answer to be 201. */
const created = (page) => page.waitForFunction(() => document.querySelector('[data-testid=response-status]')?.textContent.startsWith('201'), null, { timeout: 15000 });

/** The app's split-off code: the other pages' parts, their shared chunks, the sending code. */
const SPLIT = /\/(split_|chunk_)[^/]*\.wasm$/;

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function get(path, acceptEncoding) {
  return new Promise((ok, fail) => {
    const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    request(`${site.url}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

test('every file is there precompressed, and sent so to browsers that take gzip', async () => {
  const wasm = readdirSync(DIST).find((f) => /^orderlint-web-[0-9a-f]{16}_bg\.wasm$/.test(f));
  const worker = readdirSync(DIST).find((f) => /^orderlint-sandbox-worker-[0-9a-f]{16}_bg\.wasm$/.test(f));
  assert.ok(wasm && worker, 'the app wasm and the worker\'s in the build');
  for (const f of [wasm, 'index.html', worker]) {
    const original = readFileSync(join(DIST, f));
    const gz = await get(`/${f}`, 'gzip, deflate, br');
    assert.equal(gz.status, 200, f);
    assert.equal(gz.headers['content-encoding'], 'gzip', `${f} goes out as its .gz`);
    assert.ok(gunzipSync(gz.body).equals(original), `${f}: the .gz holds the same bytes`);
    assert.ok(gz.body.length < original.length * 0.6, `${f}: ${gz.body.length} of ${original.length} bytes`);
    const plain = await get(`/${f}`, null);
    assert.equal(plain.headers['content-encoding'], undefined, `${f} as is without Accept-Encoding`);
    assert.ok(plain.body.equals(original));
  }
  const w = await get(`/${wasm}`, 'gzip');
  assert.equal(w.headers['content-type'], 'application/wasm', 'streaming compilation needs the type');
  assert.match(w.headers['cache-control'], /immutable/, 'a hashed file is cached for good');
  assert.equal((await get('/', 'gzip')).headers['cache-control'], 'no-cache', 'the page is checked each time');
  assert.match((await get(`/${worker}`, 'gzip')).headers['cache-control'], /immutable/, 'the worker is named by its bytes too');
  assert.equal((await get('/feedamp-callback/', 'gzip')).headers['cache-control'], 'no-cache', 'the callback page too is checked each time');
});

test('opened cold on Bulk, then FeedAMP, then a Send: the app and its worker load from this host', async () => {
  const page = await coldPage();
  const encodings = {};
  page.on('response', (r) => { encodings[new URL(r.url()).pathname] = r.headers()['content-encoding']; });
  await page.goto(`${site.url}/#/bulk`);
  await page.waitForSelector('[data-testid=bulk-kind]');
  await page.goto(`${site.url}/#/feedamp/connect`);
  await page.waitForSelector('[data-testid=connect]');
  await page.goto(`${site.url}/#/veeqo/channel`);
  await page.waitForSelector(EDITOR);
  await page.click('[data-testid=send]');
  await created(page);
  const wasm = Object.keys(encodings).find((p) => /^\/orderlint-web-[0-9a-f]{16}_bg\.wasm$/.test(p));
  const worker = Object.keys(encodings).find((p) => /^\/orderlint-sandbox-worker-[0-9a-f]{16}_bg\.wasm$/.test(p));
  assert.equal(encodings[wasm], 'gzip', 'the app wasm came precompressed');
  assert.equal(encodings[worker], 'gzip', 'the worker too, at the first Send');
  assert.deepEqual(page.crashes, []);
});

test('a simulators\' worker that cannot load gives the Send a clear answer, and the next Send tries again', async () => {
  const { page, allow } = await refusing('**/orderlint-sandbox-worker*');
  await page.click('[data-testid=send]');
  await page.waitForFunction(() => /in-page sandbox/.test(document.querySelector('[data-testid=response-area]')?.textContent || ''), null, { timeout: 15000 });
  const said = await page.textContent('[data-testid=response-area]');
  assert.match(said, /in-page sandbox could not start: its script did not load/, said);
  allow();
  await page.click('[data-testid=send]');
  await created(page);
  assert.deepEqual(page.crashes, []);
});

test('a page whose code cannot load says so, and loads when opened again', async () => {
  const { page, allow } = await refusing(SPLIT);
  await page.click('[data-testid=nav-bulk]');
  await page.waitForSelector('[data-testid=page-failed]', { timeout: 15000 });
  assert.match(await page.textContent('[data-testid=page-failed]'), /could not be loaded, or failed its integrity check: check the connection/);
  allow();
  await page.click('[data-testid=nav-veeqo-channel]');
  await page.waitForSelector(EDITOR);
  await page.click('[data-testid=nav-bulk]');
  await page.waitForSelector('[data-testid=bulk-kind]', { timeout: 15000 });
  assert.deepEqual(page.crashes, []);
});

test('a Send whose code cannot load says so, and sends once it can', async () => {
  const { page, allow } = await refusing(SPLIT);
  await page.click('[data-testid=send]');
  await page.waitForFunction(() => /code for sending could not be loaded/.test(document.querySelector('[data-testid=response-area]')?.textContent || ''), null, { timeout: 15000 });
  allow();
  await page.click('[data-testid=send]');
  await created(page);
  assert.deepEqual(page.crashes, []);
});

test('opened cold on a FeedAMP page: the session, a draft and the Bulk file survive moving between parts', async () => {
  const page = await coldPage();
  await page.goto(`${site.url}/#/feedamp/connect`);
  await page.waitForSelector('[data-testid=connect]', { timeout: 15000 });
  await connectEmbedded(page);
  await go(page, 'veeqo/channel');
  await page.waitForSelector(EDITOR);
  const draft = (await payloadText(page)).replace('"name"', '"name" ').trimEnd() + '\n';
  await page.fill(EDITOR, draft);
  await go(page, 'bulk');
  await page.waitForSelector('[data-testid=bulk-kind]', { timeout: 15000 });
  await page.setInputFiles('[data-testid=bulk-file]', { name: 'kept.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"a":1}\n') });
  await page.waitForFunction(() => /kept\.jsonl/.test(document.querySelector("[data-testid=bulk-file-name]")?.textContent || ""), null, { timeout: 15000 });
  await go(page, 'feedamp/connect');
  await page.waitForFunction(() => /^Connected\./.test(document.querySelector('[data-testid=feedamp-status]')?.textContent || ''));
  await go(page, 'veeqo/channel');
  await page.waitForSelector(EDITOR);
  await waitForPayload(page, draft);
  await go(page, 'bulk');
  await page.waitForFunction(() => /kept\.jsonl/.test(document.querySelector("[data-testid=bulk-file-name]")?.textContent || ""), null, { timeout: 15000 });
  assert.deepEqual(page.crashes, []);
});
