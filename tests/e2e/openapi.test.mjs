// The OpenAPI documents and the answers read against them, in headless Chromium: each
// API's document downloads from Check (by keyboard, by its name); an answer that breaks its
// documented shape is warned of beside the response, from the in-page sandbox and in Live
// through the proxy. The answers are made with the sandbox's fault scheduler (`body`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStage, openPage, EDITOR, artifactsDir, audit } from './harness.mjs';
import { goLive } from './bulk-steps.mjs';
import { go } from './feedamp-steps.mjs';

let stage;
before(async () => { stage = await startStage(); });
after(async () => { await stage?.stop(); });

/** A created channel whose id is no number: Veeqo documents an integer. */
const BROKEN = { method: 'POST', path: '/channels', status: 201, body: { id: 'not-a-number' } };
const HEADING = 'This answer differs from the documented shape';

test('each API\'s OpenAPI 3.1 document downloads from Check, from the keyboard', async () => {
  const page = await openPage(stage, 'check', '[data-testid=check-input]');
  for (const [api, file] of [['Veeqo', 'orderlint-veeqo.openapi.json'], ['FeedAMP', 'orderlint-feedamp.openapi.json']]) {
    // Found by its accessible name, and pressed as a keyboard user would.
    const button = page.getByRole('button', { name: `Download OpenAPI 3.1 — ${api}` });
    assert.equal(await button.textContent(), `OpenAPI 3.1 — ${api}`);
    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), file);
    const text = readFileSync(await download.path(), 'utf8');
    assert.match(text, /^\{\n {2}"/, 'pretty-printed');
    assert.match(JSON.parse(text).openapi, /^3\.1/);
    await page.waitForFunction((f) => document.querySelector('[data-testid=schema-export] ~ [role=group] [role=status]')?.textContent === `Downloaded ${f}.`, file);
  }
  await page.screenshot({ path: join(artifactsDir(), 'openapi-check.png'), fullPage: true });
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

/**
 * Calls the in-page sandbox in its Web Worker (started by the page's first Send) as the
 * page does, with a `call` message, and returns its answer, which the page never sees.
 */
async function callWorker(worker, api, method, path, body) {
  const call = {
    // Past any number the page gives its own calls.
    id: 4294967295, api, now_ms: Date.now(),
    request: { method, path, query: [], headers: [['Content-Type', 'application/json']], body: JSON.stringify(body), refused: null },
  };
  return worker.evaluate((call) => new Promise((ok) => {
    const post = self.postMessage;
    self.postMessage = (m) => {
      const answer = typeof m === 'string' && m.startsWith('{"answer"') ? JSON.parse(m).answer : null;
      if (answer?.id !== call.id) return post.call(self, m);
      self.postMessage = post;
      ok(answer.response);
    };
    self.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ call }) }));
  }), call);
}

/** Sends the step's payload and waits for its answer: a new one, not the last one shown. */
async function send(page, status) {
  const BODY = '[data-testid=response-body]';
  const before = await page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, BODY);
  await page.click('[data-testid=send]');
  await page.waitForFunction(([s, before, sel]) => {
    const now = document.querySelector(sel)?.textContent ?? null;
    return now !== before && document.querySelector('[data-testid=response-status]')?.textContent.startsWith(s);
  }, [status, before, BODY], { timeout: 15000 });
}

/** The warning beside the response: its heading, its lines, and its closing sentence. */
async function warning(page) {
  const el = await page.waitForSelector('[data-testid=response-area] .response [data-testid=drift]', { timeout: 15000 });
  return {
    heading: await el.$eval('h3', (h) => h.textContent),
    items: await el.$$eval('[data-testid=drift-item]', (is) => is.map((i) => i.textContent)),
    text: await el.textContent(),
  };
}

function assertWarnsOfId(w) {
  assert.equal(w.heading, HEADING);
  assert.ok(w.items.some((i) => i.startsWith('/id ')), `a line about /id: ${JSON.stringify(w.items)}`);
  assert.match(w.text, /Fields the API adds .* are not reported/);
}

test('an in-page sandbox answer that breaks its documented shape is warned of beside it', async () => {
  const page = await openPage(stage, 'veeqo/channel', EDITOR);
  // The sandbox's own answer is as documented: nothing is said, once the check is here.
  const part = page.waitForResponse((r) => /split_drift_part-/.test(r.url()), { timeout: 15000 });
  const worker = page.waitForEvent('worker', { timeout: 15000 });
  await send(page, '201');
  assert.ok((await part).ok(), 'the check arrives with the first answer');
  await page.waitForTimeout(300);
  assert.equal(await page.$('[data-testid=drift]'), null, 'no warning for a sound answer');

  const scheduled = await callWorker(await worker, 'Veeqo', 'Post', '/_sandbox/faults', [BROKEN]);
  assert.equal(scheduled.status, 201, scheduled.body);
  await send(page, '201');
  assert.match(await page.textContent('[data-testid=response-body]'), /not-a-number/);
  assertWarnsOfId(await warning(page));
  const serious = (await audit(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, []);
  await page.screenshot({ path: join(artifactsDir(), 'openapi-drift.png'), fullPage: true });

  // The next answer is sound again: the warning goes with the answer it was about.
  await send(page, '201');
  await page.waitForSelector('[data-testid=drift]', { state: 'detached' });
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('in Live, an answer through the proxy that breaks its documented shape is warned of too', async () => {
  const res = await fetch(`${stage.sandbox.url}/veeqo/_sandbox/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([BROKEN]),
  });
  assert.equal(res.status, 201, await res.text());
  const page = await openPage(stage, 'veeqo/channel', EDITOR);
  await goLive(page, stage.proxy.url, 'openapi-e2e-key-1234567890');
  await go(page, 'veeqo/channel');
  await send(page, '201');
  assertWarnsOfId(await warning(page));
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
