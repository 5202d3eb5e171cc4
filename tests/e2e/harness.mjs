// Test harness for the end-to-end and proxy tests: the release bundle on one loopback
// port, `orderlint sandbox` behind a real nginx running www/proxy/nginx.conf on another.
// The bundle is served with the site's security headers (www/site/headers.conf), and a
// test during which any page reported a Content-Security-Policy violation fails.
import { afterEach } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as netServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Resolved here: nginx would read a relative root against its own prefix.
export const DIST = resolve(process.env.E2E_DIST || join(ROOT, 'target/e2e/dist'));
export const BIN = process.env.ORDERLINT_BIN || join(ROOT, 'target/release/orderlint');
export const ARTIFACTS = join(ROOT, 'artifacts/e2e');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

export function freePort() {
  return new Promise((ok, fail) => {
    const s = netServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** The origins of every proxy started here: the page's CSP lets it connect to these. */
const PROXIES = [];

/** The place in www/site/headers.conf that names the proxy's origins. */
const PROXY_PLACE = 'https://orderlint-proxy.example.com';

/**
 * www/site/headers.conf with PROXY naming `proxies` (the place dropped when none) and, for
 * the tests, the CSP's reports sent to `reportUri`: the only way a worker's violations
 * reach the tests (a worker's console and events are out of the harness's reach).
 */
export function siteHeadersConf(proxies = PROXIES, reportUri = null) {
  let c = swap(readFileSync(join(ROOT, 'www/site/headers.conf'), 'utf8'), ` ${PROXY_PLACE}`,
    proxies.map((p) => ` ${new URL(p).origin}`).join(''));
  if (reportUri) {
    const csp = /^(\s*add_header Content-Security-Policy "[^"]*)"/m;
    if (!csp.test(c)) throw new Error('headers.conf no longer adds a Content-Security-Policy');
    c = c.replace(csp, `$1; report-uri ${reportUri}"`);
  }
  return c;
}

/** The headers www/site/headers.conf adds, as nginx would send them. */
export function siteHeaders(proxies = PROXIES, reportUri = null) {
  const headers = {};
  for (const line of siteHeadersConf(proxies, reportUri).split('\n')) {
    if (!/^\s*add_header\b/.test(line)) continue;
    const m = line.match(/^\s*add_header\s+([\w-]+)\s+"([^"]*)"\s+always;/);
    if (!m) throw new Error(`headers.conf: an add_header line the tests cannot read: ${line}`);
    headers[m[1]] = m[2];
  }
  return headers;
}

/**
 * Serves the built bundle like a static host: files as they are, index.html for "/", with
 * the headers the site's nginx sends (its CSP allowing the proxies started so far).
 */
export async function serveStatic(dir = DIST) {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`no bundle at ${dir}: build it with trunk build --release --dist ${dir}`);
  }
  const reportUri = await cspReportUri();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = join(dir, path);
    // A folder is served by its index.html, as static hosts do.
    if (file.startsWith(dir) && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(dir, 'index.html');
    }
    res.writeHead(200, { ...siteHeaders(PROXIES, reportUri), 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Starts `orderlint sandbox --port 0` and waits for its address. */
export async function startSandbox() {
  if (!existsSync(BIN)) throw new Error(`no CLI at ${BIN}: cargo build --release --bin orderlint`);
  const child = spawn(BIN, ['sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) ok(Number(m[1]));
    });
    child.once('exit', (code) => fail(new Error(`sandbox exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Swaps one exact string; a production config that drifted fails loudly here. */
function swap(text, from, to) {
  if (!text.includes(from)) throw new Error(`nginx.conf no longer contains ${JSON.stringify(from)}`);
  return text.split(from).join(to);
}

/**
 * The production config with only its marked places changed: listen address, allowed
 * origin, log and pid paths, and the upstream pointed at the local sandbox.
 */
export function testConfig({ listen, origin, upstream, dir, secret, caBundle }) {
  let c = readFileSync(join(ROOT, 'www/proxy/nginx.conf'), 'utf8');
  c = swap(c, 'listen 8080;', `listen 127.0.0.1:${listen};`);
  c = swap(c, '"https://orderlint.example.com" $http_origin;', `"${origin}" $http_origin;`);
  c = swap(c, '/var/log/nginx/orderlint-proxy.error.log', join(dir, 'error.log'));
  c = swap(c, '/var/log/nginx/orderlint-proxy.access.log', join(dir, 'access.log'));
  c = swap(c, '/run/orderlint-proxy.pid', join(dir, 'nginx.pid'));
  c = swap(c, 'proxy_pass https://api.veeqo.com/;', `proxy_pass ${upstream}/veeqo/;`);
  c = swap(c, 'proxy_pass https://feedamp.example.com/;', `proxy_pass ${upstream}/feedamp/;`);
  c = swap(c, 'proxy_pass https://feedamp.example.com/access_token;', `proxy_pass ${upstream}/feedamp/access_token;`);
  if (caBundle) {
    c = swap(c, 'proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;', `proxy_ssl_trusted_certificate ${caBundle};`);
  }
  if (secret) {
    c = swap(c, 'map "" $feedamp_secret_param {\n        default "";', `map "" $feedamp_secret_param {\n        default "&client_secret=${secret}";`);
  }
  return c;
}

function nginxBinary() {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  return 'nginx';
}

/** Runs a real nginx with the test config; resolves once it accepts connections. */
export async function startNginx({ origin, upstream, secret, caBundle }) {
  const dir = mkdtempSync(join(tmpdir(), 'orderlint-nginx-'));
  const listen = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, testConfig({ listen, origin, upstream, dir, secret, caBundle }));
  const child = spawn(nginxBinary(), ['-p', dir, '-c', conf, '-g', 'daemon off; user root;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${listen}`;
  PROXIES.push(url);
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/`);
      const log = () => readFileSync(join(dir, 'access.log'), 'utf8');
      // nginx writes a request's line after its answer is sent: a client can read the log
      // before it is there. Waits for `re` to match, then returns the log.
      const logged = async (re, timeout = 3000) => {
        const end = Date.now() + timeout;
        while (!re.test(log())) {
          if (Date.now() > end) throw new Error(`the proxy's log has no ${re} after ${timeout} ms:\n${log()}`);
          await new Promise((r) => setTimeout(r, 25));
        }
        return log();
      };
      return { url, dir, stop: () => child.kill('SIGQUIT'), log, logged };
    } catch {
      if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill();
  throw new Error('nginx did not start');
}

/**
 * The page's own nginx (www/site/nginx.conf and its headers.conf) serving `dir`, with only
 * their marked places changed (PROXY: the proxies started so far, or `proxies`); resolves
 * once it accepts connections.
 */
export async function startSiteNginx(dir = DIST, { listen, proxies = PROXIES } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'orderlint-site-'));
  listen ??= await freePort();
  writeFileSync(join(tmp, 'headers.conf'), siteHeadersConf(proxies, await cspReportUri()));
  let c = readFileSync(join(ROOT, 'www/site/nginx.conf'), 'utf8');
  c = swap(c, 'listen 8080;', `listen 127.0.0.1:${listen};`);
  c = swap(c, 'root /srv/orderlint/dist;', `root ${dir};`);
  c = swap(c, '/var/log/nginx/orderlint-site.error.log', join(tmp, 'error.log'));
  c = swap(c, '/var/log/nginx/orderlint-site.access.log', join(tmp, 'access.log'));
  c = swap(c, '/run/orderlint-site.pid', join(tmp, 'nginx.pid'));
  const conf = join(tmp, 'nginx.conf');
  writeFileSync(conf, c);
  const child = spawn(nginxBinary(), ['-p', tmp, '-c', conf, '-g', 'daemon off; user root;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${listen}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/`);
      return { url, stop: () => child.kill('SIGQUIT') };
    } catch {
      if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill();
  throw new Error('nginx did not start');
}

/**
 * Test certificates made with openssl in a fresh folder: a CA, a leaf for 127.0.0.1 that
 * CA signed, and a self-signed leaf for 127.0.0.1 that nothing vouches for.
 */
export function makeCerts() {
  const dir = mkdtempSync(join(tmpdir(), 'orderlint-tls-'));
  const ssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const san = join(dir, 'san.cnf');
  writeFileSync(san, 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=orderlint test CA',
    '-keyout', 'ca.key', '-out', 'ca.pem');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'leaf.key', '-out', 'leaf.csr');
  ssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
    '-extfile', san, '-out', 'leaf.pem');
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', 'self.key', '-out', 'self.pem');
  const read = (f) => readFileSync(join(dir, f));
  return {
    caFile: join(dir, 'ca.pem'),
    signed: { key: read('leaf.key'), cert: read('leaf.pem') },
    selfSigned: { key: read('self.key'), cert: read('self.pem') },
  };
}

/** A request handler that records every request in `seen`, then lets `answer` reply. */
function recording(seen, answer) {
  return async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const got = { method: req.method, url: req.url, headers: req.headers, body };
    seen.push(got);
    answer(got, res);
  };
}

/** An HTTPS upstream on loopback that answers 200 and records every request it gets. */
export async function startHttpsUpstream(tls) {
  const seen = [];
  const server = createHttpsServer(tls, recording(seen, (_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': '*', 'Access-Control-Expose-Headers': '*' });
    res.end('{"ok": true}');
  }));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  // By name: nginx matches the certificate to the upstream's host name (an IP never matches).
  return { url: `https://localhost:${server.address().port}`, seen, close: () => server.close() };
}

/**
 * A plain HTTP server on loopback that records every request it gets and answers with
 * `answer({ method, url, headers, body }, res)`: an API behaving as the sandbox will not.
 */
export async function startHttpUpstream(answer) {
  const seen = [];
  const server = createServer(recording(seen, answer));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, seen, close: () => server.close() };
}

