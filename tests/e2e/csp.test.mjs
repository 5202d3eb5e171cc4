// The page under its security headers as the site's own nginx sends them (www/site/nginx.conf
// and headers.conf, the PROXY place naming the real proxy in front of the sandbox): each
// header on every kind of file, the callback page included; no inline script in the build;
// no other site can frame the page; and the whole Veeqo flow Live through the proxy, and a
// FeedAMP connect, with not one CSP violation (the harness fails a test that had any).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import {
  DIST, EDITOR, freePort, launchBrowser, siteHeaders, startHttpUpstream, startNginx, startSandbox,
  startSiteNginx, takeCspViolations,
} from './harness.mjs';
import { connectLive, go, status } from './feedamp-steps.mjs';

let sandbox, proxy, site, browser;
before(async () => {
  // The page's origin is needed by the proxy (CORS) and the proxy's by the page (CSP).
  const listen = await freePort();
  sandbox = await startSandbox();
  proxy = await startNginx({ origin: `http://127.0.0.1:${listen}`, upstream: sandbox.url });
  site = await startSiteNginx(DIST, { listen, proxies: [proxy.url] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  site?.stop();
  proxy?.stop();
  sandbox?.stop();
});

/** A raw GET: status and headers. */
function head(path, headers = {}) {
  return new Promise((ok, fail) => {
    request(`${site.url}${path}`, { headers }, (res) => {
      res.resume();
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers }));
    }).on('error', fail).end();
  });
}

/** A policy's directives: name → its sources. */
const directives = (csp) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([n, ...v]) => [n, v]));

/** A fresh tab whose console messages are kept in `page.said`. */
async function tab() {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.crashes = [];
  page.said = [];
  page.on('pageerror', (e) => page.crashes.push(e.message));
  page.on('console', (m) => page.said.push(m.text()));
  return page;
}

test('every answer carries the headers of headers.conf, the strict policy among them', async () => {
  const want = siteHeaders([proxy.url]);
  const policy = directives(want['Content-Security-Policy']);
  // What the policy must say, whatever else changes in the file.
  assert.deepEqual(policy['default-src'], ["'none'"]);
  assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(policy['worker-src'], ['blob:'], 'the worker is built from code the page checked');
  assert.deepEqual(policy['connect-src'], ["'self'", proxy.url]);
  assert.deepEqual(policy['style-src'], ["'self'"]);
  assert.deepEqual(policy['style-src-elem'], ["'self'", "'unsafe-inline'"], 'inline <style> for the code editor alone');
  assert.deepEqual(policy['img-src'], ["'self'", 'data:']);
  for (const d of ['base-uri', 'form-action', 'frame-ancestors']) assert.deepEqual(policy[d], ["'none'"], d);
  assert.equal(want['X-Content-Type-Options'], 'nosniff');
  assert.equal(want['Referrer-Policy'], 'no-referrer');
  assert.equal(want['Cross-Origin-Opener-Policy'], 'same-origin');
  for (const f of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) assert.match(want['Permissions-Policy'], new RegExp(`(^|, )${f}=\\(\\)`));

  const files = readdirSync(DIST);
  const hashed = ['orderlint-web-[0-9a-f]+_bg\\.wasm', 'editor-[0-9a-f]+\\.js', 'script-[0-9a-f]+\\.js', 'style-[0-9a-f]+\\.css',
    'orderlint-sandbox-worker-[0-9a-f]+\\.js'].map((p) => files.find((f) => new RegExp(`^${p}$`).test(f)));
  const callback = readdirSync(join(DIST, 'feedamp-callback')).find((f) => /^callback-[0-9a-f]+\.js$/.test(f));
  assert.ok(hashed.every(Boolean) && callback, `${hashed.join(' ')} ${callback}`);
  for (const path of ['/', '/index.html', ...hashed.map((f) => `/${f}`),
    '/feedamp-callback/', `/feedamp-callback/${callback}`, '/no-such-file']) {
    for (const encoding of [undefined, 'gzip']) {
      const r = await head(path, encoding ? { 'accept-encoding': encoding } : {});
      assert.equal(r.status, path === '/no-such-file' ? 404 : 200, path);
      for (const [name, value] of Object.entries(want)) {
        const sent = r.headers[name.toLowerCase()];
        // The tests' copy also sends reports to the harness (report-uri): nothing else differs.
        assert.equal(name === 'Content-Security-Policy' ? sent?.replace(/; report-uri \S+$/, '') : sent, value, `${name} on ${path}`);
      }
    }
  }
});

