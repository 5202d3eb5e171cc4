// The issue list and the editor as a newcomer meets them at 1366×900 (issue 22): a value
// picked from the list is visibly selected, focused or not (read from the screenshot's
// pixels, not only the DOM); a deep pointer leaves the message a readable width, in a
// step's editor and in Check anything; errors are listed before warnings; a short_name
// too long offers its cut; "All returns" lists every return at its first poll; Returns
// names the empty id its path needs, before Send and at it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStage, openPage, EDITOR, ROOT, artifactsDir, payloadText } from './harness.mjs';
import { go, status, connectEmbedded, placeSampleOrder } from './feedamp-steps.mjs';

let stage;
before(async () => { stage = await startStage(); });
after(async () => { await stage?.stop(); });

const DESKTOP = { width: 1366, height: 900 };
const CHANNEL = readFileSync(join(ROOT, 'samples/veeqo/channel.json'), 'utf8');

/** A fresh tab at `route` (openPage's), at the desktop size the issue was seen at. */
async function open(route, ready) {
  const page = await openPage(stage, route, ready);
  await page.setViewportSize(DESKTOP);
  return page;
}

const shotPath = (name) => join(artifactsDir(), `ux-editor-${name}.png`);

/** The RGBA pixels of a PNG, decoded by the browser in a blank tab of the same context. */
async function decode(page, png) {
  const blank = await page.context().newPage();
  const img = await blank.evaluate(async (b64) => {
    const i = new Image();
    i.src = `data:image/png;base64,${b64}`;
    await i.decode();
    const c = document.createElement('canvas');
    c.width = i.width;
    c.height = i.height;
    const g = c.getContext('2d');
    g.drawImage(i, 0, 0);
    return { width: i.width, data: Array.from(g.getImageData(0, 0, i.width, i.height).data) };
  }, png.toString('base64'));
  await blank.close();
  return img;
}

/** The commonest colour in a box of the decoded image: the background behind any glyphs. */
function commonest(img, { x, y, width, height }) {
  const seen = new Map();
  for (let j = Math.ceil(y); j < Math.floor(y + height); j++) {
    for (let i = Math.ceil(x); i < Math.floor(x + width); i++) {
      const o = (j * img.width + i) * 4;
      const key = img.data.slice(o, o + 3).join(',');
      seen.set(key, (seen.get(key) || 0) + 1);
    }
  }
  return [...seen].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
}

/** WCAG's contrast ratio of two sRGB colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Where `needle` is drawn in the code editor (its first text node holding it), the drawn
 * selection's rectangles with their computed backgrounds, and its line's box.
 */
function geometry(page, needle) {
  return page.evaluate((needle) => {
    const content = document.querySelector('[data-testid=payload-editor] .cm-content');
    const walk = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    let value = null;
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const at = n.data.indexOf(needle);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + needle.length);
      const b = r.getBoundingClientRect();
      const line = n.parentElement.closest('.cm-line').getBoundingClientRect();
      value = { x: b.x, y: b.y, width: b.width, height: b.height, lineRight: line.right };
      break;
    }
    const selection = [...document.querySelectorAll('[data-testid=payload-editor] .cm-selectionBackground')].map((s) => {
      const b = s.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height, background: getComputedStyle(s).backgroundColor };
    });
    return { value, selection };
  }, needle);
}

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Asserts the selection is drawn over `needle` and stands out from the rest of its line in a screenshot. */
async function assertSelectionShows(page, needle, name) {
  await page.waitForSelector('[data-testid=payload-editor] .cm-selectionBackground');
  const { value, selection } = await geometry(page, needle);
  assert.ok(value, `${needle} is drawn in the editor`);
  const over = selection.filter((s) => s.width > 0 && s.height > 0 && overlaps(s, value));
  assert.ok(over.length > 0, `a selection rectangle covers ${needle}: ${JSON.stringify({ value, selection })}`);
  for (const s of over) {
    assert.doesNotMatch(s.background, /^(transparent|rgba\(\d+, \d+, \d+, 0\))$/, 'the selection has a colour');
  }
  await page.screenshot({ path: shotPath(name) });
  // The pixels of the value's row, from the value to the line's end: behind the value's
  // glyphs, and past the line's text.
  const clip = { x: Math.floor(value.x), y: Math.floor(value.y), width: Math.floor(value.lineRight - value.x), height: Math.floor(value.height) };
  const img = await decode(page, await page.screenshot({ clip }));
  const selected = commonest(img, { x: 1, y: 0, width: value.width - 2, height: clip.height });
  const lineBg = commonest(img, { x: clip.width - 60, y: 0, width: 50, height: clip.height });
  const ratio = contrast(selected, lineBg);
  assert.ok(ratio >= 1.25, `the selected value (${selected}) stands out from its line (${lineBg}): ${ratio.toFixed(2)}:1`);
  return ratio;
}