/** artifacts/e2e, or a folder in it, made if missing. */
export function artifactsDir(sub = '') {
  const dir = join(ARTIFACTS, sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath() {
  return process.env.CHROMIUM || '/usr/bin/chromium';
}

/** Violations reported since the last check: console messages, reports, and events read from pages. */
const cspViolations = [];
const browsers = new Set();

/** The address CSP reports go to: a server on loopback that adds them to the violations. */
let reportServer;
function cspReportUri() {
  reportServer ??= new Promise((ok) => {
    const server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      let r;
      try { r = JSON.parse(body)['csp-report']; } catch { r = null; }
      cspViolations.push(r
        ? `report: ${r['effective-directive'] || r['violated-directive']} refused ${r['blocked-uri'] || 'inline code'} in ${r['document-uri']} (${r['source-file'] || 'the page'}:${r['line-number'] ?? ''})`
        : `report: ${body}`);
      res.writeHead(204);
      res.end();
    });
    // It must not keep a test's process alive.
    server.unref();
    server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}/`));
  });
  return reportServer;
}

/**
 * Headless Chromium whose every context records Content-Security-Policy violations: a
 * `securitypolicyviolation` listener in each page (window.__cspViolations), and the
 * console's messages (which also cover pages closed since); the CSP's reports, which cover
 * workers, come to cspReportUri.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(() => {
      window.__cspViolations = [];
      window.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline code'} in ${e.documentURI} (${e.sourceFile || 'the page'}:${e.lineNumber})`);
      });
    });
    context.on('console', (msg) => {
      if (msg.text().includes('Content Security Policy')) cspViolations.push(`console of ${msg.page()?.url() ?? 'a worker'}: ${msg.text()}`);
    });
    return context;
  };
  return browser;
}

