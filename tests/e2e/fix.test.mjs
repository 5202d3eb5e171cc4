// Fixes in the payload editor, in headless Chromium: "Fix all safe" on a file of
// realistic mistakes leaves the very text `orderlint validate --fix` writes (the layout
// kept outside the fixed values) with no error left, Undo brings the text back, and one
// issue's own Fix changes only its value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStage, openPage, EDITOR, ROOT, BIN, waitForPayload } from './harness.mjs';

let stage;
before(async () => { stage = await startStage(); });
after(async () => { await stage?.stop(); });

const MISTAKES = join(ROOT, 'tests/data/fixable-order.json');

/** What the CLI's --fix makes of the file. */
function cliFixed() {
  const f = join(mkdtempSync(join(tmpdir(), 'orderlint-fix-')), 'order.json');
  copyFileSync(MISTAKES, f);
  execFileSync(BIN, ['validate', '--kind', 'veeqo.order', '--fix', f], { stdio: 'ignore' });
  return readFileSync(f, 'utf8');
}

const errorCount = (page) => page.$$eval('[data-testid=issue][data-severity=error]', (is) => is.length);

test('"Fix all safe" leaves what the CLI\'s --fix writes, with no error; Undo brings the text back', async () => {
  const page = await openPage(stage, 'veeqo/order', EDITOR);
  const text = readFileSync(MISTAKES, 'utf8');
  await page.fill(EDITOR, text);
  await page.waitForSelector('[data-testid=fix-all]');
  assert.ok(await errorCount(page) >= 4);
  await page.click('[data-testid=fix-all]');
  await waitForPayload(page, cliFixed());
  assert.match(await page.textContent('[data-testid=fix-note]'), /^Fixed 11 issues\./);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=issue][data-severity=error]').length === 0);
  assert.equal(await page.$('[data-testid=fix-all]'), null, 'nothing safe is left to fix');
  await page.click('[data-testid=undo-fix]');
  await waitForPayload(page, text);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('one issue\'s Fix changes only its value', async () => {
  const page = await openPage(stage, 'veeqo/channel', EDITOR);
  const sample = JSON.parse(readFileSync(join(ROOT, 'samples/veeqo/channel.json'), 'utf8'));
  sample.channel.currency_code = 'usd';
  const text = JSON.stringify(sample, null, 4);
  await page.fill(EDITOR, text);
  const row = '[data-testid=issue][data-code="veeqo.channel.currency_code.invalid"]';
  await page.waitForSelector(`${row} [data-testid=fix]`);
  assert.equal(await page.getAttribute(`${row} [data-testid=fix]`, 'title'), 'Write "USD"');
  await page.click(`${row} [data-testid=fix]`);
  await waitForPayload(page, text.replace('"usd"', '"USD"'));
  await page.waitForFunction((r) => !document.querySelector(r), row);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
