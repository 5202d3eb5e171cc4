// The pages that hold tables, at 390×844 once they hold data (issue 22, item 8): axe-core
// finds no serious or critical violation (scrollable-region-focusable among them); every
// visible button, link, checkbox, select and summary is at least 24×24 px (WCAG 2.2, 2.5.8:
// no exception is leaned on, the spacing one included); a table wider than the screen
// scrolls in a frame the keyboard can reach, named, with a shadow at the edge where more
// is hidden (read from the pixels); the payload editor wraps a long line at this width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStage, openPage, EDITOR, ROOT, artifactsDir } from './harness.mjs';
import { go, expectOk, connectEmbedded, placeSampleOrder } from './feedamp-steps.mjs';
import { openBulk, loadFile } from './bulk-steps.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { width: 390, height: 844 };
const TARGETS = 'button, a[href], input[type=checkbox], input[type=radio], select, summary';

let stage;
before(async () => { stage = await startStage(); });
after(async () => { await stage?.stop(); });

const shot = (page, name) => page.screenshot({ path: join(artifactsDir(), `phone-${name}.png`), fullPage: true });

/** openPage's tab, turned into a phone (the editor follows a width change). */
async function phonePage(route, ready) {
  const page = await openPage(stage, route, ready);
  await page.setViewportSize(PHONE);
  return page;
}

/** axe-core's serious and critical violations, run as the test's own code (the CSP refuses an added <script>). */
async function serious(page) {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Every visible target smaller than 24×24 px: its testid or text, and its size. Hidden
 * ones (display: none, a closed <details>'s content, the skip link above the page until
 * it has the focus) have no box to tap.
 */
function smallTargets(page) {
  return page.$$eval(TARGETS, (els) => els.flatMap((e) => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden' || r.bottom + scrollY <= 0) return [];
    if (r.width >= 24 && r.height >= 24) return [];
    const name = e.dataset.testid || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30) || e.type;
    return [`${e.tagName.toLowerCase()} "${name}" ${Math.round(r.width * 10) / 10}×${Math.round(r.height * 10) / 10}`];
  }));
}

/** No serious axe violation, no small target, no sideways scroll of the page itself. */
async function checkPage(page, label) {
  assert.deepEqual(await serious(page), [], `axe at 390 px on ${label}`);
  assert.deepEqual(await smallTargets(page), [], `targets under 24×24 on ${label}`);
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  assert.ok(scroll <= width, `${label}: the page itself scrolls sideways (${scroll} > ${width})`);
  // Every table of the page is in a frame that scrolls it, reachable and named.
  const frames = await page.$$eval('main table', (ts) => ts.map((t) => {
    const f = t.parentElement;
    return { tabindex: f.getAttribute('tabindex'), role: f.getAttribute('role'), name: f.getAttribute('aria-label'), overflow: getComputedStyle(f).overflowX };
  }));
  assert.ok(frames.length > 0, `${label} shows a table`);
  for (const f of frames) {
    assert.equal(f.tabindex, '0', `${label}: a table's frame is focusable`);
    assert.equal(f.role, 'region', `${label}: a table's frame is a region`);
    assert.ok(f.name, `${label}: a table's frame has a name`);
    assert.equal(f.overflow, 'auto', `${label}: a table's frame scrolls it`);
  }
  await shot(page, label);
}

/** The mean darkening (0–255) `on` has over `off` in the columns [x0, x1) of two same-size PNGs. */
async function darkening(page, on, off, x0, x1) {
  const blank = await page.context().newPage();
  const diff = await blank.evaluate(async ([a, b, x0, x1]) => {
    const pixels = async (b64) => {
      const i = new Image();
      i.src = `data:image/png;base64,${b64}`;
      await i.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [i.width, i.height];
      const g = c.getContext('2d');
      g.drawImage(i, 0, 0);
      return g.getImageData(0, 0, i.width, i.height);
    };
    const [p, q] = [await pixels(a), await pixels(b)];
    const from = x0 < 0 ? p.width + x0 : x0;
    const to = x1 <= 0 ? p.width + x1 : x1;
    let sum = 0, n = 0;
    for (let y = 0; y < p.height; y++) {
      for (let x = from; x < to; x++) {
        const o = (y * p.width + x) * 4;
        sum += (q.data[o] + q.data[o + 1] + q.data[o + 2] - p.data[o] - p.data[o + 1] - p.data[o + 2]) / 3;
        n++;
      }
    }
    return sum / n;
  }, [on.toString('base64'), off.toString('base64'), x0, x1]);
  await blank.close();
  return diff;
}

