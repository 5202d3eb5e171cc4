// FeedAMP refunds and returns in headless Chromium, embedded and through the real nginx:
// the seller over-refunds a line → the page flags EXCESS_ITEM_REFUND and reports it → the
// refund is PAUSED; a correct refund is marked complete; a return for one line is created,
// a second asking for more units than ordered is flagged before sending, the first one's
// refunded amounts are shown and it is marked complete.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStage, openPage, EDITOR, payloadText } from './harness.mjs';
import { shot, go, expectOk, status, connectEmbedded, connectLive } from './feedamp-steps.mjs';

let stage;
before(async () => { stage = await startStage(); });
after(() => stage?.stop());

async function sellerRefund(page, amount, forReturn) {
  await go(page, 'feedamp/seller');
  await page.fill('[data-testid=seller-line]', '1');
  await page.fill('[data-testid=seller-quantity]', '1');
  await page.fill('[data-testid=seller-refund-amount]', amount);
  await page.fill('[data-testid=seller-reason]', 'damaged');
  await page.click(`[data-testid=${forReturn ? 'seller-return-refund' : 'seller-refund'}]`);
  await expectOk(page, 'seller-result', /Done\./);
}

async function listed(page, route, query, statuses) {
  await go(page, route);
  await page.fill('[data-testid=query]', JSON.stringify(query));
  await page.click('[data-testid=poll]');
  await page.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=poll-progress]')?.textContent || ''));
  assert.deepEqual(await rowStatuses(page, 'listed'), statuses);
}

async function rowStatuses(page, testid) {
  return page.$$eval(`[data-testid=${testid}]`, (rows) => rows.map((r) => r.dataset.status));
}

async function walk(page, label) {
  await go(page, 'feedamp/order');
  await page.waitForSelector(EDITOR);
  await page.click('[data-testid=send]');
  await status(page, '201');

  // An over-refund is flagged, reported, and the refund is paused.
  await sellerRefund(page, '40', false);
  await go(page, 'feedamp/refunds');
  await page.waitForSelector('[data-testid=refund-row]');
  await page.click('[data-testid=refund-row] >> nth=0 >> [data-testid=check-refund]');
  await page.waitForSelector('[data-testid=refund-proposed]');
  assert.deepEqual(await page.$$eval('[data-testid=refund-proposed]', (r) => r.map((x) => x.dataset.code)), ['EXCESS_ITEM_REFUND']);
  await shot(page, `${label}-refund-flagged`);
  await page.click('[data-testid=report-refund]');
  await expectOk(page, 'refunds-result', /PAUSED/);
  await page.waitForFunction(() => document.querySelector('[data-testid=refund-row]')?.dataset.status === 'PAUSED');

  // A correct refund passes and is marked complete.
  await sellerRefund(page, '22.50', false);
  await go(page, 'feedamp/refunds');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=refund-row]').length === 2);
  await page.click('[data-testid=refund-row] >> nth=1 >> [data-testid=check-refund]');
  await page.waitForSelector('[data-testid=refund-proposed-none]');
  await page.click('[data-testid=complete-refund]');
  await expectOk(page, 'refunds-result', /COMPLETE/);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=refund-row]')].map((r) => r.dataset.status).join() === 'PAUSED,COMPLETE');
  await shot(page, `${label}-refunds`);
  // The list across orders, filtered.
  await listed(page, 'feedamp/refund-list', { refund_status: 'PAUSED', page_size: 10 }, ['PAUSED']);

  // A return for one line.
  await go(page, 'feedamp/returns');
  await page.fill('[data-testid=return-number]', 'RET-1');
  await page.click('[data-testid=load-context]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=issue][data-severity=error]'));
  await page.click('[data-testid=send]');
  await status(page, '201');
  // A second one asking back more units than were ordered: flagged before sending.
  await page.fill('[data-testid=return-number]', 'RET-2');
  const payload = JSON.parse(await payloadText(page));
  payload.return_lines[0].quantity = 3;
  await page.fill(EDITOR, JSON.stringify(payload, null, 2));
  await page.click('[data-testid=load-context]');
  await page.waitForSelector('[data-testid=issue][data-code="feedamp.return.return_line.quantity.exceeds_ordered"]');
  await shot(page, `${label}-return-flagged`);

  // The seller releases funds for RET-1; the amounts show; it is marked complete.
  await page.fill('[data-testid=return-number]', 'RET-1');
  await sellerRefund(page, '22.50', true);
  await go(page, 'feedamp/returns');
  await page.waitForSelector('[data-testid=return-row]');
  assert.deepEqual(await rowStatuses(page, 'return-row'), ['REFUNDED']);
  assert.equal(await page.textContent('[data-testid=return-refunded]'), '22.50');
  await page.click('[data-testid=return-amounts]');
  await expectOk(page, 'returns-result', /REFUNDED, RMA-RET-1\): 22\.50 refunded/);
  await page.click('[data-testid=complete-return]');
  await expectOk(page, 'returns-result', /COMPLETED/);
  await page.waitForFunction(() => document.querySelector('[data-testid=return-row]')?.dataset.status === 'COMPLETED');
  await shot(page, `${label}-returns`);
  await listed(page, 'feedamp/return-list', { state: 'COMPLETED', page_size: 10 }, ['COMPLETED']);
  // And a return error report, with the return error codes.
  await go(page, 'feedamp/return-errors');
  await page.waitForSelector(EDITOR);
  assert.deepEqual(await page.$$eval('[data-testid=issue]', (r) => r.length), 0);
  await page.click('[data-testid=send]');
  await status(page, '200');
  assert.deepEqual(page.crashes, []);
}

test('refunds and returns, embedded sandbox', async () => {
  const page = await openPage(stage, 'feedamp/connect', '[data-testid=connect]');
  await connectEmbedded(page);
  await walk(page, 'after-sale-embedded');
  await page.context().close();
});

test('refunds and returns, live through nginx', async () => {
  const page = await openPage(stage, 'feedamp/connect', '[data-testid=connect]');
  await connectLive(page, stage.proxy.url, stage.sandbox.url);
  await walk(page, 'after-sale-live');
  await stage.proxy.logged(/"PUT \/feedamp\/orders\/[^"]+\/returns\/RET-1" 201/);
  await page.context().close();
});