test('a value picked from the issue list is visibly selected, focused and not', async () => {
  const page = await open('veeqo/channel', EDITOR);
  await page.fill(EDITOR, CHANNEL.replace('"AZ"', '"AMZ"'));
  // On its message: the row's middle may be its Fix button.
  await page.click('[data-testid=issue][data-pointer="/channel/short_name"] .msg');
  await page.waitForFunction(() => document.activeElement?.matches('[data-testid=payload-input]'));
  await assertSelectionShows(page, '"AMZ"', 'selection-focused');

  // Left for the page: still shown, in the unfocused colour.
  await page.click('.step-head h2');
  await page.waitForFunction(() => !document.querySelector('[data-testid=payload-editor]').classList.contains('cm-focused'));
  await assertSelectionShows(page, '"AMZ"', 'selection-unfocused');

  // Enter on a row picks its value as a click does.
  await page.fill(EDITOR, CHANNEL.replace('"AZ"', '"AMZ"').replace('"amazon"', '"shopify"'));
  const deep = '[data-testid=issue][data-pointer="/channel/custom_integration_channel_specific_attributes/integration_type"]';
  await page.focus(deep);
  await page.keyboard.press('Enter');
  await assertSelectionShows(page, '"shopify"', 'selection-enter');
  assert.equal(await payloadText(page), CHANNEL.replace('"AZ"', '"AMZ"').replace('"amazon"', '"shopify"'), 'Enter typed nothing');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

/** Each issue row's width and its message's, for rows whose pointer is `pointer`. */
function widths(page, pointer) {
  return page.$$eval('[data-testid=issue]', (rows, p) => rows.filter((r) => r.dataset.pointer === p).map((r) => ({
    row: r.getBoundingClientRect().width,
    msg: r.querySelector('.msg').getBoundingClientRect().width,
    ptr: r.querySelector('.ptr').getBoundingClientRect().width,
  })), pointer);
}

const DEEP = '/channel/custom_integration_channel_specific_attributes/integration_type';
const SHOPIFY = CHANNEL.replace('"amazon"', '"shopify"');

test('a deep pointer leaves the message a readable width: a step, and Check anything', async () => {
  const page = await open('veeqo/channel', EDITOR);
  await page.fill(EDITOR, SHOPIFY);
  await page.waitForSelector(`[data-testid=issue][data-pointer="${DEEP}"]`);
  for (const [where, ready] of [['step', null], ['check', '[data-testid=check-input]']]) {
    if (ready) {
      await page.evaluate(() => { location.hash = '#/check'; });
      await page.waitForSelector(ready);
      await page.fill(ready, SHOPIFY);
      await page.waitForSelector(`[data-testid=issue][data-pointer="${DEEP}"]`);
    }
    const rows = await widths(page, DEEP);
    assert.ok(rows.length > 0, where);
    for (const r of rows) {
      assert.ok(r.msg >= 0.4 * r.row, `${where}: the message is ${r.msg.toFixed(0)} px of a ${r.row.toFixed(0)} px row (pointer ${r.ptr.toFixed(0)} px)`);
    }
    await page.locator(`[data-testid=issue][data-pointer="${DEEP}"]`).first().screenshot({ path: shotPath(`deep-pointer-${where}`) });
  }
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

/** The list's rows as [severity, code], top to bottom. */
const listed = (page) => page.$$eval('[data-testid=issue]', (rows) => rows.map((r) => [r.dataset.severity, r.dataset.code]));

test('errors come before warnings, each in document order: a step, and Check anything', async () => {
  // The shape's walk reports the quoted boolean (a warning) before the type_code error.
  const channel = CHANNEL.replace('"custom_integration"', '"direct"').replace('"veeqo_dictates_stock_level": false', '"veeqo_dictates_stock_level": "false"');
  const want = [
    ['error', 'veeqo.channel.type_code.not_custom_integration'],
    ['warning', 'veeqo.channel.veeqo_dictates_stock_level.boolean_string'],
  ];
  const page = await open('veeqo/channel', EDITOR);
  await page.fill(EDITOR, channel);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=issue]').length === 2);
  assert.deepEqual(await listed(page), want, 'the step');
  await page.evaluate(() => { location.hash = '#/check'; });
  await page.waitForSelector('[data-testid=check-input]');
  await page.fill('[data-testid=check-input]', channel);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=issue]').length === 2);
  assert.deepEqual(await listed(page), want, 'Check anything');

  // Several of each: every error first, and each severity as the values stand in the text.
  const many = JSON.stringify({ channel: { name: '', type_code: 'direct', currency_code: 'usd', short_name: 'AMZ', veeqo_dictates_stock_level: 'false', custom_integration_channel_specific_attributes: { integration_type: 'Amazon' } } }, null, 2);
  await page.fill('[data-testid=check-input]', many);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=issue]').length >= 5);
  const rows = await page.$$eval('[data-testid=issue]', (rs) => rs.map((r) => [r.dataset.severity, r.dataset.pointer]));
  const severities = rows.map(([s]) => s);
  assert.deepEqual(severities, [...severities].sort(), `errors first: ${JSON.stringify(rows)}`);
  for (const sev of ['error', 'warning']) {
    const at = rows.filter(([s]) => s === sev).map(([, p]) => many.indexOf(`"${p.split('/').pop()}"`));
    assert.deepEqual(at, [...at].sort((a, b) => a - b), `${sev}s in document order: ${JSON.stringify(rows)}`);
  }
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('a 3-character short_name offers its cut as a suggestion, applied only when asked', async () => {
  const page = await open('veeqo/channel', EDITOR);
  await page.fill(EDITOR, CHANNEL.replace('"AZ"', '"AMZ"'));
  const row = '[data-testid=issue][data-code="veeqo.channel.short_name.too_long"]';
  await page.waitForSelector(row);
  const fix = page.locator(`${row} [data-testid=fix]`);
  assert.equal(await fix.textContent(), 'Apply suggestion');
  assert.equal(await fix.getAttribute('aria-label'), 'Apply suggestion: Cut it to "AM"');
  assert.equal(await page.locator('[data-testid=fix-all]').count(), 0, 'a suggestion is no safe fix');
  await fix.click();
  await page.waitForSelector(row, { state: 'detached' });
  assert.equal(await payloadText(page), CHANNEL.replace('"AZ"', '"AM"'));
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('"All returns" lists every return at its first poll; a state filter that leaves all out says so', async () => {
  const page = await open('feedamp/connect', '[data-testid=connect]');
  await connectEmbedded(page);
  await placeSampleOrder(page);
  // A return not preauthorized: PENDING, which the old prefilled AUTHORIZED filter left out.
  await go(page, 'feedamp/returns');
  await page.waitForSelector(EDITOR);
  await page.fill('[data-testid=return-number]', 'RET-P1');
  await page.fill(EDITOR, (await payloadText(page)).replace('"preauthorized": true', '"preauthorized": false'));
  await page.click('[data-testid=send]');
  await status(page, '201');

  await go(page, 'feedamp/return-list');
  await page.waitForSelector('[data-testid=query]');
  assert.equal(await page.locator('[data-testid=issue]').count(), 0, 'the prefilled filters are clean');
  // Each poll here ends in another text than the one before: wait for that, not for the
  // last poll's "Done" still on the page.
  const poll = async () => {
    const before = await page.locator('[data-testid=poll-progress]').textContent().catch(() => '');
    await page.click('[data-testid=poll]');
    await page.waitForFunction((prev) => {
      const t = document.querySelector('[data-testid=poll-progress]')?.textContent || '';
      return /^Done/.test(t) && t !== prev;
    }, before);
    return page.$$eval('[data-testid=listed]', (rs) => rs.map((r) => [r.dataset.number, r.dataset.status]));
  };
  assert.deepEqual(await poll(), [['RET-P1', 'PENDING']], 'the first poll shows the return there is');
  // A draft with a state filter that leaves everything out says so.
  await page.fill('[data-testid=query]', '{"state": "COMPLETED", "page_size": 20}');
  assert.deepEqual(await poll(), []);
  assert.match(await page.textContent('[data-testid=poll-progress]'), /0 returns\. No return is in that state: poll without the state filter/);
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('Returns names the empty id its path needs, before Send and at it', async () => {
  const page = await open('feedamp/connect', '[data-testid=connect]');
  // Connected, so Send reaches the request's own problem (not the missing session).
  await connectEmbedded(page);
  await go(page, 'feedamp/returns');
  await page.waitForSelector(EDITOR);
  const box = page.locator('[data-testid=return-number]');
  assert.equal(await box.inputValue(), '');
  assert.match(await box.getAttribute('placeholder'), /^e\.g\. \S+/, 'the box says what goes in it');
  assert.match(await page.textContent('label[for=ret-n]'), /mp_return_number/);
  const said = "mp_return_number (the return's number in the path) is empty";
  const row = page.locator('[data-testid=path-issue]');
  assert.equal(await row.locator('.msg').textContent(), said);
  assert.doesNotMatch(await page.textContent('[data-testid=issue-summary]'), /No issues/);
  await page.screenshot({ path: shotPath('return-number-empty'), fullPage: true });
  // The row takes the user to the box; Send says the same.
  await row.click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'return-number');
  await page.click('[data-testid=send]');
  await status(page, `not sent: ${said}`);
  await box.fill('RET-1');
  await row.waitFor({ state: 'detached' });
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
