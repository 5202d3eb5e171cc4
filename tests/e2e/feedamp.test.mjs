// The FeedAMP order lifecycle in headless Chromium: connect (a tampered state refused,
// then approve), place an order with two lines, the seller ships one, polling shows
// PARTIALLY_FULFILLED, INVALID_TRACKING_NUMBER is reported, the token's hour runs out and
// is refreshed silently, the seller ships the other, SHIPPED, polling shows COMPLETE.
// Once with the sandbox embedded in the page, once live through the real nginx proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStage, openPage, startNginx, EDITOR, payloadText } from './harness.mjs';
import { shot, go, expectOk, status, feedampSettings, signInAndApprove } from './feedamp-steps.mjs';

let stage, site, sandbox, proxy;

before(async () => {
  stage = await startStage();
  ({ site, sandbox, proxy } = stage);
});
after(() => stage?.stop());

const open = () => openPage(stage, 'feedamp/connect', '[data-testid=connect]');





async function poll(page, query, number, status) {
  await go(page, 'feedamp/poll');
  await page.fill('[data-testid=query]', JSON.stringify(query));
  await page.click('[data-testid=poll]');
  await page.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=poll-progress]')?.textContent || ''));
  const row = page.locator(`[data-testid=listed][data-number="${number}"]`);
  assert.equal(await row.getAttribute('data-status'), status);
}

async function seller(page, line, quantity, tracking) {
  await go(page, 'feedamp/seller');
  await page.fill('[data-testid=seller-line]', line);
  await page.fill('[data-testid=seller-quantity]', String(quantity));
  await page.fill('[data-testid=seller-tracking]', tracking);
  await page.click('[data-testid=seller-ship]');
  await expectOk(page, 'seller-result', /Done\./);
}

async function setState(page, state) {
  await go(page, 'feedamp/state');
  await page.waitForSelector('[data-testid=current-state]');
  await page.click(`[data-testid=set-state-${state}]`);
  await expectOk(page, 'state-result', new RegExp(`Marked ${state}`));
  assert.equal(await page.getAttribute('[data-testid=current-state]', 'data-state'), state);
}

/** From a connected page: the whole lifecycle. */
async function lifecycle(page, label) {
  await go(page, 'feedamp/order');
  await page.waitForSelector(EDITOR);
  assert.deepEqual(await page.$$eval('[data-testid=issue]', (r) => r.map((x) => x.dataset.code)), [], 'the spec sample is clean');
  await page.click('[data-testid=send]');
  await status(page, '201');
  const number = JSON.parse(await payloadText(page)).mp_order_number;
  await shot(page, `${label}-1-placed`);

  await setState(page, 'AWAITING_SHIPMENT');
  await seller(page, '1', 2, '1Z999');
  await poll(page, { fulfillment_status: 'PARTIALLY_FULFILLED', page_size: 10 }, number, 'PARTIALLY_FULFILLED');
  await shot(page, `${label}-2-partially-fulfilled`);

  await go(page, 'feedamp/fulfillments');
  await page.waitForSelector('[data-testid=proposed-error]');
  assert.deepEqual(await page.$$eval('[data-testid=proposed-error]', (r) => r.map((x) => x.dataset.code)), ['INVALID_TRACKING_NUMBER']);
  await shot(page, `${label}-3-fulfillments`);
  await page.click('[data-testid=report-proposed]');
  await page.waitForFunction(() => location.hash === '#/feedamp/errors');
  await page.waitForSelector(EDITOR);
  assert.match(await payloadText(page), /INVALID_TRACKING_NUMBER/);
  await page.click('[data-testid=send]');
  await status(page, '200');
  await shot(page, `${label}-4-error-reported`);

  // The token's hour runs out mid-flow; the next call refreshes it without a word.
  await go(page, 'feedamp/seller');
  await page.click('[data-testid=clock-hour]');
  await expectOk(page, 'seller-result', /one hour/);
  await seller(page, '2', 1, '1Z999AA10123456784');
  await setState(page, 'SHIPPED');
  await poll(page, { fulfillment_status: 'COMPLETE', page_size: 10 }, number, 'COMPLETE');
  await shot(page, `${label}-5-complete`);

  await go(page, 'history');
  // Read once the History page is drawn: the checks below must see its entries.
  await page.waitForSelector('[data-testid=history-entry]');
  const refreshed = await page.$$eval('[data-testid=history-entry] summary', (r) => r.filter((s) => s.textContent.includes('/access_token')).length);
  assert.ok(refreshed >= 2, 'the code exchange and at least one refresh');
  const html = await page.content();
  assert.ok(!/at_[0-9a-f]{24}|rt_[0-9a-f]{24}/.test(html), 'no token appears in clear');
  assert.ok(!html.includes('sandbox-secret'), 'the client secret is masked');
  assert.deepEqual(page.crashes, []);
}

