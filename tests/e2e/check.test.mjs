// "Check anything" in headless Chromium: a payload pasted without its kind is told and
// checked, an ambiguous one offers the kinds that fit, a cURL command is read whole (the
// request's own problems first) and its body opens in its step's editor; a live key pasted
// in a request shows nowhere and is kept nowhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startStage, openPage, ROOT, BIN, waitForPayload } from './harness.mjs';

let stage;
before(async () => { stage = await startStage(); });
after(async () => { await stage?.stop(); });

const INPUT = '[data-testid=check-input]';
const kindSaid = (page) => page.textContent('[data-testid=check-kind]');
const codes = (page) => page.$$eval('[data-testid=issue]', (is) => is.map((i) => i.dataset.code));

const order = JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'samples/veeqo/order.json'), 'utf8')
  .replace('{{channel_id}}', '1234567').replaceAll('{{sellable_id}}', '111222333')
  .replaceAll('{{amazon_order_number}}', '112-1234567-1234567').replaceAll('{{amazon_line_item_id}}', '12345678901234')));

test('a payload is told by its wrapper, checked, and opened in its step\'s editor', async () => {
  const page = await openPage(stage, 'check', INPUT);
  await page.fill(INPUT, order.replace('"112-1234567-1234567"', '"AMZ-112-1234567-1234567"'));
  await page.waitForSelector('[data-testid=check-kind]');
  assert.equal(await kindSaid(page), 'veeqo.order: it has the wrapper key "order".');
  await page.waitForSelector('[data-testid=issue][data-code="veeqo.order.number.not_exact"]');
  await page.click('[data-testid=check-open]');
  await page.waitForFunction(() => location.hash === '#/veeqo/order');
  await waitForPayload(page, JSON.stringify(JSON.parse(order.replace('"112-1234567-1234567"', '"AMZ-112-1234567-1234567"')), null, 2));
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('a payload several kinds fit says which, and is checked as the one chosen', async () => {
  const page = await openPage(stage, 'check', INPUT);
  await page.fill(INPUT, '{"page_size": 5}');
  await page.waitForSelector('[data-testid="check-as-feedamp.refunds_query"]');
  assert.match(await kindSaid(page), /fit feedamp\.orders_query, feedamp\.refunds_query and feedamp\.returns_query alike/);
  assert.deepEqual(await codes(page), ['json.kind_unknown']);
  await page.click('[data-testid="check-as-feedamp.refunds_query"]');
  await page.waitForFunction(() => /chosen/.test(document.querySelector('[data-testid=check-kind]').textContent));
  assert.deepEqual(await codes(page), ['feedamp.refunds_query.page_size.out_of_range']);
  await page.waitForSelector('[data-testid=check-no-editor]');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('a cURL command is read whole; its key shows nowhere and is kept nowhere', async () => {
  const page = await openPage(stage, 'check', INPUT);
  const body = '{"data": {"type": "channel_sellables", "attributes": {"sellable_id": "111222333", "channel_id": "1234567", "remote_id": "B0EXAMPLE1", "remote_sku": "S-1", "remote_title": "Bottle", "channel_product_attributes": {"remote_title": "Bottle"}}}}';
  const curl = `curl 'https://api.veeqo.com/api/v2/channel_sellables?api_key=vq-secret-in-url-9' \\\n  -H 'x-api-key: vq-secret-header-7' \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '${body}'`;
  await page.fill(INPUT, curl);
  await page.waitForSelector('[data-testid=check-request]');
  const said = await page.textContent('[data-testid=check-request]');
  assert.match(said, /^cURL POST https:\/\/api\.veeqo\.com\/api\/v2\/channel_sellables\?api_key=.* → POST \/api\/v2\/channel_sellables \(Veeqo\)$/);
  assert.deepEqual(await codes(page), ['request.accept_json_api', 'request.secret_in_url']);
  const shown = await page.evaluate(() => document.body.innerText);
  assert.ok(!/vq-secret/.test(shown), 'no secret in the page but the text area');
  await page.click('[data-testid=check-open]');
  await page.waitForFunction(() => location.hash === '#/veeqo/channel-sellable');
  await waitForPayload(page, JSON.stringify(JSON.parse(body), null, 2));
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!/vq-secret/.test(kept), 'nothing pasted is stored');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('a request that cannot be read says why', async () => {
  const page = await openPage(stage, 'check', INPUT);
  await page.fill(INPUT, "curl 'https://api.veeqo.com/orders -H 'x-api-key: k'");
  await page.waitForFunction(() => /cannot be read: the cURL command cannot be split into words: missing closing quote/.test(document.querySelector('[data-testid=check-kind]')?.textContent || ''));
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('the JSON Schema of the kind told downloads, the same text the CLI prints', async () => {
  const page = await openPage(stage, 'check', INPUT);
  await page.fill(INPUT, '{"channel": {"name": "Shop"}}');
  await page.waitForFunction(() => document.querySelector('[data-testid=schema-kind]').value === 'veeqo.channel');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=schema-download]')]);
  assert.equal(download.suggestedFilename(), 'veeqo.channel.schema.json');
  const got = readFileSync(await download.path(), 'utf8');
  assert.equal(got, execFileSync(BIN, ['schema', '--kind', 'veeqo.channel'], { encoding: 'utf8' }));
  await page.selectOption('[data-testid=schema-kind]', 'feedamp.return');
  const [other] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=schema-download]')]);
  assert.equal(JSON.parse(readFileSync(await other.path(), 'utf8')).title, 'feedamp.return');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
