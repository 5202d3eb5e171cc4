// The Veeqo Buyer Protection flow in headless Chromium, driven by playwright-core:
// once in Live mode through the real nginx proxy (another origin: CORS and preflight for
// real), once against the sandbox embedded in the page, and one negative walk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStage, openPage, artifactsDir, EDITOR, payloadText, waitForPayload } from './harness.mjs';

const KEY = 'e2e-secret-key-1234567890';
let stage, site, proxy;

before(async () => {
  stage = await startStage();
  ({ site, proxy } = stage);
});
after(() => stage?.stop());

const open = () => openPage(stage, 'veeqo/channel', EDITOR);

async function go(page, route) {
  await page.click(`[data-testid=nav-${route.replace('/', '-')}]`);
  await page.waitForFunction((r) => location.hash === `#/${r}`, route);
}

async function issues(page) {
  return page.$$eval('[data-testid=issue]', (rows) =>
    rows.map((r) => ({ pointer: r.dataset.pointer, severity: r.dataset.severity, code: r.dataset.code })));
}

async function errorsOnly(page) {
  return (await issues(page)).filter((i) => i.severity === 'error');
}

async function send(page, expected) {
  await page.click('[data-testid=send]');
  const status = page.locator('[data-testid=response-status]');
  await status.waitFor();
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid=response-status]')?.textContent.startsWith(want),
    expected,
    { timeout: 15000 },
  ).catch(async () => assert.fail(`expected ${expected}, got "${await status.textContent()}"`));
}

/** The payload's text once the page's editor holds `needle` (a route changes before its
 * editor is drawn). */
