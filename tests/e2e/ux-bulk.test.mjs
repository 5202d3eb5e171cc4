// The Bulk page as a newcomer meets it (issue 22, items 5, 6 and 9): the counts, the
// filters and the rules tell one story; a file's kind is told from its rows; what stops a
// send is said beside Send; the pace and the search keep what a user expects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStage, openPage, artifactsDir } from './harness.mjs';
import { openBulk, loadFile, summary, waitCounts, shownRows } from './bulk-steps.mjs';
import { feedampOrder, rng } from '../../bench/corpus.mjs';
import { connectEmbedded, go, placeSampleOrder } from './feedamp-steps.mjs';

let stage;

before(async () => { stage = await startStage(); });
after(() => stage?.stop());

const shot = (page, name) => page.screenshot({ path: join(artifactsDir(), `ux-bulk-${name}.png`), fullPage: true });

test('new FeedAMP orders marked SHIPPED: warned of, counted, listed, and refused by the API as warned', async () => {
  const page = await openPage(stage, 'bulk', '[data-testid=bulk-kind]');
  await openBulk(page, 'feedamp.order');
  const r = rng(22);
  const orders = Array.from({ length: 5 }, (_, i) => feedampOrder(2200 + i, r, 1));
  for (const i of [1, 3]) orders[i].marketplace_state = 'SHIPPED';
  orders[4].marketplace_state = 'AWAITING_SHIPMENT';
  assert.deepEqual(await loadFile(page, 'shipped.jsonl', orders.map((o) => JSON.stringify(o)).join('\n')),
    { total: 5, valid: 5, invalid: 0 });
  // The summary counts the rows "Warnings only" lists, and each shows why.
  const counted = page.locator('[data-testid=bulk-summary]');
  assert.equal(await counted.getAttribute('data-warned'), '2');
  assert.match(await counted.textContent(), /5 valid \(2 with warnings\)/);
  await page.selectOption('[data-testid=bulk-filter]', 'warnings');
  const warned = await shownRows(page);
  assert.deepEqual(warned.map((x) => x.row), [2, 4]);
  for (const row of warned) {
    assert.deepEqual(row.codes, ['feedamp.order.marketplace_state.placed_only'], row.text);
    assert.match(row.text, /SHIPPED is for an order already placed: FeedAMP refuses it on a new order \(400\)/);
  }
  await shot(page, '5-warned');

  // The API (the sandbox) answers as the rule warned: the new SHIPPED orders are refused.
  await connectEmbedded(page);
  await openBulk(page);
  await page.fill('[data-testid=bulk-rate]', '50');
  await page.dispatchEvent('[data-testid=bulk-rate]', 'change');
  await page.click('[data-testid=bulk-send]');
  const done = await waitCounts(page, 'c.phase === "idle" && c.left === 0');
  assert.deepEqual([done.sent, done.failed], [3, 2], JSON.stringify(done));
  await page.selectOption('[data-testid=bulk-filter]', 'failed');
  const failed = await shownRows(page);
  assert.deepEqual(failed.map((x) => x.row), [2, 4]);
  for (const row of failed) assert.match(row.text, /400: .*a new order is placed as PENDING or AWAITING_SHIPMENT, not SHIPPED/, row.text);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

const feedampFile = (n, seed) => {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => JSON.stringify(feedampOrder(3000 + i, r, 1))).join('\n');
};

test('a file\'s kind is told from its rows: followed when none was chosen, offered in one click when one was', async () => {
  // Nothing chosen: the default veeqo.order is nobody's choice, so the rows decide.
  let page = await openPage(stage, 'bulk', '[data-testid=bulk-kind]');
  assert.equal(await page.inputValue('[data-testid=bulk-kind]'), 'veeqo.order');
  assert.deepEqual(await loadFile(page, 'feedamp-orders.jsonl', feedampFile(30, 6)), { total: 30, valid: 30, invalid: 0 });
  assert.equal(await page.inputValue('[data-testid=bulk-kind]'), 'feedamp.order');
  assert.match(await page.textContent('[data-testid=bulk-kind-switched]'),
    /^Checked as feedamp\.order, the kind its rows are \(20 of the first 20 rows are; row 1: it has "[a-z_]+", which only this kind has\): no kind had been chosen/);
  assert.equal(await page.locator('[data-testid=bulk-kind-mismatch]').count(), 0);
  await shot(page, '6-followed');
  // Kept with the file: a reload checks it as that kind again.
  await page.reload();
  assert.deepEqual(await summary(page), { total: 30, valid: 30, invalid: 0 });
  assert.equal(await page.inputValue('[data-testid=bulk-kind]'), 'feedamp.order');
  await page.context().close();

  // A kind chosen stays chosen; the rows' own kind is one click away.
  page = await openPage(stage, 'bulk', '[data-testid=bulk-kind]');
  await openBulk(page, 'veeqo.order');
  assert.deepEqual(await loadFile(page, 'feedamp-orders.jsonl', feedampFile(30, 7)), { total: 30, valid: 0, invalid: 30 });
  assert.equal(await page.inputValue('[data-testid=bulk-kind]'), 'veeqo.order');
  const mismatch = page.locator('[data-testid=bulk-kind-mismatch]');
  assert.equal(await mismatch.getAttribute('data-kind'), 'feedamp.order');
  assert.match(await mismatch.textContent(), /^These rows are feedamp\.order, not veeqo\.order \(20 of the first 20 rows are; row 1: .*\): checked as veeqo\.order, each is an error\./);
  await shot(page, '6-mismatch');
  await page.click('[data-testid=bulk-kind-switch]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-summary]')?.dataset.valid === '30');
  assert.equal(await page.inputValue('[data-testid=bulk-kind]'), 'feedamp.order');
  assert.equal(await mismatch.count(), 0);
  // The click was a choice too: a Veeqo file loaded next is offered, not followed.
  const veeqo = JSON.stringify({ order: { number: 'A-1', channel_id: 1, line_items_attributes: [] } });
  await loadFile(page, 'veeqo.jsonl', `${veeqo}\n${veeqo}\n`);
  assert.equal(await page.inputValue('[data-testid=bulk-kind]'), 'feedamp.order');
  assert.equal(await mismatch.getAttribute('data-kind'), 'veeqo.order');
  // A file whose rows are of two kinds is plainly neither: nothing is said.
  await loadFile(page, 'mixed.jsonl', `${veeqo}\n${feedampFile(1, 8)}\n`);
  assert.equal(await mismatch.count(), 0);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('Settings warns of an API host given as the proxy base: the browser would refuse its answers (CORS)', async () => {
  const page = await openPage(stage, 'settings', '[data-testid=veeqo-base]');
  await page.fill('[data-testid=veeqo-base]', 'https://api.veeqo.com');
  assert.match(await page.textContent('[data-testid=base-problem]'),
    /^"https:\/\/api\.veeqo\.com" is Veeqo's API, not a proxy: the browser will refuse its answers to this page \(the API sends no CORS headers for it\).*Enter the URL of your CORS proxy/);
  await page.fill('[data-testid=veeqo-base]', `${stage.proxy.url}/veeqo`);
  assert.equal(await page.locator('[data-testid=base-problem]').count(), 0);
  // FeedAMP's own domain is the sign-in address's: the API base must be the proxy, not it.
  await page.fill('[data-testid=feedamp-sign-in]', 'https://acme.feedamp.example');
  await page.fill('[data-testid=feedamp-base]', 'https://acme.feedamp.example/');
  assert.match(await page.textContent('[data-testid=feedamp-base-problem]'), /is FeedAMP itself \(the sign-in address's host\), not a proxy: the browser will refuse/);
  await shot(page, '9-settings');
  await page.fill('[data-testid=feedamp-base]', `${stage.proxy.url}/feedamp`);
  assert.equal(await page.locator('[data-testid=feedamp-base-problem]').count(), 0);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('Marketplace state says in the page why a state cannot be chosen', async () => {
  const page = await openPage(stage, 'feedamp/connect', '[data-testid=connect]');
  await connectEmbedded(page);
  await placeSampleOrder(page);
  await go(page, 'feedamp/state');
  await page.waitForSelector('[data-testid=current-state][data-state=PENDING]');
  const why = (to) => page.locator(`[data-testid=state-why-not] li[data-state=${to}]`);
  assert.ok(await page.isDisabled('[data-testid=set-state-SHIPPED]'));
  assert.ok(await why('SHIPPED').isVisible());
  assert.equal(await why('SHIPPED').textContent(), '→ SHIPPED: a PENDING order moves to AWAITING_SHIPMENT before SHIPPED.');
  assert.equal(await why('PENDING').textContent(), '→ PENDING: the order is PENDING already.');
  assert.equal(await page.getAttribute('[data-testid=set-state-SHIPPED]', 'aria-describedby'), 'why-not-SHIPPED');
  assert.equal(await why('AWAITING_SHIPMENT').count(), 0, 'an allowed move needs no reason');
  await page.click('[data-testid=set-state-AWAITING_SHIPMENT]');
  await page.waitForSelector('[data-testid=current-state][data-state=AWAITING_SHIPMENT]');
  assert.equal(await why('SHIPPED').count(), 0);
  assert.match(await why('PENDING').textContent(), /AWAITING_SHIPMENT cannot go back to PENDING/);
  await shot(page, '9-state');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('Bulk: what is loaded, what stops Send (beside it, linked), a pace kept, and a search over numbers and answers', async () => {
  const page = await openPage(stage, 'bulk', '[data-testid=bulk-kind]');
  // The native file input, which would say "No file chosen" beside the file loaded, is
  // hidden; the button opens it.
  assert.equal(await page.isVisible('[data-testid=bulk-file]'), false);
  assert.equal(await page.textContent('[data-testid=bulk-choose]'), 'Choose a file…');
  const r = rng(9);
  const orders = Array.from({ length: 5 }, (_, i) => feedampOrder(4000 + i, r, 1));
  orders[2].marketplace_state = 'SHIPPED';
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=bulk-choose]')]);
  await chooser.setFiles({ name: 'orders-5.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(orders.map((o) => JSON.stringify(o)).join('\n')) });
  assert.deepEqual(await summary(page), { total: 5, valid: 5, invalid: 0 });
  assert.equal(await page.textContent('[data-testid=bulk-file-name]'), 'Loaded: orders-5.jsonl');
  assert.equal(await page.textContent('[data-testid=bulk-choose]'), 'Choose another file…');
  assert.equal(await page.isVisible('[data-testid=bulk-file]'), false);

  // Not connected: said beside Send, which waits, with the way to the Connect page.
  const blocked = page.locator('[data-testid=bulk-send-panel] [data-testid=bulk-send-blocked]');
  assert.equal(await blocked.textContent(), 'Cannot send yet: not connected to FeedAMP. Connect to FeedAMP');
  assert.ok(await page.isDisabled('[data-testid=bulk-send]'));
  assert.equal(await page.getAttribute('[data-testid=bulk-send]', 'aria-describedby'), 'bulk-send-blocked');
  const [send, note] = [await page.locator('[data-testid=bulk-send]').boundingBox(), await blocked.boundingBox()];
  assert.ok(note.y - (send.y + send.height) < 40, `the note is ${note.y - send.y - send.height} px below Send`);
  await shot(page, '9-blocked');
  await blocked.locator('a').click();
  await page.waitForFunction(() => location.hash === '#/feedamp/connect');
  await connectEmbedded(page);
  await openBulk(page);
  assert.equal(await blocked.count(), 0);
  assert.ok(await page.isEnabled('[data-testid=bulk-send]'));

  // The pace is kept like the file: a reload finds it.
  await page.fill('[data-testid=bulk-rate]', '7');
  await page.dispatchEvent('[data-testid=bulk-rate]', 'change');
  await page.reload();
  await page.waitForSelector('[data-testid=bulk-rate]');
  assert.equal(await page.inputValue('[data-testid=bulk-rate]'), '7');
  await page.fill('[data-testid=bulk-rate]', '50');
  await page.dispatchEvent('[data-testid=bulk-rate]', 'change');

  // The search finds a row by its order number, shown in the row.
  const search = async (q) => {
    await page.fill('[data-testid=bulk-search]', q);
    return (await shownRows(page)).map((x) => x.row);
  };
  assert.deepEqual(await search('mp-00004002'), [3]);
  assert.equal(await page.textContent('[data-testid=bulk-row][data-row="3"] [data-testid=bulk-number]'), 'MP-00004002');
  await page.fill('[data-testid=bulk-search]', '');
  await page.click('[data-testid=bulk-send]');
  await waitCounts(page, 'c.phase === "idle" && c.left === 0 && c.sent === 4 && c.failed === 1');
  // ... and by what the API answered.
  assert.deepEqual(await search('201, id'), [1, 2, 4, 5]);
  assert.deepEqual(await search('is placed as PENDING or AWAITING_SHIPMENT, not SHIPPED'), [3]);
  await shot(page, '9-searched');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
