// Live under real conditions, through the real nginx proxy to `orderlint sandbox` made as
// unkind as real servers are (its /_sandbox/faults control): two tabs sending one file, a
// token that expires under a run with requests in flight, a token server that is slow or
// failing, an upstream that redirects. What reached the API is counted where it arrived.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startStage } from './harness.mjs';
import { openBulk, goLive, loadFile, counts, waitCounts, accessLog } from './bulk-steps.mjs';
import { connectLive, go } from './feedamp-steps.mjs';
import { veeqoOrder, seedVeeqo, feedampOrder, rng } from '../../bench/corpus.mjs';

const KEY = 'live-e2e-key-1234567890';
let stage;

before(async () => { stage = await startStage(); });
after(() => stage?.stop());

/** Schedules faults on the sandbox (straight to it, not through the proxy). */
async function fault(api, ...faults) {
  const res = await fetch(`${stage.sandbox.url}/${api}/_sandbox/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults),
  });
  assert.equal(res.status, 201, await res.text());
}

/** Requests that reached the API through the proxy, by method and path. */
const arrived = (method, path) => accessLog(stage.proxy).filter((e) => e.method === method && e.path === path);

async function newTab(context) {
  const page = await context.newPage();
  page.crashes = [];
  page.on('pageerror', (e) => page.crashes.push(e.message));
  return page;
}

test('two tabs of one browser send one file: each payload reaches the API once', async () => {
  const N = 6;
  const ids = await seedVeeqo(`${stage.sandbox.url}/veeqo`, KEY);
  const file = (run) => Array.from({ length: N }, (_, i) => JSON.stringify(veeqoOrder(i, { ...ids, run }))).join('\n');
  const context = await stage.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tabs = [await newTab(context), await newTab(context)];
  for (const tab of tabs) {
    await tab.goto(`${stage.site.url}/#/bulk`);
    await goLive(tab, stage.proxy.url, KEY);
  }
  const before = arrived('POST', '/veeqo/orders').length;

  // Together: both load the file; one presses Send, and the other presses it while the
  // first run is under way (each order answered slowly, as a busy API would). The second
  // is told, and sends nothing.
  await fault('veeqo', { method: 'POST', path: '/orders', delay_ms: 1500, times: N });
  for (const tab of tabs) {
    await openBulk(tab, 'veeqo.order');
    assert.equal((await loadFile(tab, 'together.jsonl', file(41))).valid, N);
  }
  await tabs[0].click('[data-testid=bulk-send]');
  await waitCounts(tabs[0], 'c.sending > 0');
  await tabs[1].click('[data-testid=bulk-send]');
  const note = (t) => t.evaluate(() => document.querySelector('[data-testid=bulk-note]')?.textContent ?? '');
  await tabs[1].waitForFunction(() => /Not started/.test(document.querySelector('[data-testid=bulk-note]')?.textContent ?? ''))
    .catch(async () => assert.fail(`the second tab said: ${JSON.stringify(await note(tabs[1]))}`));
  assert.match(await note(tabs[1]), /Not started: a run to this target is under way in another tab/);
  const [runner, other] = tabs;
  const ran = await waitCounts(runner, `c.phase === "idle" && c.left === 0`);
  assert.equal(ran.sent, N, JSON.stringify(ran));
  // The other tab, asked again, sends nothing and shows what the first sent.
  await other.click('[data-testid=bulk-send]');
  const shown = await waitCounts(other, `c.phase === "idle" && c.sent === ${N}`);
  assert.equal(shown.failed + shown.unknown, 0, JSON.stringify(shown));
  assert.equal(arrived('POST', '/veeqo/orders').length - before, N, 'each order reached the API once');

  // One after the other: the second tab read the record before the first sent.
  const middle = arrived('POST', '/veeqo/orders').length;
  for (const tab of tabs) assert.equal((await loadFile(tab, 'after.jsonl', file(42))).valid, N);
  await tabs[0].click('[data-testid=bulk-send]');
  await waitCounts(tabs[0], `c.phase === "idle" && c.sent === ${N}`);
  await tabs[1].click('[data-testid=bulk-send]');
  const second = await waitCounts(tabs[1], `c.phase === "idle" && c.sent === ${N}`);
  assert.equal(second.failed + second.unknown, 0, JSON.stringify(second));
  assert.equal(arrived('POST', '/veeqo/orders').length - middle, N, 'nothing went twice');
  for (const tab of tabs) assert.deepEqual(tab.crashes, []);
  await context.close();
});

