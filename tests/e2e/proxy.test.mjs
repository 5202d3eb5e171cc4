// The production proxy config, run by a real nginx in front of the sandbox: allow-list,
// CORS for configured origins only, preflight, body limit, no cookies, no secrets logged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSandbox, startNginx } from './harness.mjs';

const ORIGIN = 'http://127.0.0.1:1';
let sandbox, proxy;

before(async () => {
  sandbox = await startSandbox();
  proxy = await startNginx({ origin: ORIGIN, upstream: sandbox.url });
});
after(() => {
  proxy?.stop();
  sandbox?.stop();
});

/** A raw request: node's fetch would refuse to set Origin the way a browser does. */
function call(method, path, headers = {}, body) {
  return new Promise((ok, fail) => {
    const req = request(`${proxy.url}${path}`, { method, headers }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', fail);
    if (body) req.write(body);
    req.end();
  });
}

const CHANNEL = JSON.stringify({
  channel: {
    name: 'Amazon US', type_code: 'custom_integration', currency_code: 'USD', short_name: 'AZ',
    custom_integration_channel_specific_attributes: { integration_type: 'amazon' },
  },
});

test('preflight from the configured origin is answered', async () => {
  const r = await call('OPTIONS', '/veeqo/orders', {
    Origin: ORIGIN,
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'content-type,x-api-key',
  });
  assert.equal(r.status, 204);
  assert.equal(r.headers['access-control-allow-origin'], ORIGIN);
  assert.match(r.headers['access-control-allow-headers'], /x-api-key/);
  assert.match(r.headers['access-control-allow-methods'], /POST/);
});

test('another origin is refused, preflight included', async () => {
  for (const method of ['OPTIONS', 'GET']) {
    const r = await call(method, '/veeqo/channels', { Origin: 'https://evil.example', 'x-api-key': 'k' });
    assert.equal(r.status, 403, method);
    assert.equal(r.headers['access-control-allow-origin'], undefined);
  }
});

test('requests reach the API with CORS headers on success and on errors', async () => {
  const created = await call('POST', '/veeqo/channels',
    { Origin: ORIGIN, 'x-api-key': 'secret-key-abcdef', 'Content-Type': 'application/json' }, CHANNEL);
  assert.equal(created.status, 201, created.body);
  assert.equal(created.headers['access-control-allow-origin'], ORIGIN);
  assert.equal(JSON.parse(created.body).type_code, 'custom_integration');

  const missing = await call('GET', '/veeqo/orders/999?api_key=leak', { Origin: ORIGIN, 'x-api-key': 'secret-key-abcdef' });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['access-control-allow-origin'], ORIGIN, 'errors are readable by the page');

  const unauthorised = await call('GET', '/veeqo/channels', { Origin: ORIGIN });
  assert.equal(unauthorised.status, 401);

  const paged = await call('GET', '/veeqo/channels?page=1&page_size=10', { Origin: ORIGIN, 'x-api-key': 'k2' });
  assert.match(paged.headers['access-control-expose-headers'], /X-Total-Count/);
  assert.equal(paged.headers['x-total-count'], '1');
});

test('only allow-listed upstreams are forwarded', async () => {
  for (const path of ['/', '/etc/passwd', '/veeqox/channels', '/feedampx/orders']) {
    const r = await call('GET', path, { 'x-api-key': 'k' });
    assert.equal(r.status, 404, path);
  }
});

test('bodies over the limit get 413 before reaching the API', async () => {
  const big = 'x'.repeat(2 * 1024 * 1024);
  const r = await call('POST', '/veeqo/orders', { Origin: ORIGIN, 'x-api-key': 'k', 'Content-Type': 'application/json' }, big);
  assert.equal(r.status, 413);
});

test('cookies are neither forwarded nor set', async () => {
  const r = await call('GET', '/veeqo/channels', { Origin: ORIGIN, 'x-api-key': 'k3', Cookie: 'session=abc' });
  assert.equal(r.status, 200);
  assert.equal(r.headers['set-cookie'], undefined);
});

test('the access log holds no key, no Authorization and no query string', async () => {
  await call('GET', '/veeqo/channels?token=query-secret', { Origin: ORIGIN, 'x-api-key': 'log-secret-key', Authorization: 'Bearer log-secret-token' });
  await new Promise((r) => setTimeout(r, 100));
  const log = proxy.log();
  assert.match(log, /"GET \/veeqo\/channels" 200/);
  for (const secret of ['log-secret-key', 'log-secret-token', 'query-secret', 'secret-key-abcdef', 'api_key=leak']) {
    assert.ok(!log.includes(secret), `${secret} must not be logged`);
  }
});

test('FeedAMP: OAuth through the proxy, the secret in the body only, tokens never logged', async () => {
  // The authorize page is a top-level navigation: no Origin header.
  const page = await call('GET', '/feedamp/authorize?response_type=code&client_id=sandbox-client&redirect_url=https%3A%2F%2Fapp.example%2Fcb&state=proxy-state-0123456789');
  assert.equal(page.status, 200);
  const id = page.headers['x-sandbox-request'];
  const decision = await call('GET', `/feedamp/decision?request=${id}&approve=true`);
  assert.equal(decision.status, 302);
  const code = new URL(decision.headers.location).searchParams.get('code');
  const form = `grant_type=authorization_code&code=${code}&client_id=sandbox-client&client_secret=proxy-secret-xyz`;
  const bad = await call('POST', '/feedamp/access_token', { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, form);
  assert.equal(bad.status, 401, 'the sandbox checks the secret');
  assert.equal(bad.headers['access-control-allow-origin'], ORIGIN);
  const decision2 = await call('GET', `/feedamp/authorize?response_type=code&client_id=sandbox-client&redirect_url=https%3A%2F%2Fapp.example%2Fcb&state=proxy-state-0123456789`);
  const d2 = await call('GET', `/feedamp/decision?request=${decision2.headers['x-sandbox-request']}&approve=true`);
  const code2 = new URL(d2.headers.location).searchParams.get('code');
  const ok = await call('POST', '/feedamp/access_token', { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    `grant_type=authorization_code&code=${code2}&client_id=sandbox-client&client_secret=sandbox-secret`);
  assert.equal(ok.status, 200, ok.body);
  const { access_token } = JSON.parse(ok.body);
  const orders = await call('GET', '/feedamp/orders?page_size=10', { Origin: ORIGIN, Authorization: `Bearer ${access_token}` });
  assert.equal(orders.status, 200, orders.body);
  assert.equal(orders.headers['access-control-allow-origin'], ORIGIN);
  const preflight = await call('OPTIONS', '/feedamp/orders', { Origin: ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,content-type' });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers['access-control-allow-headers'], /Authorization/);
  await new Promise((r) => setTimeout(r, 100));
  const log = proxy.log();
  for (const secret of [access_token, 'sandbox-secret', 'proxy-secret-xyz', code2]) {
    assert.ok(!log.includes(secret), 'no token, secret or code in the log');
  }
});
