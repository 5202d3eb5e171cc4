// The Bulk page as a newcomer meets it (issue 22, items 5, 6 and 9): the counts, the
// filters and the rules tell one story; a file's kind is told from its rows; what stops a
// send is said beside Send; the pace and the search keep what a user expects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStage, openPage, artifactsDir } from './harness.mjs';
import { openBulk, loadFile, waitCounts, shownRows } from './bulk-steps.mjs';
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
  const summary = page.locator('[data-testid=bulk-summary]');
  assert.equal(await summary.getAttribute('data-warned'), '2');
  assert.match(await summary.textContent(), /5 valid \(2 with warnings\)/);
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
