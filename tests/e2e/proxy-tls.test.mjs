// The proxy verifies the API's certificate before a byte of a request leaves: an upstream
// nothing vouches for gets no request and no key; one the configured CAs vouch for works.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { makeCerts, startHttpsUpstream, startNginx } from './harness.mjs';

const ORIGIN = 'http://127.0.0.1:1';
const certs = makeCerts();
const running = [];
after(() => running.forEach((s) => s()));

/** A raw request: the path goes out as written (a URL string would resolve %2E%2E first). */
function call(base, method, path, headers = {}, body) {
  const { hostname, port } = new URL(base);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

test('an upstream with a self-signed certificate gets nothing: no request, no key', async () => {
  const mitm = await startHttpsUpstream(certs.selfSigned);
  const proxy = await startNginx({ origin: ORIGIN, upstream: mitm.url });
  running.push(mitm.close, proxy.stop);
  const r = await call(proxy.url, 'GET', '/veeqo/channels', { Origin: ORIGIN, 'x-api-key': 'live-key-123456' });
  assert.equal(r.status, 502, 'the proxy refuses the handshake');
  assert.equal(mitm.seen.length, 0, 'not one request reached the impostor');
  const r2 = await call(proxy.url, 'POST', '/feedamp/access_token', { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(r2.status, 502);
  assert.equal(mitm.seen.length, 0);
});

test('an upstream whose certificate the configured CAs vouch for is reached', async () => {
  const api = await startHttpsUpstream(certs.signed);
  const proxy = await startNginx({ origin: ORIGIN, upstream: api.url, caBundle: certs.caFile });
  running.push(api.close, proxy.stop);
  const r = await call(proxy.url, 'GET', '/veeqo/channels', {
    Origin: ORIGIN, 'x-api-key': 'live-key-123456',
    'X-Forwarded-For': '6.6.6.6', 'X-Forwarded-Host': 'evil.example', 'X-Real-IP': '6.6.6.6', Forwarded: 'for=6.6.6.6',
  });
  assert.equal(r.status, 200, r.body);
  assert.equal(api.seen.length, 1);
  assert.equal(api.seen[0].url, '/veeqo/channels');
  assert.equal(api.seen[0].headers['x-api-key'], 'live-key-123456');
  // The page sees only the proxy's CORS headers, never the API's own.
  assert.equal(r.headers['access-control-allow-origin'], ORIGIN);
  assert.equal(r.headers['access-control-allow-credentials'], undefined);
  assert.equal(r.headers['access-control-allow-headers'], undefined);
  assert.equal(r.headers['access-control-allow-methods'], undefined);
  assert.equal(r.headers['access-control-expose-headers'], 'Retry-After, X-Total-Count, X-Orderlint-Redirected-To');
  // What a client claims about itself does not reach the API.
  for (const h of ['x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'forwarded']) {
    assert.equal(api.seen[0].headers[h], undefined, h);
  }
});

test('an id cannot rewrite the path: encoded separators, dots and controls never leave', async () => {
  const api = await startHttpsUpstream(certs.signed);
  const proxy = await startNginx({ origin: ORIGIN, upstream: api.url, caBundle: certs.caFile });
  running.push(api.close, proxy.stop);
  for (const path of [
    '/feedamp/orders/A1%2Frefunds%2F1005%2Fcomplete',
    '/feedamp/orders/A1%2frefunds%2f1005%2fcomplete',
    '/feedamp/orders/%2E%2E/refunds',
    '/veeqo/orders/1%5C..%5Cchannels',
    '/feedamp/orders/A1%0D%0AX-Injected:%201',
  ]) {
    const r = await call(proxy.url, 'PUT', path, { Origin: ORIGIN, Authorization: 'Bearer live-token' });
    assert.equal(r.status, 400, path);
    assert.match(r.body, /would change it on the way; refused/);
    assert.equal(r.headers['access-control-allow-origin'], ORIGIN, 'the page can read why');
  }
  assert.equal(api.seen.length, 0, 'none reached the API');
  // Queries may hold encoded characters; so may a plain id.
  const ok = await call(proxy.url, 'GET', '/feedamp/orders/A1-1005?cursor=a%2Fb', { Origin: ORIGIN, Authorization: 'Bearer t' });
  assert.equal(ok.status, 200);
  assert.deepEqual(api.seen.map((s) => s.url), ['/feedamp/orders/A1-1005?cursor=a%2Fb']);
});

test('the token location is no open mint: a listed Origin is required, and it is rate-limited', async () => {
  const api = await startHttpsUpstream(certs.signed);
  const proxy = await startNginx({ origin: ORIGIN, upstream: api.url, caBundle: certs.caFile, secret: 'proxy-held-secret' });
  running.push(api.close, proxy.stop);
  const form = 'grant_type=refresh_token&refresh_token=stolen&client_id=c';
  const post = (headers) => call(proxy.url, 'POST', '/feedamp/access_token',
    { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, form);
  // curl with no Origin, or a page from elsewhere: refused, and the secret never added.
  assert.equal((await post({})).status, 403);
  assert.equal((await post({ Origin: 'https://evil.example' })).status, 403);
  assert.equal(api.seen.length, 0);
  // The page: forwarded with the secret appended.
  const r = await post({ Origin: ORIGIN });
  assert.equal(r.status, 200);
  assert.equal(api.seen[0].body, `${form}&client_secret=proxy-held-secret`);
  // A flood from one address: past the burst, 429 without reaching the API.
  const statuses = [];
  for (let i = 0; i < 15; i++) statuses.push((await post({ Origin: ORIGIN })).status);
  assert.ok(statuses.includes(429), statuses.join(' '));
  assert.ok(api.seen.length <= 11, `at most the burst reached the API: ${api.seen.length}`);
});
