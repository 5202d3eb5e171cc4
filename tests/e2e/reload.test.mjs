// A reload in the middle of the work loses nothing: the in-page sandbox's accounts come
// back with the ids the flow carries, and the tab's sandbox FeedAMP connection with them.
// (Drafts surviving a reload are walked in site.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStage, openPage, artifactsDir } from './harness.mjs';
import { connectEmbedded, go, placeSampleOrder } from './feedamp-steps.mjs';

let stage;
before(async () => { stage = await startStage(); });
after(() => stage?.stop());

async function send(page, want) {
  await page.click('[data-testid=send]');
  await page.waitForFunction((w) => document.querySelector('[data-testid=response-status]')?.textContent.startsWith(w), want, { timeout: 15000 })
    .catch(async () => assert.fail(`expected ${want}, got "${await page.locator('[data-testid=response-status]').textContent().catch(() => 'nothing')}": ${await page.locator('[data-testid=response-body]').textContent().catch(() => '')}`));
}

async function reload(page, ready) {
  await page.reload();
  await page.waitForSelector(ready);
}

test('the Veeqo guide, reloaded half way: the sandbox still has what the carried ids name', async () => {
  const page = await openPage(stage, 'veeqo/channel', '[data-testid=send]');
  await send(page, '201');
  await go(page, 'veeqo/product');
  await send(page, '201');
  await go(page, 'veeqo/channel-sellable');
  await page.waitForSelector('[data-testid=example-ids-note]');
  await send(page, '201');

  await reload(page, '[data-testid=send]');
  await go(page, 'veeqo/order');
  await page.waitForSelector('[data-testid=load-context]');
  // The account context reads the channel and the product the carried ids name.
  await page.click('[data-testid=load-context]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=issue]').length === 0);
  await send(page, '201');
  const bsp = page.locator('[data-testid=bsp]');
  assert.equal(await bsp.getAttribute('data-eligible'), 'true', await bsp.textContent());
  await page.screenshot({ path: join(artifactsDir(), 'reload-1-order-after-reload.png'), fullPage: true });

  // Settings says the sandbox's accounts are kept, and forgetting the device drops them.
  await go(page, 'settings');
  // Settings is a part loaded on demand: wait for its "On this device" list.
  await page.waitForFunction(() => /The sandbox's accounts/.test(document.querySelector('main')?.textContent ?? ''));
  assert.ok(await page.evaluate(() => localStorage.getItem('orderlint.sandbox.state') !== null));
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('the sandbox FeedAMP connection and its orders survive a reload of the tab', async () => {
  const page = await openPage(stage, 'feedamp/connect', '[data-testid=connect]');
  await connectEmbedded(page);
  await placeSampleOrder(page);
  await reload(page, '[data-testid=send]');
  await go(page, 'feedamp/connect');
  assert.doesNotMatch(await page.textContent('main'), /Not connected/);
  // The order placed before the reload is there, read with the kept token.
  const placed = await page.evaluate(() => JSON.parse(localStorage.getItem('orderlint.vars') || '{}'));
  await go(page, 'feedamp/poll');
  await page.fill('[data-testid=query]', JSON.stringify({ page_size: 10 }));
  await page.click('[data-testid=poll]');
  await page.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=poll-progress]')?.textContent || ''));
  assert.ok(await page.locator('[data-testid=listed]').count() >= 1, `the order placed before the reload is listed (${JSON.stringify(placed)})`);
  // A Live session is never kept: switching to Live drops the kept sandbox one.
  await page.selectOption('[data-testid=target]', 'live');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('orderlint.feedamp.sandbox_session')), null);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