test('the build runs no inline script, and each moved script is the file its integrity names', () => {
  for (const html of ['index.html', 'feedamp-callback/index.html']) {
    const page = readFileSync(join(DIST, html), 'utf8');
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0, html);
    for (const [tag, attrs, body] of scripts) {
      assert.equal(body, '', `${html}: inline code in ${tag.slice(0, 80)}`);
      const src = attrs.match(/\ssrc="([^"]+)"/)?.[1];
      assert.ok(src, `${html}: ${tag}`);
      const file = readFileSync(src.startsWith('/') ? join(DIST, src) : join(DIST, html, '..', src));
      const integrity = attrs.match(/\sintegrity="sha384-([^"]+)"/)?.[1];
      assert.ok(integrity, `${html}: ${src} without its integrity`);
      assert.equal(createHash('sha384').update(file).digest('base64'), integrity, src);
    }
    assert.doesNotMatch(page, /\son[a-z]+\s*=|javascript:/i, `${html}: no event handler attribute, no javascript: URL`);
  }
});

test('no other site can frame the page or the callback page', async () => {
  const framer = await startHttpUpstream((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><iframe src="${site.url}/#/veeqo/channel"></iframe><iframe src="${site.url}/feedamp-callback/?code=c&state=s"></iframe>`);
  });
  try {
    const page = await tab();
    // Loaded: the frames included, each with its page or the browser's error page.
    await page.goto(framer.url);
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    assert.equal(frames.length, 2);
    for (const f of frames) {
      assert.ok(!f.url().startsWith(site.url), `${f.url()} is shown in another site's frame`);
      const inside = await f.evaluate(() => document.querySelectorAll('[data-testid]').length).catch(() => 0);
      assert.equal(inside, 0, `${f.url()}: nothing of the app in the frame`);
    }
    const refused = await takeCspViolations();
    assert.ok(refused.some((v) => /frame-ancestors/.test(v)), refused.join('\n'));
  } finally {
    framer.close();
  }
});

test('the whole Veeqo flow, in the sandbox and Live through the proxy, runs under the policy', async () => {
  const page = await tab();
  await page.goto(`${site.url}/#/veeqo/channel`);
  await page.waitForSelector(EDITOR);
  // The simulators' worker first, then the real round trip.
  await page.click('[data-testid=send]');
  await status(page, '201');
  await go(page, 'settings');
  await page.selectOption('[data-testid=settings-target]', 'live');
  await page.fill('[data-testid=veeqo-base]', `${proxy.url}/veeqo`);
  await page.fill('[data-testid=api-key]', 'csp-e2e-key-1234567890');
  for (const [route, first] of [['veeqo/channel'], ['veeqo/product'], ['veeqo/channel-sellable', 'example-ids'], ['veeqo/order', 'load-context']]) {
    await go(page, route);
    await page.waitForSelector(EDITOR);
    if (first) await page.click(`[data-testid=${first}]`);
    await page.waitForFunction(() => !document.querySelector('[data-testid=issue][data-severity=error]'));
    await page.click('[data-testid=send]');
    await status(page, '201');
  }
  await go(page, 'veeqo/troubleshoot');
  await page.click('[data-testid=run-checks]');
  await page.waitForSelector('[data-testid=check]');
  assert.deepEqual(await page.$$eval('[data-testid=check]', (r) => r.map((c) => c.dataset.pass)), ['true', 'true', 'true', 'true']);
  for (const [route, ready] of [['history', 'history-entry'], ['check', 'check-input'], ['bulk', 'bulk-kind']]) {
    await go(page, route);
    await page.waitForSelector(`[data-testid=${ready}]`);
  }
  await proxy.logged(/"POST \/veeqo\/orders" 201/);
  assert.deepEqual(await takeCspViolations(), []);
  assert.deepEqual(page.said.filter((m) => /Permissions-Policy/.test(m)), [], 'the browser knows every feature the header names');
  assert.deepEqual(page.crashes, []);
});

test('a FeedAMP connect, the seller signing in on FeedAMP\'s origin, runs under the policy', async () => {
  const page = await tab();
  await page.goto(`${site.url}/#/feedamp/connect`);
  await page.waitForSelector('[data-testid=connect]');
  await connectLive(page, proxy.url, sandbox.url);
  await proxy.logged(/"POST \/feedamp\/access_token" 200/);
  assert.deepEqual(await takeCspViolations(), []);
  assert.deepEqual(page.crashes, []);
});

test('a proxy base at an origin the policy does not name gets no request', async () => {
  const other = await startHttpUpstream((_, res) => res.end('{}'));
  try {
    const page = await tab();
    await page.goto(`${site.url}/#/settings`);
    await page.selectOption('[data-testid=settings-target]', 'live');
    await page.fill('[data-testid=veeqo-base]', `${other.url}/veeqo`);
    await page.fill('[data-testid=api-key]', 'csp-e2e-key-1234567890');
    await go(page, 'veeqo/channel');
    await page.waitForSelector(EDITOR);
    await page.click('[data-testid=send]');
    await page.waitForFunction(() => document.querySelector('[data-testid=response-area]')?.textContent.trim());
    assert.equal(other.seen.length, 0, 'the browser refused to connect');
    const refused = await takeCspViolations();
    assert.ok(refused.some((v) => v.includes('connect-src') && v.includes(other.url)), refused.join('\n'));
  } finally {
    other.close();
  }
});