/**
 * The frame `frame` (a locator) wider than it shows: a shadow darkens its right edge while
 * more is hidden there, and its left edge once scrolled to the end; the keyboard scrolls
 * it. The shadow is told by the same frame shot with and without its backgrounds.
 */
async function hintsAtMore(page, frame, label) {
  const [scrollWidth, clientWidth] = await frame.evaluate((f) => [f.scrollWidth, f.clientWidth]);
  assert.ok(scrollWidth > clientWidth + 20, `${label}: the table is wider than its frame at 390 px (${scrollWidth} ≤ ${clientWidth})`);
  const edges = async (at) => {
    const on = await frame.screenshot({ path: join(artifactsDir(), `phone-${label.replace(/\W+/g, '-')}-${at}.png`) });
    // CSSOM, not a style attribute: the page's CSP allows it.
    await frame.evaluate((f) => { f.style.backgroundImage = 'none'; });
    const off = await frame.screenshot();
    await frame.evaluate((f) => { f.style.backgroundImage = ''; });
    return { left: await darkening(page, on, off, 0, 4), right: await darkening(page, on, off, -4, 0) };
  };
  await frame.evaluate((f) => { f.scrollLeft = 0; });
  const start = await edges('start');
  assert.ok(start.right > 8, `${label}: a shadow at the right edge says there is more (${JSON.stringify(start)})`);
  assert.ok(start.left < 1, `${label}: no shadow at the left edge at the start (${JSON.stringify(start)})`);
  // The keyboard scrolls it: Tab reaches the frame (it is focusable), the arrows move it.
  await frame.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((f) => f.scrollLeft > 0, await frame.elementHandle());
  await frame.evaluate((f) => { f.scrollLeft = f.scrollWidth; });
  const end = await edges('end');
  assert.ok(end.left > 8, `${label}: a shadow at the left edge once scrolled to the end (${JSON.stringify(end)})`);
  assert.ok(end.right < 1, `${label}: no shadow at the right edge at the end (${JSON.stringify(end)})`);
  await frame.evaluate((f) => { f.scrollLeft = 0; });
}

