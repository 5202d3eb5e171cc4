// The Bulk page in headless Chromium: a file checked row by row (exact pointers and lines,
// filters, JSON and CSV exports), then the valid orders sent through the real nginx proxy
// to `orderlint sandbox` at Veeqo's pace: once each, with pause, resume and cancel, and a
// tab closed mid-run that loses nothing the API confirmed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStage, openPage, artifactsDir, payloadText } from './harness.mjs';
import { openBulk, goLive, loadFile, summary, counts, waitCounts, exported, accessLog, shownRows } from './bulk-steps.mjs';
import { veeqoOrder, seedVeeqo, feedampOrder, rng } from '../../bench/corpus.mjs';
import { connectEmbedded } from './feedamp-steps.mjs';

const KEY = 'bulk-e2e-key-1234567890';
let stage;

before(async () => { stage = await startStage(); });
after(() => stage?.stop());

const shot = (page, name) => page.screenshot({ path: join(artifactsDir(), `bulk-${name}.png`), fullPage: true });

test('a JSON array is checked payload by payload, filtered, and exported', async () => {
  const page = await openPage(stage, 'bulk', '[data-testid=bulk-kind]');
  await openBulk(page, 'veeqo.order');
  const ok = veeqoOrder(1, { channelId: 1, sellableId: 2 });
  const prefixed = veeqoOrder(2, { channelId: 1, sellableId: 2 });
  prefixed.order.number = `AMZ-${prefixed.order.number}`;
  delete prefixed.order.line_items_attributes[0].remote_id;
  const file = `[\n${JSON.stringify(ok)},\n${JSON.stringify(prefixed)},\n{"order": {"number": }}\n]\n`;
  assert.deepEqual(await loadFile(page, 'orders.json', file), { total: 3, valid: 1, invalid: 2 });

  let rows = await shownRows(page);
  assert.deepEqual(rows.map((r) => r.valid), ['yes', 'no', 'no']);
  assert.deepEqual(rows[1].codes, ['veeqo.order.number.not_exact', 'veeqo.order.line_item.remote_id.required']);
  // The skipped account checks are said once for the file, not on every row.
  assert.match(await page.textContent('[data-testid=bulk-context-skipped]'), /^Account checks skipped for every payload/);
  assert.ok(rows[1].text.includes('/order/line_items_attributes/0/remote_id'), rows[1].text);
  assert.ok(rows[1].text.includes('send exactly "102-0000001-0000002"'), rows[1].text);
  assert.deepEqual(rows[2].codes, ['json.syntax']);
  assert.match(rows[2].text, /line 4, column \d+/, 'the broken element is reported at its own line in the file');

  await page.selectOption('[data-testid=bulk-filter]', 'errors');
  assert.deepEqual((await shownRows(page)).map((r) => r.row), [2, 3]);
  await page.selectOption('[data-testid=bulk-filter]', 'all');
  await page.fill('[data-testid=bulk-search]', 'remote_id');
  assert.deepEqual((await shownRows(page)).map((r) => r.row), [2]);
  await page.fill('[data-testid=bulk-search]', '');
  await shot(page, '1-checked');

  const csv = await exported(page, 'csv');
  assert.equal(csv.name, 'orderlint-veeqo.order-report.csv');
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'row,line,valid,errors,warnings,issues,send,status,id,detail');
  assert.equal(lines.length, 4);
  assert.match(lines[1], /^1,2,true,0,1,/);
  assert.match(lines[3], /^3,4,false,1,0,/);
  assert.match(lines[3], /,not_sent,,,not sent$/);
  const json = JSON.parse((await exported(page, 'json')).text);
  assert.equal(json.kind, 'veeqo.order');
  assert.equal(json.file, 'orders.json');
  assert.deepEqual(json.rows.map((r) => [r.row, r.line, r.valid, r.send.state]), [[1, 2, true, 'not_sent'], [2, 3, false, 'not_sent'], [3, 4, false, 'not_sent']]);
  assert.ok(json.rows[1].issues.every((i) => i.pointer !== undefined && i.code && i.severity && i.message));
  // The valid ones alone, one a line, to send with something else.
  const valid = await exported(page, 'valid');
  assert.equal(valid.name, 'orderlint-veeqo.order-valid.jsonl');
  assert.deepEqual(valid.text.trim().split('\n').map((l) => JSON.parse(l)), [ok]);
  // A row opens in its kind's editor, with its issues there.
  await page.click('[data-testid=bulk-row][data-row="2"] [data-testid=bulk-open]');
  await page.waitForFunction(() => location.hash === '#/veeqo/order');
  await page.waitForSelector('[data-testid=issue][data-code="veeqo.order.number.not_exact"]');
  assert.match(await payloadText(page), /"number": "AMZ-102-0000001-0000002"/);
  await page.evaluate(() => { location.hash = '#/bulk'; });
  await page.waitForSelector('[data-testid=bulk-summary]');

  // Files that hold no payloads say why, and where.
  await page.setInputFiles('[data-testid=bulk-file]', { name: 'one.json', mimeType: 'application/json', buffer: Buffer.from('{"order": {}}') });
  await page.waitForSelector('[data-testid=bulk-file-error]');
  assert.match(await page.textContent('[data-testid=bulk-file-error]'), /one\.json: a \.json file must hold an array of payloads.*one object/);
  await page.setInputFiles('[data-testid=bulk-file]', { name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('[{"a": 1},\n {"b": "open') });
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-file-error]')?.textContent.includes('cut.json'));
  assert.match(await page.textContent('[data-testid=bulk-file-error]'), /cut\.json: the file is not valid JSON at line 2, column \d+/);

  // A file dropped on the page is read like a chosen one.
  const dropped = [ok, ok].map((o) => JSON.stringify(o)).join('\n');
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dropped.jsonl', { type: 'application/x-ndjson' }));
    return d;
  }, dropped);
  await page.dispatchEvent('section.bulk', 'drop', { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-summary]')?.textContent.startsWith('dropped.jsonl'));
  assert.deepEqual(await summary(page), { total: 2, valid: 2, invalid: 0 });
  assert.match((await shownRows(page))[1].text, /not sent: the same payload as row 1/);
  // Reloaded, the page still says which file it holds (the browser's file input forgets).
  await page.reload();
  await page.waitForSelector('[data-testid=bulk-file-name]');
  assert.equal(await page.textContent('[data-testid=bulk-file-name]'), 'Loaded: dropped.jsonl');

  // Kinds whose requests need ids from elsewhere are checked, not sent.
  await page.selectOption('[data-testid=bulk-kind]', 'feedamp.order_errors');
  await page.click('summary:has-text("or paste")');
  await page.fill('[data-testid=bulk-paste]', '{"errors": []}\n{"errors": [{"code": "NOPE"}]}\n');
  await page.click('[data-testid=bulk-paste-check]');
  assert.equal((await summary(page)).total, 2);
  await page.waitForSelector('[data-testid=bulk-validate-only]');
  // A reload brings back the paste box, the kind and the checked text.
  await page.reload();
  await page.waitForSelector('[data-testid=bulk-summary]');
  assert.equal(await page.inputValue('[data-testid=bulk-paste]'), '{"errors": []}\n{"errors": [{"code": "NOPE"}]}\n');
  assert.equal(await page.inputValue('[data-testid=bulk-kind]'), 'feedamp.order_errors');
  assert.equal((await summary(page)).total, 2);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('valid orders go through the proxy at Veeqo pace, once each, across a closed tab', async () => {
  const N = 160;
  const ids = await seedVeeqo(`${stage.sandbox.url}/veeqo`, KEY);
  // 165 rows: 160 distinct valid orders, 3 with errors, 2 repeats of earlier lines.
  const lines = [];
  for (let i = 0; i < N; i++) lines.push(JSON.stringify(veeqoOrder(i, { ...ids, run: 7 })));
  for (const i of [10, 20, 30]) {
    const bad = veeqoOrder(i, { ...ids, run: 7 });
    bad.order.line_items_attributes[0].quantity = 0;
    lines.push(JSON.stringify(bad));
  }
  lines.push(lines[0], lines[1]);
  const file = lines.join('\n') + '\n';

  const context = await stage.browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  let page = await context.newPage();
  page.crashes = [];
  page.on('pageerror', (e) => page.crashes.push(e.message));
  await page.goto(`${stage.site.url}/#/bulk`);
  await goLive(page, stage.proxy.url, KEY);
  await openBulk(page, 'veeqo.order');
  assert.deepEqual(await loadFile(page, 'orders.jsonl', file), { total: 165, valid: 162, invalid: 3 });
  // A page of the table at a time; the repeats are marked before anything is sent.
  assert.equal(await page.textContent('[data-testid=bulk-shown]'), 'Rows 1–50 of 165 shown');
  for (let i = 0; i < 3; i++) await page.click('[data-testid=bulk-next]');
  assert.equal(await page.textContent('[data-testid=bulk-shown]'), 'Rows 151–165 of 165 shown');
  assert.ok(await page.isDisabled('[data-testid=bulk-next]'));
  const tail = await shownRows(page);
  assert.equal(tail[0].row, 151);
  assert.match(tail[14].text, /not sent: the same payload as row 2/);
  await page.click('[data-testid=bulk-prev]');
  assert.equal((await shownRows(page))[0].row, 101);

  // This walk measures the pace of sends alone: no look-up before each (live.test.mjs has it).
  await page.uncheck('[data-testid=bulk-look-up]');
  await page.click('[data-testid=bulk-send]');
  // The first burst (95) goes at once; then 5 a second. Close the tab in the middle.
  await waitCounts(page, 'c.sent >= 100');
  await shot(page, '2-sending');
  await page.close();

  // A new tab of the same browser profile: the file and every confirmed delivery are back.
  page = await context.newPage();
  page.crashes = [];
  page.on('pageerror', (e) => page.crashes.push(e.message));
  await page.goto(`${stage.site.url}/#/bulk`);
  assert.deepEqual(await summary(page), { total: 165, valid: 162, invalid: 3 });
  const kept = await counts(page);
  assert.ok(kept.sent >= 100 && kept.sent + kept.unknown < N, JSON.stringify(kept));
  assert.equal(kept.failed, 0);

  // The key lived in the closed tab's memory only: Live sending needs it typed again,
  // which Send says beside it.
  assert.equal(await page.textContent('[data-testid=bulk-send-blocked]'), 'Cannot send yet: no API key: enter it in Settings. Open Settings');
  assert.equal(await page.getAttribute('[data-testid=bulk-send-blocked] a', 'href'), '#/settings');
  assert.ok(await page.isDisabled('[data-testid=bulk-send]'));
  await goLive(page, stage.proxy.url, KEY);
  await openBulk(page);
  await page.uncheck('[data-testid=bulk-look-up]');
  await page.click('[data-testid=bulk-send]');
  // Only what has no recorded delivery is queued: never the confirmed ones again. (The
  // run plans once it holds the target's lock and has read the record again.)
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-send-counts]')?.dataset.planned > 0);
  const planned = Number(await page.getAttribute('[data-testid=bulk-send-counts]', 'data-planned'));
  assert.equal(planned, N - kept.sent - kept.unknown);
  // The API's bucket is still full from the first tab: the run meets a 429, rides it out
  // and keeps to 5 a second, which leaves time to pause.
  await waitCounts(page, `c.sent >= ${kept.sent + 3}`);
  await page.click('[data-testid=bulk-pause]');
  // Requests already in flight land (a 429 among them waits out its Retry-After).
  const paused = await waitCounts(page, 'c.phase === "paused" && c.sending === 0');
  await page.waitForTimeout(1200);
  const still = await counts(page);
  assert.deepEqual([still.sent, still.left], [paused.sent, paused.left], 'nothing is sent while paused');
  assert.ok(still.left > 0, JSON.stringify(still));
  await page.click('[data-testid=bulk-pause]'); // Resume
  await waitCounts(page, `c.sent >= ${still.sent + 2}`);
  await page.click('[data-testid=bulk-cancel]');
  const cancelled = await waitCounts(page, 'c.phase === "idle"');
  await page.selectOption('[data-testid=bulk-filter]', 'not_sent');
  const notSent = await shownRows(page);
  const byCancel = notSent.filter((r) => r.text.includes('the run was cancelled'));
  const byRepeat = notSent.filter((r) => /the same payload as row [12]\b/.test(r.text));
  assert.equal(byRepeat.length, 2);
  assert.ok(byCancel.length > 0);
  assert.equal(cancelled.sent + cancelled.unknown + byCancel.length, N, JSON.stringify(cancelled));
  await shot(page, '3-cancelled');

  // Send again: only the cancelled ones go.
  await page.click('[data-testid=bulk-send]');
  const done = await waitCounts(page, `c.phase === "idle" && c.left === 0 && c.sent + c.unknown === ${N}`);
  assert.equal(done.failed, 0, 'no order number was refused as already taken: nothing went twice');
  await page.selectOption('[data-testid=bulk-filter]', 'sent');
  const sentRow = (await shownRows(page))[0];
  assert.match(sentRow.text, /201, id \d+/);

  // What reached the API, from nginx's log: every order created once, none refused as a
  // repeat, and every 429 ridden out (a row that ended on one would be "failed").
  const posted = accessLog(stage.proxy).filter((e) => e.method === 'POST' && e.path === '/veeqo/orders');
  const created = posted.filter((e) => e.status === 201).length;
  assert.ok(created >= done.sent && created <= N, `${created} orders created for ${done.sent} sent`);
  assert.equal(posted.filter((e) => e.status === 422).length, 0);
  // A request in flight when the tab closed is logged by nginx as 499 (client closed):
  // its row was recorded "no answer" before it left, so it is never sent again.
  const byStatus = {};
  for (const e of posted) byStatus[e.status] = (byStatus[e.status] || 0) + 1;
  const cut = byStatus[499] || 0;
  assert.ok(cut <= kept.unknown, `${cut} requests cut by the closed tab, ${kept.unknown} rows without an answer`);
  assert.equal(posted.length, created + (byStatus[429] || 0) + cut, JSON.stringify(byStatus));

  const report = JSON.parse((await exported(page, 'json')).text);
  assert.equal(report.rows.filter((r) => r.send.state === 'sent').length, done.sent);
  assert.ok(report.rows.filter((r) => r.send.state === 'sent').every((r) => r.send.status === 201 && /^\d+$/.test(r.send.id)));
  assert.deepEqual(page.crashes, []);
  await shot(page, '4-done');
  await context.close();
});

