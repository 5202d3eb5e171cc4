// Bench 5: first load on a slow phone. The release bundle hosted by its own nginx config
// (www/site/nginx.conf: the precompressed copies, as a real host sends them), in
// headless Chromium with DevTools' "Fast 3G" (562.5 ms latency, 1.44 Mbit/s down) and the
// CPU slowed 4x: when something is first painted (the HTML's own frame and loading note),
// when the app is interactive (mounted, the payload editable in the plain text area), and
// when the code editor has replaced the text area (fetched after that). Median of 3 loads,
// each from a cold cache.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, startSiteNginx, EDITOR } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 3);
const site = await startSiteNginx();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
const results = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${site.url}/#/veeqo/channel`, { waitUntil: 'commit' });
  // Usable with the plain text area first; the code editor replaces it when it arrives.
  await page.waitForSelector('[data-testid=payload]', { state: 'attached', timeout: 120000 });
  const first = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    return { fcp, interactive: performance.now() };
  });
  await page.waitForSelector(EDITOR, { timeout: 120000 });
  results.push({ ...first, editor: await page.evaluate(() => performance.now()) });
  await context.close();
}
await browser.close();
site.stop();
const median = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
const ms = (x) => `${Math.round(x).toLocaleString('en')} ms`;
console.log('| what (Fast 3G, CPU 4x slower, cold cache) | median of ' + RUNS + ' |');
console.log('| --- | --- |');
console.log(`| first contentful paint (the frame and "Loading the checker…") | ${ms(median('fcp'))} |`);
console.log(`| interactive (the app mounted, the payload editable) | ${ms(median('interactive'))} |`);
console.log(`| code editor in place (fetched once the page is interactive) | ${ms(median('editor'))} |`);
