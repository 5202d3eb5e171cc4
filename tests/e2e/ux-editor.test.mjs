// The issue list and the editor as a newcomer meets them at 1366×900 (issue 22): a value
// picked from the list is visibly selected, focused or not (read from the screenshot's
// pixels, not only the DOM); a deep pointer leaves the message a readable width, in a
// step's editor and in Check anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStage, openPage, EDITOR, ROOT, artifactsDir, payloadText } from './harness.mjs';

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