test('FeedAMP orders are placed at the polite default pace, and only once connected', async () => {
  const page = await openPage(stage, 'bulk', '[data-testid=bulk-kind]');
  await openBulk(page, 'feedamp.order');
  const r = rng(3);
  const orders = Array.from({ length: 5 }, (_, i) => JSON.stringify(feedampOrder(900 + i, r, 2)));
  assert.deepEqual(await loadFile(page, 'orders.jsonl', orders.join('\n')), { total: 5, valid: 5, invalid: 0 });
  assert.equal(await page.inputValue('[data-testid=bulk-rate]'), '2');
  assert.match(await page.textContent('[data-testid=bulk-send-panel]'), /FeedAMP \(the in-page sandbox\)/);

  assert.match(await page.textContent('[data-testid=bulk-send-blocked]'), /^Cannot send yet: not connected to FeedAMP/);
  assert.equal(await page.getAttribute('[data-testid=bulk-send-blocked] a', 'href'), '#/feedamp/connect');
  assert.ok(await page.isDisabled('[data-testid=bulk-send]'));

  await connectEmbedded(page);
  await openBulk(page);
  const started = Date.now();
  await page.click('[data-testid=bulk-send]');
  const done = await waitCounts(page, 'c.phase === "idle" && c.sent === 5');
  // Two a second: the fifth order cannot leave before two seconds have passed.
  assert.ok(Date.now() - started >= 2000, `${Date.now() - started} ms`);
  assert.equal(done.failed, 0);
  await page.selectOption('[data-testid=bulk-filter]', 'sent');
  const rows = await shownRows(page);
  assert.deepEqual(rows.map((x) => x.text.match(/20[01], id (MP-\d+)/)?.[1]), ['MP-00000900', 'MP-00000901', 'MP-00000902', 'MP-00000903', 'MP-00000904']);
  await shot(page, '5-feedamp');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('a delivery that cannot be recorded is not sent: the run pauses and says why', async () => {
  const page = await openPage(stage, 'bulk', '[data-testid=bulk-kind]');
  await connectEmbedded(page);
  await openBulk(page, 'feedamp.order');
  const r = rng(4);
  const orders = Array.from({ length: 3 }, (_, i) => JSON.stringify(feedampOrder(950 + i, r, 1)));
  await loadFile(page, 'orders.jsonl', orders.join('\n'));
  // Storage full, as a browser reports it: the delivery record is refused.
  await page.evaluate(() => {
    const original = Storage.prototype.setItem;
    window.__restoreStorage = () => { Storage.prototype.setItem = original; };
    Storage.prototype.setItem = function (k, v) {
      if (k.startsWith('orderlint.bulk.sent.')) throw new DOMException('full', 'QuotaExceededError');
      return original.call(this, k, v);
    };
  });
  await page.click('[data-testid=bulk-send]');
  const held = await waitCounts(page, 'c.phase === "paused"');
  assert.deepEqual([held.sent, held.left], [0, 3]);
  assert.match(await page.textContent('[data-testid=bulk-note]'), /storage is full.*nothing is sent unrecorded/);
  await page.evaluate(() => { location.hash = '#/history'; });
  // Counted once the History page is drawn, so that "none" means none.
  await page.waitForSelector('h2:text-is("History")');
  // The method as History shows it (a case-blind "PUT" would match "input" in a page's body).
  assert.equal(await page.locator('[data-testid=history-entry]', { hasText: /\d PUT https?:/ }).count(), 0, 'no order left the page');

  await page.evaluate(() => window.__restoreStorage());
  await openBulk(page);
  await page.click('[data-testid=bulk-pause]'); // Resume
  const done = await waitCounts(page, 'c.phase === "idle" && c.sent === 3');
  assert.equal(done.left, 0);
  assert.equal(await page.locator('[data-testid=bulk-note]').count(), 0, 'the pause note went with the pause');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('with the account context, every order is checked against its channel and links', async () => {
  const key = 'bulk-context-key-1234567890';
  const base = `${stage.sandbox.url}/veeqo`;
  const linked = await seedVeeqo(base, key, { link: true });
  const unlinked = await seedVeeqo(base, key);
  const rows = [
    veeqoOrder(1, { ...linked, run: 5 }),
    veeqoOrder(2, { ...linked, channelId: 987654, run: 5 }),
    veeqoOrder(3, { ...linked, sellableId: unlinked.sellableId, run: 5 }),
  ].map((o) => JSON.stringify(o));
  const page = await openPage(stage, 'bulk', '[data-testid=bulk-kind]');
  await goLive(page, stage.proxy.url, key);
  await openBulk(page, 'veeqo.order');
  assert.deepEqual(await loadFile(page, 'orders.jsonl', rows.join('\n')), { total: 3, valid: 3, invalid: 0 });
  assert.ok((await shownRows(page)).every((r) => !r.codes.includes('context.missing')), 'not on every row');
  await page.waitForSelector('[data-testid=bulk-context-skipped]');

  await page.fill('[data-testid=bulk-products]', `${linked.productId}, ${unlinked.productId}`);
  await page.click('[data-testid=bulk-load-context]');
  await page.waitForFunction(() => document.querySelector('[data-testid=bulk-context-note]')?.textContent.startsWith('Account context'));
  assert.match(await page.textContent('[data-testid=bulk-context-note]'), /Account context: \d+ channels, 1 channel sellable \(of product \d+, \d+\)/);
  assert.deepEqual(await summary(page), { total: 3, valid: 1, invalid: 2 });
  assert.equal(await page.locator('[data-testid=bulk-context-skipped]').count(), 0, 'nothing skipped any more');
  const checked = await shownRows(page);
  assert.deepEqual(checked[0].codes, []);
  assert.ok(checked[1].text.includes('/order/channel_id'), checked[1].text);
  assert.ok(checked[2].text.includes('/order/line_items_attributes/0/sellable_id'), checked[2].text);
  await shot(page, '6-context');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
