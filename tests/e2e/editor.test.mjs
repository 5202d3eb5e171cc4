// The payload editor: the page is usable with the plain text area at once; the code editor
// (CodeMirror) replaces it in place when it arrives, losing nothing typed meanwhile, and the
// page stays usable when it never arrives. Then what it adds: line numbers, each issue
// marked at its value with the message on hover, Ctrl+Enter sending, Tab leaving it, undo
// bringing back what "Start from" replaced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStage, openPage, EDITOR, payloadText, waitForPayload } from './harness.mjs';

let stage;
before(async () => { stage = await startStage(); });
after(async () => { await stage?.stop(); });

const TEXTAREA = 'textarea[data-testid=payload]';
/** The lines the editor shows, as text (a short payload: every line is rendered). */
const shown = (page) => page.$$eval('[data-testid=payload-editor] .cm-line', (ls) => ls.map((l) => l.textContent).join('\n'));

test('typed before the editor arrives is kept when it replaces the text area', async () => {
  const context = await stage.browser.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/editor-*.js', async (route) => { await held; await route.continue(); });
  await page.goto(`${stage.site.url}/#/veeqo/channel`);
  await page.waitForSelector(TEXTAREA);
  const text = (await page.inputValue(TEXTAREA)).replace('"AZ"', '"AZX"');
  await page.fill(TEXTAREA, text);
  await page.waitForSelector('[data-testid=issue][data-pointer="/channel/short_name"]');
  release();
  await page.waitForSelector(EDITOR);
  assert.equal(await page.$eval(TEXTAREA, (t) => t.hidden), true, 'the text area gave its place');
  assert.equal(await shown(page), text, 'the editor shows what was typed');
  assert.equal(await payloadText(page), text);
  assert.equal(await page.$$eval('.cm-lintRange-error', (r) => r.map((x) => x.textContent).join()), '"AZX"');
  await context.close();
});

test('without the editor (it failed to load) the text area stays the editor', async () => {
  const context = await stage.browser.newContext();
  const page = await context.newPage();
  const crashes = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  await page.route('**/editor-*.js', (route) => route.abort());
  await page.goto(`${stage.site.url}/#/veeqo/channel`);
  await page.waitForSelector(TEXTAREA);
  await page.waitForTimeout(500);
  assert.equal(await page.$(EDITOR), null);
  await page.fill(TEXTAREA, '{"channel": {"name": "x", "short_name": "ABC"}}');
  await page.waitForSelector('[data-testid=issue][data-pointer="/channel/short_name"]');
  assert.deepEqual(crashes, []);
  await context.close();
});

test('issues are marked at their values with the message on hover; keys do what a user expects', async () => {
  const page = await openPage(stage, 'veeqo/channel', EDITOR);
  assert.ok((await page.$$('.cm-lineNumbers .cm-gutterElement')).length >= 10, 'line numbers');
  const sample = await payloadText(page);
  await page.fill(EDITOR, sample.replace('"AZ"', '"AZX"'));
  await page.waitForSelector('.cm-lint-marker-error');
  await page.hover('.cm-lintRange-error');
  const tip = await page.waitForSelector('.cm-tooltip-lint');
  assert.match(await tip.textContent(), /short_name "AZX" has 3 characters; the maximum is 2/);

  // Typing goes through the editor into the checks.
  await page.click(EDITOR);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('x');
  await page.waitForSelector('[data-testid=issue][data-code="json.syntax"]');
  await page.keyboard.press('Backspace');
  await page.waitForSelector('[data-testid=issue][data-code="json.syntax"]', { state: 'detached' });

  // Ctrl+Enter sends from inside the editor, and types nothing.
  const before = await payloadText(page);
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('[data-testid=response-area] [data-testid=response-status]');
  assert.equal(await payloadText(page), before, 'Ctrl+Enter typed into the payload');

  // Tab leaves the editor: no keyboard trap.
  await page.focus(EDITOR);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate((e) => document.activeElement === document.querySelector(e), EDITOR), false);
  assert.equal(await payloadText(page), before, 'Tab typed into the payload');

  // "Start from" replaces the edits when asked; undo in the editor brings them back.
  page.once('dialog', (d) => d.accept());
  await page.click('[data-testid=reset-sample]');
  await waitForPayload(page, sample);
  await page.click(EDITOR);
  await page.keyboard.press('Control+z');
  await waitForPayload(page, before);
  assert.equal(await shown(page), before);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