test('embedded sandbox: connect, refuse a tampered state, the whole lifecycle', async () => {
  const page = await open();
  // A tampered state is refused.
  await page.click('[data-testid=connect]');
  await page.waitForSelector('[data-testid=sandbox-authorize]');
  await page.evaluate(() => { location.hash = '#/feedamp/callback?code=forged&state=tampered'; });
  // Read once, then gone from the address bar.
  await page.waitForFunction(() => location.hash === '#/feedamp/callback');
  const refused = page.locator('[data-testid=callback-result]');
  await refused.waitFor();
  assert.equal(await refused.getAttribute('data-ok'), 'false');
  assert.match(await refused.textContent(), /does not match/);
  await shot(page, 'embedded-0-tampered-state');
  // Approve.
  await go(page, 'feedamp/connect');
  await page.click('[data-testid=connect]');
  await page.click('[data-testid=sandbox-approve]');
  await expectOk(page, 'callback-result', /Connected/);
  await shot(page, 'embedded-0-connected');
  await lifecycle(page, 'embedded');
  await page.context().close();
});

test('live through the nginx proxy: the seller approves on the authorize page', async () => {
  const page = await open();
  await page.selectOption('[data-testid=target]', 'live');
  await feedampSettings(page, { base: `${proxy.url}/feedamp`, signIn: `${sandbox.url}/feedamp`, id: 'sandbox-client', secret: 'sandbox-secret' });
  assert.match(await page.textContent('[data-testid=feedamp-client-summary]'), /Live: client "sandbox-client", secret entered, PKCE off/);
  // Tampered: leave for the authorize page, come back with a forged state.
  await page.click('[data-testid=connect]');
  // The authorization server's sign-in page, on its own origin.
  await page.waitForSelector('#sign-in');
  assert.ok(page.url().startsWith(`${sandbox.url}/feedamp/authorize?`), page.url());
  await page.goto(`${site.url}/#/feedamp/callback?code=forged&state=tampered`);
  const refused = page.locator('[data-testid=callback-result]');
  await refused.waitFor();
  assert.match(await refused.textContent(), /does not match/);
  // Approve on the authorization server's own page (the sandbox's origin), not through the proxy.
  await feedampSettings(page, { secret: 'sandbox-secret' });
  await page.click('[data-testid=connect]');
  await page.waitForSelector('#sign-in');
  await shot(page, 'live-0-sign-in-page');
  await signInAndApprove(page, { approve: false });
  await shot(page, 'live-0-consent-page');
  // FeedAMP sends the seller to a real path, no fragment: the code arrives as a query there.
  const redirected = page.waitForRequest((r) => r.url().includes('/feedamp-callback/?'));
  await page.click('#approve');
  const callback = (await redirected).url();
  assert.match(callback, /\/feedamp-callback\/\?code=[^&]+&state=/);
  // A hard reload on return: the secret was only in memory, so it is asked again.
  await page.waitForSelector('[data-testid=callback-secret]');
  await page.fill('[data-testid=callback-secret]', 'sandbox-secret');
  await page.click('[data-testid=callback-exchange]');
  await expectOk(page, 'callback-result', /Connected/);
  // The code left the address bar, and the history holds the app's route in its place.
  assert.ok(!page.url().includes('code=') && !page.url().includes('state='), page.url());
  assert.ok(page.url().endsWith('#/feedamp/callback'), page.url());
  await lifecycle(page, 'live');
  // Replaying the callback URL (code and all) is refused: its state was single use.
  await page.goto(callback);
  await page.waitForURL(/#\/feedamp\/callback$/);
  const replay = page.locator('[data-testid=callback-result]');
  await replay.waitFor();
  assert.equal(await replay.getAttribute('data-ok'), 'false');
  assert.ok(!page.url().includes('code='), page.url());
  const log = proxy.log();
  assert.match(log, /"PUT \/feedamp\/orders\/[^"]+" 20[01]/);
  assert.ok(!log.includes('sandbox-secret'));
  assert.doesNotMatch(log, /\/feedamp\/(authorize|decision)/, 'the seller approved on FeedAMP itself, not through the proxy');
  await page.context().close();
});

test('the proxy can hold the client secret: the page never has it', async () => {
  const holding = await startNginx({ origin: site.url, upstream: sandbox.url, secret: 'sandbox-secret' });
  try {
    const page = await open();
    await page.selectOption('[data-testid=target]', 'live');
    await go(page, 'settings');
    await page.fill('[data-testid=feedamp-base]', `${holding.url}/feedamp`);
    await page.fill('[data-testid=feedamp-sign-in]', `${sandbox.url}/feedamp`);
    await page.fill('[data-testid=feedamp-client-id]', 'sandbox-client');
    // A secret typed before is dropped when the proxy is said to hold it.
    await page.fill('[data-testid=feedamp-client-secret]', 'typed-by-mistake-123');
    await page.check('[data-testid=secret-in-proxy]');
    assert.equal(await page.inputValue('[data-testid=feedamp-client-secret]'), '');
    // With PKCE on: only the challenge leaves with the seller; the sandbox insists on the verifier.
    await page.check('[data-testid=pkce]');
    await go(page, 'feedamp/connect');
    const authorize = page.waitForRequest((r) => r.url().includes('/feedamp/authorize?'));
    await page.click('[data-testid=connect]');
    const sent = new URL((await authorize).url());
    assert.equal(sent.searchParams.get('code_challenge_method'), 'S256');
    assert.match(sent.searchParams.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
    await signInAndApprove(page);
    await expectOk(page, 'callback-result', /Connected/);
    const kept = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
    assert.ok(!kept.includes('pending_verifier'), 'the verifier was single use');
    await go(page, 'feedamp/order');
    await page.waitForSelector(EDITOR);
    const order = JSON.parse(await payloadText(page));
    order.mp_order_number = 'PROXY-SECRET-1';
    await page.fill(EDITOR, JSON.stringify(order, null, 2));
    await page.click('[data-testid=send]');
    await status(page, '201');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.ok(!stored.includes('sandbox-secret') && !stored.includes('typed-by-mistake-123'));
    assert.match(holding.log(), /"POST \/feedamp\/access_token" 200/);
    assert.deepEqual(page.crashes, []);
    await page.context().close();
  } finally {
    holding.stop();
  }
});

test('dead ends explain themselves: a denied consent, and a poll right after placing an order', async () => {
  const page = await open();
  await page.click('[data-testid=connect]');
  await page.click('[data-testid=sandbox-deny]');
  const result = page.locator('[data-testid=callback-result]');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-ok'), 'false');
  assert.match(await result.textContent(), /did not authorize access \(access_denied\)/);
  assert.equal(await page.textContent('main h2'), 'Not connected');
  await page.click('[data-testid=connect-again]');
  await page.waitForFunction(() => location.hash === '#/feedamp/connect');
  // Connected, an order placed (PENDING): the poll finds none, and says why.
  await page.click('[data-testid=connect]');
  await page.click('[data-testid=sandbox-approve]');
  await expectOk(page, 'callback-result', /Connected/);
  await go(page, 'feedamp/order');
  await page.waitForSelector(EDITOR);
  const order = JSON.parse(await payloadText(page));
  order.marketplace_state = 'PENDING';
  order.mp_order_number = 'PENDING-POLL-1';
  await page.fill(EDITOR, JSON.stringify(order, null, 2));
  await page.click('[data-testid=send]');
  await status(page, '20');
  await go(page, 'feedamp/poll');
  await page.fill('[data-testid=query]', '{"fulfillment_status": "UNFULFILLED,PARTIALLY_FULFILLED", "page_size": 20}');
  await page.click('[data-testid=poll]');
  await page.waitForFunction(() => /^Done: /.test(document.querySelector('[data-testid=poll-progress]')?.textContent ?? ''));
  assert.match(await page.textContent('[data-testid=poll-progress]'),
    /^Done: 1 page · 0 orders\. A PENDING order has no fulfillment status yet, so the fulfillment_status filter leaves it out/);
  await page.context().close();
});