/** The violations reported since the last call, which forgets them. */
export async function takeCspViolations() {
  // A report is posted after the fact: give one the time to arrive.
  if (reportServer) await new Promise((ok) => setTimeout(ok, 150));
  const found = cspViolations.splice(0);
  for (const browser of browsers) {
    for (const page of browser.contexts().flatMap((c) => c.pages())) {
      const taken = page.evaluate(() => (window.__cspViolations || []).splice(0)).catch(() => []);
      const timeout = new Promise((ok) => setTimeout(() => ok([]), 2000));
      found.push(...(await Promise.race([taken, timeout])));
    }
  }
  return found;
}

// A test file (not a benchmark using this harness) fails any test that had a violation.
if (/\.test\.mjs$/.test(process.argv[1] || '')) {
  afterEach(async () => {
    const found = await takeCspViolations();
    if (found.length) throw new Error(`Content-Security-Policy violations:\n${[...new Set(found)].join('\n')}`);
  });
}

/**
 * The whole stage: the bundle on one port, the sandbox behind a real nginx on another
 * (another origin), and headless Chromium. `stop()` tears it all down.
 */
export async function startStage() {
  const site = await serveStatic();
  const sandbox = await startSandbox();
  const proxy = await startNginx({ origin: site.url, upstream: sandbox.url });
  const browser = await launchBrowser();
  return {
    site, sandbox, proxy, browser,
    async stop() {
      await browser.close();
      proxy.stop();
      sandbox.stop();
      site.close();
    },
  };
}

/** A fresh tab with its own storage at `route`; uncaught errors (a Rust panic included) are collected in `page.crashes`. */
export async function openPage(stage, route, ready) {
  const context = await stage.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.crashes = [];
  page.on('pageerror', (e) => page.crashes.push(e.message));
  await page.goto(`${stage.site.url}/#/${route}`);
  await page.waitForSelector(ready);
  return page;
}

/**
 * The payload editor as a user meets it: the code editor's input once it has replaced the
 * plain text area (which stays in the page, hidden, and no longer follows the text).
 */
export const EDITOR = '[data-testid=payload-input]';

/** The payload's text: the code editor's document, or the text area's value before it. */
export async function payloadText(page) {
  // A route changes before its page is drawn: wait for an editor to read.
  await page.waitForSelector('[data-testid=payload-editor], textarea[data-testid=payload]', { state: 'attached' });
  return page.evaluate(async () => {
    const editor = document.querySelector('[data-testid=payload-editor]');
    if (!editor) return document.querySelector('textarea[data-testid=payload]').value;
    const name = document.querySelector('meta[name=orderlint-editor]').content;
    return (await import(new URL(name, document.baseURI).href)).textOf(editor);
  });
}

/** Waits until the payload's text is `text` (a reload, a sample, an undo). */
export async function waitForPayload(page, text, timeout = 10000) {
  const end = Date.now() + timeout;
  let now;
  while ((now = await payloadText(page)) !== text) {
    if (Date.now() > end) throw new Error(`the payload is not the expected text after ${timeout} ms; it is:\n${now}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page as it is now: id, impact, nodes, help, first target. */
export async function audit(page) {
  // Run as the tests' own code: a <script> tag added to the page is inline code, which
  // the page's CSP refuses.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,
      target: v.nodes[0]?.target.join(' ') }));
  });
}
