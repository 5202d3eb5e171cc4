// The Bulk page as a newcomer meets it (issue 22, items 5, 6 and 9): the counts, the
// filters and the rules tell one story; a file's kind is told from its rows; what stops a
// send is said beside Send; the pace and the search keep what a user expects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStage, openPage, artifactsDir } from './harness.mjs';
import { openBulk, loadFile, summary, waitCounts, shownRows } from './bulk-steps.mjs';
import { feedampOrder, rng } from '../../bench/corpus.mjs';
import { connectEmbedded } from './feedamp-steps.mjs';

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