test('390 px: Fulfillments, Refunds (the refund check), Poll and Bulk with data: axe, tap targets, tables that say they scroll', async () => {
  const page = await phonePage('feedamp/connect', '[data-testid=connect]');
  await connectEmbedded(page);
  await placeSampleOrder(page);
  await go(page, 'feedamp/state');
  await page.click('[data-testid=set-state-AWAITING_SHIPMENT]');
  await expectOk(page, 'state-result', /Marked AWAITING_SHIPMENT/);
  // The seller ships line 1 with a tracking number FeedAMP would refuse, and over-refunds it.
  await go(page, 'feedamp/seller');
  await page.fill('[data-testid=seller-line]', '1');
  await page.fill('[data-testid=seller-quantity]', '2');
  await page.fill('[data-testid=seller-tracking]', '1Z999');
  await page.click('[data-testid=seller-ship]');
  await expectOk(page, 'seller-result', /Done\./);
  await page.fill('[data-testid=seller-quantity]', '1');
  await page.fill('[data-testid=seller-refund-amount]', '40');
  await page.fill('[data-testid=seller-reason]', 'damaged');
  await page.click('[data-testid=seller-refund]');
  await expectOk(page, 'seller-result', /Done\./);

  await go(page, 'feedamp/fulfillments');
  await page.waitForSelector('[data-testid=proposed-error]');
  await checkPage(page, 'fulfillments');

  await go(page, 'feedamp/refunds');
  await page.waitForSelector('[data-testid=refund-row]');
  await page.click('[data-testid=refund-row] >> nth=0 >> [data-testid=check-refund]');
  await page.waitForSelector('[data-testid=refund-proposed]');
  await checkPage(page, 'refunds');
  // The refund check's table: reason and sold were off screen with nothing to say so.
  const lines = page.locator('[data-testid=refund-lines]');
  await hintsAtMore(page, lines, 'refund-check');
  await lines.evaluate((f) => { f.scrollLeft = f.scrollWidth; });
  const shown = await lines.evaluate((f) => {
    const box = f.getBoundingClientRect();
    return [...f.querySelectorAll('th')].filter((th) => {
      const r = th.getBoundingClientRect();
      return r.left >= box.left - 1 && r.right <= box.right + 1;
    }).map((th) => th.textContent);
  });
  assert.ok(shown.includes('reason') && shown.some((h) => h.startsWith('sold')), `scrolled to the end, reason and sold show: ${shown}`);
  await lines.evaluate((f) => { f.scrollLeft = 0; });

  await go(page, 'feedamp/poll');
  await page.fill('[data-testid=query]', JSON.stringify({ page_size: 10 }));
  await page.click('[data-testid=poll]');
  await page.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid=poll-progress]')?.textContent || ''));
  await page.waitForSelector('[data-testid=listed]');
  await checkPage(page, 'poll');

  await openBulk(page, 'veeqo.order');
  // Rows with more issues than a row shows: the "and N more" toggle, and each row's "open".
  const bad = JSON.stringify({ order: { number: 7, channel_id: 'x', deliver_to_attributes: {}, line_items_attributes: [{ quantity: 0 }] } });
  await loadFile(page, 'bad.jsonl', Array(12).fill(bad).join('\n'));
  await page.waitForSelector('[data-testid=bulk-row] details summary');
  await page.waitForSelector('[data-testid=bulk-open]');
  await checkPage(page, 'bulk');
  await hintsAtMore(page, page.locator('[data-testid=bulk-rows]'), 'bulk');
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});

test('390 px: the payload editor wraps a long line; its issue list\'s Fix and code toggles are 24 px tall', async () => {
  const page = await phonePage('veeqo/channel', EDITOR);
  const sample = JSON.parse(readFileSync(join(ROOT, 'samples/veeqo/channel.json'), 'utf8'));
  sample.channel.currency_code = 'usd';
  sample.channel.name = `A channel whose name runs on ${'and on '.repeat(20)}past the screen's edge`;
  sample.channel.url = `https://example.com/${'x'.repeat(120)}`;
  await page.fill(EDITOR, JSON.stringify(sample, null, 2));
  await page.waitForSelector('[data-testid=issue] [data-testid=fix]');
  const fit = await page.evaluate(() => {
    const s = document.querySelector('[data-testid=payload-editor] .cm-scroller');
    const content = document.querySelector('[data-testid=payload-editor] .cm-content').getBoundingClientRect();
    const lines = [...document.querySelectorAll('[data-testid=payload-editor] .cm-line')]
      .filter((l) => /past the screen|xxxx/.test(l.textContent));
    return { scroll: s.scrollWidth, client: s.clientWidth, lines: lines.map((l) => [l.getBoundingClientRect().right, l.getBoundingClientRect().height]), right: content.right };
  });
  assert.equal(fit.lines.length, 2, JSON.stringify(fit));
  assert.ok(fit.scroll <= fit.client, `the editor scrolls sideways at 390 px (${fit.scroll} > ${fit.client})`);
  for (const [right, height] of fit.lines) {
    assert.ok(right <= fit.right + 0.5, `a long line ends inside the editor (${right} > ${fit.right})`);
    assert.ok(height > 30, `a long line wraps onto more than one row (${height} px tall)`);
  }
  assert.deepEqual(await serious(page), [], 'axe at 390 px on the editor');
  assert.deepEqual(await smallTargets(page), [], 'targets under 24×24 on the editor');
  await shot(page, 'editor');
  // At desktop width the editor keeps a line a line (JSON's layout reads by its indentation).
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=payload-editor] .cm-scroller');
    return s.scrollWidth > s.clientWidth;
  });
  assert.deepEqual(page.crashes, []);
  await page.context().close();
});
