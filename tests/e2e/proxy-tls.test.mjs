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

function call(base, method, path, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', fail);
    req.end();
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
  assert.match(r.headers['access-control-expose-headers'], /^Retry-After, X-Total-Count$/);
  // What a client claims about itself does not reach the API.
  for (const h of ['x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'forwarded']) {
    assert.equal(api.seen[0].headers[h], undefined, h);
  }
});
