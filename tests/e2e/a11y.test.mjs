// axe-core over every page of the app, as a screen-reader or keyboard user meets it: no
// serious or critical violation anywhere. The counts per page are printed as figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startStage, EDITOR, artifactsDir, audit } from './harness.mjs';

let stage;

before(async () => {
  stage = await startStage();
});
after(() => stage?.stop());

test('axe-core: no serious or critical violation on any page, at desktop and phone width', async () => {
  const found = [];
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    const context = await stage.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${stage.site.url}/#/veeqo/channel`);
    await page.waitForSelector(EDITOR);
    const routes = await page.$$eval('nav.side a', (as) => as.map((a) => a.getAttribute('href').slice(2)));
    for (const route of routes) {
      await page.goto(`${stage.site.url}/#/${route}`);
      await page.waitForFunction((r) => location.hash === `#/${r}` && document.querySelector('main h2, main h1'), route);
      // As a user meets it a moment later: the code editor in the text area's place.
      if (await page.$('textarea[data-testid=payload]')) await page.waitForSelector(EDITOR);
      for (const v of await audit(page)) {
        if (v.impact === 'serious' || v.impact === 'critical') found.push({ width: viewport.width, route, ...v });
      }
      // Every page at both sizes, for a look: artifacts/e2e/pages/.
      await page.screenshot({ path: join(artifactsDir('pages'), `${viewport.width}-${route.replace('/', '-')}.png`), fullPage: true });
    }
    await context.close();
  }
  console.log(`axe-core serious/critical: ${found.length}`);
  for (const f of found) console.log(`  ${f.width}px ${f.route}: ${f.id} (${f.impact}, ${f.nodes} nodes) ${f.help} — ${f.target}`);
  assert.deepEqual(found.map((f) => `${f.width} ${f.route} ${f.id}`), []);
});

test('keyboard: the first Tab reaches "Skip to the content", which lands in the page, and a Send result is announced', async () => {
  const page = await (await stage.browser.newContext()).newPage();
  await page.goto(`${stage.site.url}/#/veeqo/channel`);
  await page.waitForSelector(EDITOR);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'content');
  assert.equal(await page.evaluate(() => location.hash), '#/veeqo/channel', 'the route stays');
  assert.equal(await page.getAttribute('[data-testid=response-area]', 'aria-live'), 'polite');
  assert.equal(await page.getAttribute('[data-testid=nav-veeqo-channel]', 'aria-current'), 'page');
  assert.equal(await page.locator('h1').count(), 1);
  await page.context().close();
});

/** Presses Tab (at most 80 times) until `selector` has the focus. */
async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

async function sentWith(page, want) {
  await page.waitForFunction((w) => document.querySelector('[data-testid=response-status]')?.textContent.startsWith(w), want, { timeout: 15000 });
}

for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
test(`keyboard only at ${viewport.width} px: the whole Veeqo flow with Tab, Enter, Space and Ctrl+Enter, no mouse`, async () => {
  const page = await (await stage.browser.newContext({ viewport })).newPage();
  const phone = viewport.width < 800;
  await page.goto(`${stage.site.url}/#/veeqo/channel`);
  await page.waitForSelector(EDITOR);
  const step = async (nav, key = 'Enter') => {
    // On a phone the pages are behind the menu button.
    if (phone) {
      await tabTo(page, '[data-testid=menu]');
      await page.keyboard.press('Enter');
    }
    await tabTo(page, `[data-testid=${nav}]`);
    await page.keyboard.press(key);
    await page.waitForFunction((n) => location.hash === `#/${n.replace('nav-', '').replace('-', '/')}`, nav);
    await page.waitForSelector(EDITOR);
  };
  // Channel: Ctrl+Enter from the first control of the step sends it.
  await tabTo(page, '[data-testid=reset-sample]');
  await page.keyboard.press('Control+Enter');
  await sentWith(page, '201');
  await step('nav-veeqo-product');
  await tabTo(page, EDITOR);
  await page.keyboard.press('Control+Enter');
  await sentWith(page, '201');
  await step('nav-veeqo-channel-sellable');
  await tabTo(page, '[data-testid=example-ids]');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !document.querySelector('[data-testid=issue][data-severity=error]'));
  await page.keyboard.press('Control+Enter');
  await sentWith(page, '201');
  await step('nav-veeqo-order');
  await tabTo(page, '[data-testid=load-context]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=issue]').length === 0);
  await page.keyboard.press('Control+Enter');
  await sentWith(page, '201');
  assert.equal(await page.getAttribute('[data-testid=bsp]', 'data-eligible'), 'true');
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `no sideways scroll (${scroll} > ${width})`);
  await page.context().close();
});
}