async function payloadWith(page, needle) {
  for (let i = 0; i < 200; i++) {
    const text = await payloadText(page);
    if (text.includes(needle)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`the payload never held ${needle}: ${await payloadText(page)}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifactsDir(), `${name}.png`), fullPage: true });
}

async function useLive(page) {
  await go(page, 'settings');
  await page.selectOption('[data-testid=settings-target]', 'live');
  await page.fill('[data-testid=veeqo-base]', `${proxy.url}/veeqo`);
  await page.fill('[data-testid=api-key]', KEY);
  assert.equal(await page.inputValue('[data-testid=target]'), 'live');
}

/** The guide, step by step; each step's ids flow into the next without typing. */
async function walk(page, label) {
  await go(page, 'veeqo/channel');
  assert.deepEqual(await issues(page), [], 'the guide sample is clean');
  await send(page, '201');
  await shot(page, `${label}-1-channel`);

  await go(page, 'veeqo/product');
  assert.deepEqual(await errorsOnly(page), []);
  await send(page, '201');
  await shot(page, `${label}-2-product`);

  await go(page, 'veeqo/channel-sellable');
  if (label === 'sandbox') {
    // The sandbox fills Amazon's own ids with examples, and says so.
    await page.waitForSelector('[data-testid=example-ids-note]');
    assert.match(await page.textContent('[data-testid=example-ids-note]'), /^Sandbox: Amazon's own ids are filled with examples/);
    assert.deepEqual(await errorsOnly(page), []);
  } else {
    // Live: the channel and sellable ids are already in; only Amazon's own ids are missing.
    await page.waitForSelector('[data-testid=issue][data-severity=error]');
    assert.deepEqual((await errorsOnly(page)).map((i) => i.pointer), ['/data/attributes/remote_id']);
    await page.click('[data-testid=example-ids]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=issue][data-severity=error]'));
  }
  await send(page, '201');
  await shot(page, `${label}-3-channel-sellable`);

  await go(page, 'veeqo/order');
  assert.deepEqual(await errorsOnly(page), []);
  // Cross-entity checks need the account: load it, through the same transport.
  await page.click('[data-testid=load-context]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=issue]').length === 0);
  await send(page, '201');
  const bsp = page.locator('[data-testid=bsp]');
  assert.equal(await bsp.getAttribute('data-eligible'), 'true', await bsp.textContent());
  assert.match(await bsp.textContent(), /Buyer Protection applies/);
  await shot(page, `${label}-4-order`);

  // The Rate Shopping road: the order's Amazon ids are carried into the rates request,
  // which is checked against the order itself once the context is loaded.
  await go(page, 'veeqo/rates');
  assert.match(await payloadWith(page, '"customer_reference"'), /"customer_reference": "\d{3}-\d{7}-\d{7}"/, 'the Amazon order number is carried');
  assert.deepEqual(await errorsOnly(page), []);
  await page.click('[data-testid=load-context]');
  await page.waitForFunction(() => /and order \d+/.test(document.querySelector('[data-testid=context-note]')?.textContent ?? ''));
  assert.deepEqual(await issues(page), [], 'customer_reference and channel_items match the order');
  await send(page, '200');
  assert.match(await page.textContent('[data-testid=response-body]'), /"quotes"/);
  // The sandbox says whether its quotes keep Buy Shipping protection, and why not.
  const ship = page.locator('[data-testid=bsp]');
  assert.equal(await ship.getAttribute('data-eligible'), 'true', await ship.textContent());
  assert.match(await ship.textContent(), /Buy Shipping protection applies/);
  await shot(page, `${label}-5-rates`);

  // The booking takes the rates answer's shipment and its cheapest protected quote.
  await go(page, 'veeqo/booking');
  assert.doesNotMatch(await payloadWith(page, '"label_format"'), /\{\{/, 'every id is carried');
  assert.deepEqual(await errorsOnly(page), []);
  await send(page, '200');
  assert.match(await page.textContent('[data-testid=response-body]'), /"tracking_number"/);
  await shot(page, `${label}-6-booking`);

  await go(page, 'veeqo/troubleshoot');
  assert.notEqual(await page.inputValue('[data-testid=order-id]'), '', 'the order id is carried');
  await page.click('[data-testid=run-checks]');
  await page.waitForSelector('[data-testid=check]');
  const checks = await page.$$eval('[data-testid=check]', (r) => r.map((c) => [c.dataset.check, c.dataset.pass]));
  assert.deepEqual(checks, [
    ['channel', 'true'], ['channel_sellables', 'true'], ['order_number', 'true'], ['remote_ids', 'true'],
  ]);
  // The rates request drafted in step 5 is checked against the same order.
  const shipping = await page.$$eval('[data-testid=shipping-check]', (r) => r.map((c) => [c.dataset.check, c.dataset.pass]));
  assert.ok(shipping.length > 0 && shipping.every(([, pass]) => pass === 'true'), JSON.stringify(shipping));
  await shot(page, `${label}-7-troubleshoot`);

  await go(page, 'history');
  // The route changes before the page is drawn: wait for it, then count.
  await page.waitForSelector('[data-testid=history-entry]');
  const entries = await page.locator('[data-testid=history-entry]').count();
  assert.ok(entries >= 9, `history lists every exchange (${entries})`);
  await shot(page, `${label}-8-history`);
  assert.deepEqual(page.crashes, []);
}

test('live mode through the nginx proxy', async () => {
  const page = await open();
  await useLive(page);
  await shot(page, 'live-0-settings');
  await walk(page, 'live');
  // The key never shows in the page, and is not stored unless asked.
  const html = await page.content();
  assert.ok(!html.includes(KEY), 'history masks the key');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes(KEY), 'the key is not in localStorage');
  // Every request went through the proxy: its log has them, without the key.
  const log = await proxy.logged(/"POST \/veeqo\/orders" 201/);
  assert.match(log, /"OPTIONS \/veeqo\/orders" 204/);
  assert.ok(!log.includes(KEY));
  await page.context().close();
});

test('embedded sandbox mode, no key and no network', async () => {
  const page = await open();
  assert.equal(await page.inputValue('[data-testid=target]'), 'sandbox');
  const before = proxy.log().length;
  await walk(page, 'sandbox');
  assert.equal(proxy.log().length, before, 'nothing left the page');
  await page.context().close();
});

test('a 3-character short_name is flagged, and the 422 is shown when sent anyway', async () => {
  const page = await open();
  await useLive(page);
  await go(page, 'veeqo/channel');
  const payload = await payloadText(page);
  await page.fill(EDITOR, payload.replace('"AZ"', '"AZX"'));
  await page.waitForSelector('[data-testid=issue][data-pointer="/channel/short_name"][data-severity=error]');
  const row = await page.textContent('[data-testid=issue][data-pointer="/channel/short_name"]');
  assert.match(row, /maximum is 2/);
  // Live asks before sending what the checks call an error; no, then yes.
  const questions = [];
  page.once('dialog', (d) => { questions.push(d.message()); d.dismiss(); });
  await page.click('[data-testid=send]');
  await page.waitForTimeout(200);
  assert.equal(await page.locator('[data-testid=response-status]').count(), 0, 'nothing sent on "no"');
  page.once('dialog', (d) => { questions.push(d.message()); d.accept(); });
  await send(page, '422 Unprocessable Entity');
  assert.match(questions[0], /^1 error in this payload: the API may refuse it, or Buyer Protection may not apply\. Send it to the live API anyway\?$/);
  assert.match(await page.textContent('[data-testid=api-errors]'), /Short name is too long \(maximum is 2 characters\)/);
  await shot(page, 'negative-short-name');

  // Drafts survive a reload.
  await page.reload();
  await page.waitForSelector(EDITOR);
  assert.match(await payloadText(page), /"AZX"/);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('Settings says what this device holds, and forgets all of it', async () => {
  const page = await open();
  // A draft with a customer in it, a remembered key, ids carried forward.
  const draft = (await payloadText(page)).replace('Amazon Store US', 'Jane Doe, 1 Secret Lane');
  await page.fill(EDITOR, draft);
  await go(page, 'settings');
  await page.fill('[data-testid=api-key]', KEY);
  await page.check('[data-testid=remember]');
  await page.reload();
  await page.waitForSelector('[data-testid=forget]');
  const held = await page.$$eval('[data-testid=held]', (rows) => Object.fromEntries(rows.map((r) => [r.cells[0].textContent, Number(r.cells[1].textContent)])));
  assert.ok(held.Drafts >= 1, JSON.stringify(held));
  assert.equal(held['Remembered secrets'], 1, JSON.stringify(held));
  const stored = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  assert.ok((await stored()).includes(KEY) && (await stored()).includes('Jane Doe'));
  page.once('dialog', (d) => d.accept());
  await page.click('[data-testid=forget-everything]');
  await page.waitForLoadState('load');
  await page.waitForSelector('[data-testid=forget]');
  // The page writes its defaults again on load; nothing the user typed survives.
  const left = await stored();
  assert.ok(!left.includes(KEY) && !left.includes('Jane Doe') && !left.includes('orderlint.veeqo_api_key'), left);
  assert.equal(await page.inputValue('[data-testid=api-key]'), '', 'the key is gone from the page too');
  await go(page, 'veeqo/channel');
  assert.ok(!(await payloadText(page)).includes('Jane Doe'), 'the draft is gone');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('Enter or Space on an issue selects its value without typing into it', async () => {
  const page = await open();
  const text = (await payloadText(page)).replace('"AZ"', '"AZX"');
  await page.fill(EDITOR, text);
  const row = '[data-testid=issue][data-pointer="/channel/short_name"]';
  await page.waitForSelector(row);
  for (const key of ['Enter', 'Space']) {
    await page.focus(row);
    await page.keyboard.press(key);
    assert.equal(await payloadText(page), text, `${key} typed into the payload`);
    const selected = await page.evaluate((editor) => [
      document.activeElement === document.querySelector(editor),
      document.getSelection().toString(),
    ], EDITOR);
    assert.deepEqual(selected, [true, '"AZX"'], key);
  }
  await page.context().close();
});

test('the page shows its frame while loading, and says so when the app cannot start', async () => {
  const html = await (await fetch(`${site.url}/`)).text();
  assert.match(html, /id="boot"[^>]*>[\s\S]*Loading the checker/, 'the frame is in the HTML itself');
  const page = await open();
  assert.equal(await page.$('[data-testid=boot]'), null, 'the app removed it when it mounted');
  await page.context().close();

  const context = await stage.browser.newContext();
  const broken = await context.newPage();
  await broken.route('**/*.wasm', (r) => r.abort());
  await broken.goto(`${site.url}/#/veeqo/channel`);
  const msg = broken.locator('.boot.failed .boot-msg');
  await msg.waitFor();
  assert.match(await msg.textContent(), /^orderlint could not start: .+ It needs a current browser with WebAssembly; reload to try again\.$/);
  await context.close();
});

test('at 390 px wide: a menu instead of the sidebar, and no page scrolls sideways', async () => {
  const context = await stage.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${site.url}/#/veeqo/channel`);
  await page.waitForSelector(EDITOR);
  assert.equal(await page.isVisible('nav.side'), false, 'the sidebar folds away');
  const routes = await page.$$eval('nav.side a', (as) => as.map((a) => a.getAttribute('href').slice(2)));
  assert.ok(routes.length >= 15, routes.join(' '));
  const wide = [];
  for (const route of routes) {
    await page.click('[data-testid=menu]');
    await page.click(`nav.side a[href="#/${route}"]`);
    await page.waitForFunction((r) => location.hash === `#/${r}`, route);
    assert.equal(await page.isVisible('nav.side'), false, `${route}: choosing a page folds the menu`);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (scroll > width) wide.push(`${route}: ${scroll} px`);
  }
  assert.deepEqual(wide, [], 'pages wider than the screen');
  await context.close();
});

test('Live on a plain static host: no proxy there is said plainly, and cURL targets the API', async () => {
  const context = await stage.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  await page.goto(`${site.url}/#/veeqo/channel`);
  await page.waitForSelector(EDITOR);
  await go(page, 'settings');
  await page.selectOption('[data-testid=settings-target]', 'live');
  // No key yet: the preview shows no masked key that is not there.
  await go(page, 'veeqo/channel');
  assert.ok(!(await page.textContent('[data-testid=request-preview]')).includes('x-api-key'));
  await go(page, 'settings');
  await page.fill('[data-testid=api-key]', KEY);
  // The default base "/veeqo" on a host with no proxy: the host answers with a page.
  await go(page, 'veeqo/channel');
  await page.click('[data-testid=send]');
  const status = page.locator('[data-testid=response-status]');
  await status.waitFor();
  await page.waitForFunction(() => /no proxy answered/.test(document.querySelector('[data-testid=response-status]').textContent));
  assert.match(await status.textContent(), /^no proxy answered at \/veeqo: the host sent a web page \(\d+\), not the API\. Live mode needs the CORS proxy/);
  assert.equal(await page.getAttribute('[data-testid=response-fix]', 'href'), '#/settings', 'the fix is a link away');
  await page.click('[data-testid=copy-curl]');
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(curl, /^curl -X POST 'https:\/\/api\.veeqo\.com\/channels'/, curl);
  assert.ok(!curl.includes(KEY), 'the key is masked');
  await context.close();
});

test('History opens an exchange in its editor again, and copies it as cURL', async () => {
  const context = await stage.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  page.crashes = [];
  page.on('pageerror', (e) => page.crashes.push(e.message));
  await page.goto(`${site.url}/#/veeqo/channel`);
  await page.waitForSelector(EDITOR);
  const sent = (await payloadText(page)).replace('Amazon Store US', 'Store From History');
  await page.fill(EDITOR, sent);
  await page.click('[data-testid=send]');
  await page.waitForSelector('[data-testid=response-status]');
  await page.fill(EDITOR, sent.replace('Store From History', 'Something Else'));

  await go(page, 'history');
  const entry = page.locator('[data-testid=history-entry]').first();
  await entry.locator('summary').click();
  assert.match(await entry.locator('[data-testid=history-request-body]').textContent(), /^\{\n  "channel": \{\n    "name": "Store From History/, 'the body is indented');
  await entry.locator('[data-testid=history-curl]').click();
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.startsWith('curl')));
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(curl, /^curl -X POST 'https:\/\/api\.veeqo\.com\/channels'/, curl);
  assert.match(curl, /--data-raw '.*Store From History/s, curl);
  await entry.locator('[data-testid=history-open]').click();
  await page.waitForFunction(() => location.hash === '#/veeqo/channel');
  await page.waitForSelector(EDITOR);
  assert.equal(JSON.parse(await payloadText(page)).channel.name, 'Store From History (Custom Integration)');
  assert.deepEqual(page.crashes, []);
  await context.close();
});

test('"Start from" asks before replacing edits', async () => {
  const page = await open();
  const sample = await payloadText(page);
  const edited = sample.replace('Amazon Store US', 'My edited store');
  await page.fill(EDITOR, edited);
  page.once('dialog', (d) => d.dismiss());
  await page.click('[data-testid=reset-sample]');
  assert.equal(await payloadText(page), edited, 'kept on "no"');
  page.once('dialog', (d) => d.accept());
  await page.click('[data-testid=reset-sample]');
  await waitForPayload(page, sample);
  // Unedited: no question at all.
  await page.click('[data-testid=reset-sample]');
  assert.equal(await payloadText(page), sample);
  await page.context().close();
});

test("a step's last answer is still there when you come back", async () => {
  const page = await open();
  await send(page, '201');
  await go(page, 'veeqo/product');
  await page.waitForSelector(EDITOR);
  assert.equal(await page.locator('[data-testid=response-status]').count(), 0, 'the product step has none yet');
  await go(page, 'veeqo/channel');
  await page.waitForSelector('[data-testid=response-status]');
  assert.match(await page.textContent('[data-testid=response-status]'), /^201/);
  await page.context().close();
});
