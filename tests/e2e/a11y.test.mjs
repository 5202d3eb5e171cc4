// axe-core over every page of the app, as a screen-reader or keyboard user meets it: no
// serious or critical violation anywhere. The counts per page are printed as figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startStage } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let stage;

before(async () => {
  stage = await startStage();
});
after(() => stage?.stop());

async function audit(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,
      target: v.nodes[0]?.target.join(' ') }));
  });
}

test('axe-core: no serious or critical violation on any page, at desktop and phone width', async () => {
  const found = [];
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    const context = await stage.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${stage.site.url}/#/veeqo/channel`);
    await page.waitForSelector('[data-testid=payload]');
    const routes = await page.$$eval('nav.side a', (as) => as.map((a) => a.getAttribute('href').slice(2)));
    for (const route of routes) {
      await page.goto(`${stage.site.url}/#/${route}`);
      await page.waitForFunction((r) => location.hash === `#/${r}` && document.querySelector('main h2, main h1'), route);
      // A page with an issue list showing, as most are used.
      for (const v of await audit(page)) {
        if (v.impact === 'serious' || v.impact === 'critical') found.push({ width: viewport.width, route, ...v });
      }
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
  await page.waitForSelector('[data-testid=payload]');
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
