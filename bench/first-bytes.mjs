// Bundle, as a browser meets it: the release build hosted by its own nginx config
// (www/site/nginx.conf, precompressed copies), each route opened in headless Chromium with
// a cold cache. Bytes on the wire (DevTools' encodedDataLength, headers included): the
// critical path is every file but those the app fetches once it is usable (the code
// editor; the sending code a second later; the simulators' worker at the first Send),
// counted apart; then all that arrived within a second of the page being usable.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, startSiteNginx } from '../tests/e2e/harness.mjs';

const ROUTES = [
  ['#/veeqo/channel', '[data-testid=payload]'],
  ['#/feedamp/connect', '[data-testid=connect]'],
  ['#/bulk', '[data-testid=bulk-kind]'],
];
const site = await startSiteNginx();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
const rows = [];
for (const [route, usable] of ROUTES) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let critical = 0;
  let criticalFiles = 0;
  let bytes = 0;
  let files = 0;
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    files += 1;
    if (!/^\/(editor-|orderlint-sandbox-worker|split_send_part)/.test(urls.get(e.requestId) || '')) {
      critical += e.encodedDataLength;
      criticalFiles += 1;
    }
  });
  await page.goto(`${site.url}/${route}`);
  await page.waitForSelector(usable, { state: 'attached' });
  await page.waitForTimeout(1000);
  rows.push({ route, critical, criticalFiles, withNext: bytes, files });
  await context.close();
}
await browser.close();
site.stop();
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log('| route (cold cache, gzip as served) | critical path | files | with the next second | files | goals ≤ 200 KB / ≤ 350 KB |');
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  const met = (x, max) => (x <= max * 1024 ? 'met' : '**NOT met**');
  console.log(`| ${r.route} | ${kb(r.critical)} | ${r.criticalFiles} | ${kb(r.withNext)} | ${r.files} | ${met(r.critical, 200)} / ${met(r.withNext, 350)} |`);
}