test('an order already in the account (sent by another tool) is found by its number, not created again', async () => {
  const N = 4;
  const ids = await seedVeeqo(`${stage.sandbox.url}/veeqo`, KEY);
  const orders = Array.from({ length: N }, (_, i) => veeqoOrder(i, { ...ids, run: 43 }));
  // Another tool created the first one already.
  const elsewhere = await fetch(`${stage.sandbox.url}/veeqo/orders`, {
    method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: JSON.stringify(orders[0]),
  });
  assert.equal(elsewhere.status, 201);
  const existing = String((await elsewhere.json()).id);
  const context = await stage.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newTab(context);
  await page.goto(`${stage.site.url}/#/bulk`);
  await goLive(page, stage.proxy.url, KEY);
  await openBulk(page, 'veeqo.order');
  assert.equal((await loadFile(page, 'orders.jsonl', orders.map((o) => JSON.stringify(o)).join('\n'))).valid, N);
  assert.ok(await page.isChecked('[data-testid=bulk-look-up]'), 'on by default in Live');
  const [posts, gets] = [arrived('POST', '/veeqo/orders').length, arrived('GET', '/veeqo/orders').length];
  await page.click('[data-testid=bulk-send]');
  const done = await waitCounts(page, `c.phase === "idle" && c.left === 0`);
  assert.equal(done.sent, N - 1, JSON.stringify(done));
  assert.equal(await page.getAttribute('[data-testid=bulk-send-counts]', 'data-found'), '1');
  assert.equal(arrived('POST', '/veeqo/orders').length - posts, N - 1, 'the order already there was not created again');
  assert.equal(arrived('GET', '/veeqo/orders').length - gets, N, 'one look-up per order');
  const row = await page.textContent('[data-testid=bulk-row][data-row="1"]');
  assert.ok(row.includes(`the account has it already (order ${existing}, found by its number)`), row);
  await page.selectOption('[data-testid=bulk-filter]', 'found');
  assert.equal(await page.locator('[data-testid=bulk-row]').count(), 1);
  assert.deepEqual(page.crashes, []);
  await context.close();
});

test('a token that expires under a FeedAMP run is renewed once, the session kept, every order sent', async () => {
  const context = await stage.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newTab(context);
  await page.goto(`${stage.site.url}/#/feedamp/connect`);
  await connectLive(page, stage.proxy.url, stage.sandbox.url);
  const N = 8;
  const r = rng(21);
  const orders = Array.from({ length: N }, (_, i) => JSON.stringify(feedampOrder(2100 + i, r, 1)));
  await openBulk(page, 'feedamp.order');
  assert.equal((await loadFile(page, 'orders.jsonl', orders.join('\n'))).valid, N);
  await page.fill('[data-testid=bulk-rate]', '50');
  await page.dispatchEvent('[data-testid=bulk-rate]', 'change');

  // The token's hour passes on the API's clock (the page's still thinks it is good), and
  // the token server is slow: requests in flight meet the 401 while a renewal is under way.
  const clock = await fetch(`${stage.sandbox.url}/feedamp/_sandbox/clock`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advance_s": 3660}',
  });
  assert.equal(clock.status, 200);
  await fault('feedamp', { method: 'POST', path: '/access_token', delay_ms: 600 });
  const tokensBefore = arrived('POST', '/feedamp/access_token').length;
  await page.click('[data-testid=bulk-send]');
  const done = await waitCounts(page, `c.phase === "idle" && c.left === 0`)
    .catch(async (e) => assert.fail(`${e.message}: ${JSON.stringify(await counts(page))}, note: ${await page.locator('[data-testid=bulk-note]').textContent().catch(() => 'none')}`));
  assert.equal(done.sent, N, JSON.stringify(done));
  const refreshes = arrived('POST', '/feedamp/access_token').slice(tokensBefore);
  assert.deepEqual(refreshes.map((e) => e.status), [200], 'one renewal, shared by every request');

  // A token server that fails for a while: the refresh token is kept and tried again.
  await fetch(`${stage.sandbox.url}/feedamp/_sandbox/clock`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advance_s": 3660}',
  });
  await fault('feedamp', { method: 'POST', path: '/access_token', status: 503, times: 2 });
  const more = Array.from({ length: 3 }, (_, i) => JSON.stringify(feedampOrder(2200 + i, r, 1)));
  assert.equal((await loadFile(page, 'more.jsonl', more.join('\n'))).valid, 3);
  const mark = arrived('POST', '/feedamp/access_token').length;
  await page.click('[data-testid=bulk-send]');
  const after503 = await waitCounts(page, `c.phase === "idle" && c.left === 0`, 60000)
    .catch(async (e) => assert.fail(`${e.message}: ${JSON.stringify(await counts(page))}, note: ${await page.locator('[data-testid=bulk-note]').textContent().catch(() => 'none')}`));
  assert.equal(after503.sent, 3, JSON.stringify(after503));
  assert.deepEqual(arrived('POST', '/feedamp/access_token').slice(mark).map((e) => e.status), [503, 503, 200]);
  await go(page, 'feedamp/connect');
  assert.doesNotMatch(await page.textContent('main'), /Not connected/);
  assert.deepEqual(page.crashes, []);
  await context.close();
});

test('an upstream redirect is never followed: the key and the order go nowhere else', async () => {
  // Somewhere else, counting what reaches it.
  const seen = [];
  const elsewhere = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, key: req.headers['x-api-key'] });
    res.writeHead(201, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' });
    res.end('{"id": 1}');
  });
  await new Promise((ok) => elsewhere.listen(0, '127.0.0.1', ok));
  const away = `http://127.0.0.1:${elsewhere.address().port}/steal`;
  try {
    await fault('veeqo', { method: 'POST', path: '/channels', redirect: away, status: 307 });
    const context = await stage.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await newTab(context);
    await page.goto(`${stage.site.url}/#/veeqo/channel`);
    await goLive(page, stage.proxy.url, KEY);
    await go(page, 'veeqo/channel');
    await page.click('[data-testid=send]');
    await page.waitForFunction(() => /not followed/.test(document.querySelector('[data-testid=response-status]')?.textContent ?? ''));
    const said = await page.textContent('[data-testid=response-status]');
    assert.match(said, /a redirect to http:\/\/127\.0\.0\.1:\d+\/steal/);
    assert.deepEqual(seen, [], 'nothing reached the other host');
    assert.deepEqual(page.crashes, []);
    await context.close();
  } finally {
    elsewhere.close();
  }
});
