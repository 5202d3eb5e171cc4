// Steps shared by the FeedAMP end-to-end walks.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifactsDir, EDITOR } from './harness.mjs';

export const shot = (page, name) => page.screenshot({ path: join(artifactsDir(), `feedamp-${name}.png`), fullPage: true });

export async function go(page, route) {
  await page.evaluate((r) => { location.hash = `#/${r}`; }, route);
  await page.waitForFunction((r) => location.hash.startsWith(`#/${r}`), route);
}

/** Waits for a result message and asserts it is a success (optionally matching `pattern`). */
export async function expectOk(page, testid, pattern) {
  const el = page.locator(`[data-testid=${testid}]`);
  await el.waitFor({ timeout: 15000 });
  // Wait for this action's message, not the one an earlier action left there.
  await page.waitForFunction(([t, src]) => {
    const e = document.querySelector(`[data-testid=${t}]`);
    return e?.dataset.ok !== undefined && (!src || new RegExp(src).test(e.textContent) || e.dataset.ok === 'false');
  }, [testid, pattern ? pattern.source : null], { timeout: 15000 }).catch(() => {});
  const text = await el.textContent();
  assert.equal(await el.getAttribute('data-ok'), 'true', text);
  if (pattern) assert.match(text, pattern);
}

/** Waits for the response status to start with `want`, or fails saying what came. */
export async function status(page, want) {
  await page.waitForFunction((w) => document.querySelector('[data-testid=response-status]')?.textContent.startsWith(w), want, { timeout: 15000 })
    .catch(async () => assert.fail(`expected ${want}, got "${await page.locator('[data-testid=response-status]').textContent().catch(() => 'nothing')}": ${await page.locator('[data-testid=response-body]').textContent().catch(() => '')}`));
}

/** Places the Place order step's sample order (connected first) and waits for its 201. */
export async function placeSampleOrder(page) {
  await go(page, 'feedamp/order');
  await page.waitForSelector(EDITOR);
  await page.click('[data-testid=send]');
  await status(page, '201');
}

/** Sets the FeedAMP client in Settings (where it lives, with Veeqo's key), then returns to Connect. */
export async function feedampSettings(page, { base, signIn, id, secret, inProxy, pkce }) {
  await go(page, 'settings');
  if (base !== undefined) await page.fill('[data-testid=feedamp-base]', base);
  if (signIn !== undefined) await page.fill('[data-testid=feedamp-sign-in]', signIn);
  if (id !== undefined) await page.fill('[data-testid=feedamp-client-id]', id);
  if (secret !== undefined) await page.fill('[data-testid=feedamp-client-secret]', secret);
  if (inProxy) await page.check('[data-testid=secret-in-proxy]');
  if (pkce) await page.check('[data-testid=pkce]');
  await go(page, 'feedamp/connect');
}

/**
 * On the authorization server's own pages: signs the seller in (unless this browser is
 * signed in already), then waits for consent; `approve` clicks Approve.
 */
export async function signInAndApprove(page, { approve = true } = {}) {
  await page.waitForSelector('#sign-in, #approve');
  if (await page.locator('#sign-in').count()) {
    await page.fill('#username', 'seller@sandbox.example');
    await page.fill('#password', 'sandbox-password');
    await page.click('#sign-in');
  }
  await page.waitForSelector('#approve');
  if (approve) await page.click('#approve');
}

/** Connects in Sandbox mode: the sandbox's authorize page is shown in the page. */
export async function connectEmbedded(page) {
  await go(page, 'feedamp/connect');
  await page.click('[data-testid=connect]');
  await page.click('[data-testid=sandbox-approve]');
  await expectOk(page, 'callback-result', /Connected/);
}

/**
 * Connects in Live mode: API calls through the proxy, the seller's sign-in and approval on
 * the authorization server's own origin (the sandbox's), never through the proxy.
 */
export async function connectLive(page, proxyUrl, sandboxUrl) {
  await go(page, 'feedamp/connect');
  await page.selectOption('[data-testid=target]', 'live');
  await feedampSettings(page, { base: `${proxyUrl}/feedamp`, signIn: `${sandboxUrl}/feedamp`, id: 'sandbox-client', secret: 'sandbox-secret' });
  await page.click('[data-testid=connect]');
  await signInAndApprove(page);
  await page.waitForSelector('[data-testid=callback-secret]');
  await page.fill('[data-testid=callback-secret]', 'sandbox-secret');
  await page.click('[data-testid=callback-exchange]');
  await expectOk(page, 'callback-result', /Connected/);
}
