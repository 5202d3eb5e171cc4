// README's first command as a newcomer runs it: `scripts/run` (Trunk's dev server, its
// proxies, the local `orderlint sandbox` on 8787), then Live out of the box: FeedAMP's
// Connect with the defaults, the seller signing in on the sandbox's own origin, an order
// placed through the dev server's proxy; and the proxy's upstream gone, said plainly.
// Nothing here leaves the machine: the Veeqo proxy (the real API) is not called.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, freePort, chromiumPath, CHROMIUM_ARGS, artifactsDir } from './harness.mjs';
import { go, signInAndApprove, expectOk } from './feedamp-steps.mjs';

const SANDBOX_PORT = 8787; // Trunk.toml's FeedAMP proxy points here
let run, url, browser, output = '';

/** Whether anything answers HTTP there (any status). */
async function answers(address) {
  try { await fetch(address); return true; } catch { return false; }
}

before(async () => {
  if (await answers(`http://127.0.0.1:${SANDBOX_PORT}/feedamp/`)) {
    throw new Error(`port ${SANDBOX_PORT} is taken: scripts/run starts its sandbox there`);
  }
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // Its own process group, so the sandbox and Trunk stop with it.
  run = spawn('bash', ['scripts/run', '--port', String(port), '--no-autoreload'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const s of [run.stdout, run.stderr]) s.on('data', (d) => { output = (output + d).slice(-20000); });
  const end = Date.now() + 15 * 60 * 1000;
  while (!(await answers(url)) || !(await answers(`http://127.0.0.1:${SANDBOX_PORT}/feedamp/`))) {
    if (run.exitCode !== null) throw new Error(`scripts/run ended (${run.exitCode}):\n${output}`);
    if (Date.now() > end) throw new Error(`scripts/run did not serve in 15 minutes:\n${output}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}, { timeout: 16 * 60 * 1000 });

after(async () => {
  await browser?.close();
  if (run && run.exitCode === null) {
    try { process.kill(-run.pid, 'SIGTERM'); } catch { /* gone already */ }
  }
});

test('Live FeedAMP out of the box under scripts/run: sign in on the sandbox, approve, place an order', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  page.crashes = [];
  page.on('pageerror', (e) => page.crashes.push(e.message));
  await page.goto(`${url}/#/feedamp/connect`);
  await page.waitForSelector('[data-testid=connect]');
  await page.selectOption('[data-testid=target]', 'live');
  // The defaults as README gives them: the proxy base /feedamp, the sign-in address the
  // sandbox's own; only the client is typed.
  await go(page, 'settings');
  assert.equal(await page.inputValue('[data-testid=feedamp-base]'), '/feedamp');
  assert.equal(await page.inputValue('[data-testid=feedamp-sign-in]'), `http://127.0.0.1:${SANDBOX_PORT}/feedamp`);
  await page.fill('[data-testid=feedamp-client-id]', 'sandbox-client');
  await page.fill('[data-testid=feedamp-client-secret]', 'sandbox-secret');
  await go(page, 'feedamp/connect');
  await page.click('[data-testid=connect]');
  await page.waitForSelector('#sign-in');
  assert.ok(page.url().startsWith(`http://127.0.0.1:${SANDBOX_PORT}/feedamp/authorize?`), page.url());
  await signInAndApprove(page);
  // Back on the dev server's page: the secret lived in the left page's memory.
  await page.waitForSelector('[data-testid=callback-secret]');
  assert.ok(page.url().startsWith(url), page.url());
  await page.fill('[data-testid=callback-secret]', 'sandbox-secret');
  await page.click('[data-testid=callback-exchange]');
  await expectOk(page, 'callback-result', /Connected/);
  await go(page, 'feedamp/order');
  await page.waitForSelector('[data-testid=send]');
  await page.click('[data-testid=send]');
  await page.waitForFunction(() => /^20[01]/.test(document.querySelector('[data-testid=response-status]')?.textContent ?? ''));
  await page.screenshot({ path: join(artifactsDir(), 'dev-server-1-order.png'), fullPage: true });
  assert.deepEqual(page.crashes, []);
});

test('the dev server\'s proxy with its upstream gone: said plainly, with where to go', async () => {
  // A FeedAMP call through Trunk's proxy once nothing listens behind it (the same answer
  // as the Veeqo proxy gives with no route to the API).
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await page.goto(`${url}/#/settings`);
  await page.waitForSelector('[data-testid=settings-target]');
  const bare = await page.evaluate(async () => {
    const r = await fetch('/feedamp/_no_such_upstream_check', { method: 'GET' });
    return r.status;
  });
  assert.ok(bare < 500, `the sandbox answers through the dev proxy (${bare})`);
  await page.selectOption('[data-testid=settings-target]', 'live');
  await page.fill('[data-testid=veeqo-base]', '/feedamp/gone');
  await page.fill('[data-testid=api-key]', 'dev-server-key-123456');
  // Stop the sandbox: the dev server's proxy now has nothing to reach.
  // Found by its command line in /proc: no tool (pgrep, ss) a fresh machine may lack.
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try { return readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ').includes(`orderlint sandbox --port ${SANDBOX_PORT}`); } catch { return false; }
  });
  assert.ok(pids.length > 0, 'the sandbox listens');
  for (const pid of pids) process.kill(Number(pid), 'SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await go(page, 'veeqo/channel');
  await page.click('[data-testid=send]');
  await page.waitForFunction(() => /could not reach the API/.test(document.querySelector('[data-testid=response-status]')?.textContent ?? ''));
  const said = await page.textContent('[data-testid=response-status]');
  assert.match(said, /^the proxy at \/feedamp\/gone answered 50\d/);
  assert.equal(await page.getAttribute('[data-testid=response-fix]', 'href'), '#/settings');
  await page.screenshot({ path: join(artifactsDir(), 'dev-server-2-unreachable.png'), fullPage: true });
});
