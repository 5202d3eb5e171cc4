// The production proxy config, run by a real nginx in front of the sandbox (and of small
// upstreams that misbehave as the sandbox will not): allow-list, CORS for configured
// origins only, preflight, body limits, no cookies, no secrets logged, no redirect passed
// on, no answer cached or live on the proxy's origin, the token location's narrow door.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSandbox, startNginx, startHttpUpstream, launchBrowser, takeCspViolations } from './harness.mjs';

const ORIGIN = 'http://127.0.0.1:1';
let sandbox, proxy;
const running = [];

before(async () => {
  sandbox = await startSandbox();
  proxy = await startNginx({ origin: ORIGIN, upstream: sandbox.url });
});
after(() => {
  running.forEach((stop) => stop());
  proxy?.stop();
  sandbox?.stop();
});

/**
 * A raw request to `base` (node's fetch would refuse to set Origin the way a browser
 * does); `body` an array is sent in chunks, without a Content-Length.
 */
function callAt(base, method, path, headers = {}, body) {
  return new Promise((ok, fail) => {
    // A connection of its own (no keep-alive): a request nginx refuses before reading its
    // body must not leave that body in front of the next request on a reused socket
    // (it once made a PATCH here read 400 instead of 405).
    const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', fail);
    for (const part of [body ?? []].flat()) req.write(part);
    req.end();
  });
}

/** A raw request to the proxy in front of the sandbox. */
const call = (...args) => callAt(proxy.url, ...args);

/** An upstream answering as `answer` does, behind a proxy of its own (holding `secret`). */
async function behindProxy(answer, secret, origin = ORIGIN) {
  const api = await startHttpUpstream(answer);
  const p = await startNginx({ origin, upstream: api.url, secret });
  running.push(api.close, p.stop);
  return { api, proxy: p };
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

test('OAuth\'s front channel is refused: the seller signs in on FeedAMP\'s own domain', async () => {
  const before = (await callAt(sandbox.url, 'GET', '/feedamp/_sandbox/requests')).body;
  const query = '?response_type=code&client_id=sandbox-client&redirect_url=https%3A%2F%2Fapp.example%2Fcb&state=proxy-state-0123456789';
  for (const path of ['/feedamp/authorize', `/feedamp/authorize${query}`, '/feedamp/login', '/feedamp/consent',
    '/feedamp/decision?request=1&approve=true', '/feedamp/Authorize', '/feedamp/authorize/', '/feedamp//login']) {
    for (const [method, headers] of [['GET', {}], ['GET', { Origin: ORIGIN }], ['POST', { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }]]) {
      const r = await call(method, path, headers, method === 'POST' ? 'username=seller&password=pw' : undefined);
      const said = `${method} ${path} ${headers.Origin ? 'with' : 'without'} Origin`;
      assert.equal(r.status, 404, said);
      assert.match(r.headers['content-type'], /^text\/plain/, said);
      assert.match(r.body, /signs in on FeedAMP's own domain, not through this proxy/, said);
      assert.match(r.body, /FeedAMP sign-in address/, said);
      if (headers.Origin) assert.equal(r.headers['access-control-allow-origin'], ORIGIN, `${said}: the page can read why`);
    }
  }
  assert.equal((await callAt(sandbox.url, 'GET', '/feedamp/_sandbox/requests')).body, before, 'none reached the API');
  // The API's own paths still pass, those with a refused name inside them too.
  const orders = await call('GET', '/feedamp/orders', { Origin: ORIGIN, Authorization: 'Bearer no-such-token' });
  assert.equal(orders.status, 401, orders.body);
  assert.equal(orders.headers['access-control-allow-origin'], ORIGIN);
  await proxy.logged(/"GET \/feedamp\/orders" 401/);
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

/** A code the seller granted: the front channel goes to FeedAMP itself, not through the proxy. */
async function grantedCode() {
  const authorize = await callAt(sandbox.url, 'GET', '/feedamp/authorize?response_type=code&client_id=sandbox-client&redirect_url=https%3A%2F%2Fapp.example%2Fcb&state=proxy-state-0123456789');
  assert.equal(authorize.status, 200);
  const decision = await callAt(sandbox.url, 'GET', `/feedamp/decision?request=${authorize.headers['x-sandbox-request']}&approve=true`);
  assert.equal(decision.status, 302);
  return new URL(decision.headers.location).searchParams.get('code');
}

test('FeedAMP: OAuth through the proxy, the secret in the body only, tokens never logged', async () => {
  const code = await grantedCode();
  const form = `grant_type=authorization_code&code=${code}&client_id=sandbox-client&client_secret=proxy-secret-xyz`;
  const bad = await call('POST', '/feedamp/access_token', { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, form);
  assert.equal(bad.status, 401, 'the sandbox checks the secret');
  assert.equal(bad.headers['access-control-allow-origin'], ORIGIN);
  const code2 = await grantedCode();
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

const REDIRECTED = (to) => `The API answered with a redirect to ${to}; the proxy passes no redirect, so no key or order goes to another host.`;

test('an upstream redirect is never passed on: 502 naming where it pointed, nothing sent there', async () => {
  const elsewhere = await startHttpUpstream((_, res) => res.end('{}'));
  // The page's origin, a real one on loopback (Chromium lets only such a page call loopback).
  const site = await startHttpUpstream((_, res) => res.end('<!doctype html><title>page</title>'));
  running.push(elsewhere.close, site.close);
  let code = 307;
  const { api, proxy: p } = await behindProxy((got, res) => {
    res.writeHead(code, { Location: `${elsewhere.url}/collect${got.url}`, 'Content-Type': 'text/html' });
    res.end('<a href="elsewhere">moved</a>');
  }, undefined, site.url);
  for (code of [301, 302, 303, 307, 308]) {
    const r = await callAt(p.url, 'POST', '/veeqo/orders',
      { Origin: site.url, 'x-api-key': 'live-key-123456', 'Content-Type': 'application/json' }, '{"order":{}}');
    assert.equal(r.status, 502, `${code} became ${r.status}`);
    assert.equal(r.headers.location, undefined, 'no Location to follow');
    assert.equal(r.headers['x-orderlint-redirected-to'], `${elsewhere.url}/collect/veeqo/orders`);
    assert.equal(r.body, REDIRECTED(`${elsewhere.url}/collect/veeqo/orders`));
    assert.equal(r.headers['content-type'], 'text/plain');
    // The page can read it: its origin, and the header exposed.
    assert.equal(r.headers['access-control-allow-origin'], site.url);
    assert.match(r.headers['access-control-expose-headers'], /(^|, )X-Orderlint-Redirected-To(,|$)/);
    assert.equal(r.headers['cache-control'], 'no-store');
  }
  // The token location too, with the client secret the proxy would have added.
  const t = await callAt(p.url, 'POST', '/feedamp/access_token',
    { Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded' }, 'grant_type=refresh_token&refresh_token=r');
  assert.equal(t.status, 502);
  assert.equal(t.headers['x-orderlint-redirected-to'], `${elsewhere.url}/collect/feedamp/access_token`);
  assert.equal(api.seen.length, 6);

  // Chromium, which follows a 307 with x-api-key and the body, has nothing to follow.
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    const seen = await page.evaluate(async (url) => {
      const r = await fetch(url, { method: 'POST', headers: { 'x-api-key': 'live-key-123456', 'Content-Type': 'application/json' }, body: '{"order":{}}' });
      return { status: r.status, to: r.headers.get('X-Orderlint-Redirected-To'), body: await r.text() };
    }, `${p.url}/veeqo/orders`);
    assert.deepEqual(seen, { status: 502, to: `${elsewhere.url}/collect/veeqo/orders`, body: REDIRECTED(`${elsewhere.url}/collect/veeqo/orders`) });
  } finally {
    await browser.close();
  }
  assert.equal(api.seen.length, 7, 'the API got the request');
  assert.equal(elsewhere.seen.length, 0, 'no request, no key, no order reached the other host');
});

test('the API\'s other answers pass unchanged: errors with their bodies, a 201 with its Location', async () => {
  const { proxy: p } = await behindProxy((got, res) => {
    const status = Number(got.url.split('/').pop());
    const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '7' };
    if (status === 201) headers.Location = 'https://api.example/orders/5';
    res.writeHead(status, headers);
    res.end(JSON.stringify({ status, errors: ['as the API wrote it'], html: '<b>x</b>' }));
  });
  for (const status of [201, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503]) {
    const r = await callAt(p.url, 'POST', `/veeqo/answer/${status}`, { Origin: ORIGIN, 'x-api-key': 'k' }, '{}');
    assert.equal(r.status, status);
    assert.equal(r.body, JSON.stringify({ status, errors: ['as the API wrote it'], html: '<b>x</b>' }), `${status}'s body`);
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.headers['retry-after'], '7');
    assert.equal(r.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(r.headers['x-orderlint-redirected-to'], undefined, `${status} names no redirect`);
  }
  const created = await callAt(p.url, 'POST', '/veeqo/answer/201', { Origin: ORIGIN, 'x-api-key': 'k' }, '{}');
  assert.equal(created.headers.location, 'https://api.example/orders/5', 'a 201\'s Location is no redirect');
});

test('the sandbox\'s faults through the proxy: its redirect becomes a 502, its 503 page and 429 pass as they came', async () => {
  const fault = async (f) => {
    const r = await callAt(sandbox.url, 'POST', '/veeqo/_sandbox/faults', { 'Content-Type': 'application/json' }, JSON.stringify(f));
    assert.equal(r.status, 201, r.body);
  };
  const key = { Origin: ORIGIN, 'x-api-key': 'fault-key-1', 'Content-Type': 'application/json' };
  await fault({ method: 'POST', path: '/channels', status: 307, redirect: 'https://collector.example/channels' });
  const moved = await call('POST', '/veeqo/channels', key, CHANNEL);
  assert.equal(moved.status, 502);
  assert.equal(moved.headers['x-orderlint-redirected-to'], 'https://collector.example/channels');
  assert.equal(moved.body, REDIRECTED('https://collector.example/channels'));
  for (const f of [{ status: 503, retry_after_s: 5 }, { status: 429, retry_after_s: 3 }, { status: 500 }]) {
    await fault({ method: 'GET', path: '/channels', ...f });
    const direct = await callAt(sandbox.url, 'GET', '/veeqo/channels', { 'x-api-key': 'fault-key-1' });
    await fault({ method: 'GET', path: '/channels', ...f });
    const proxied = await call('GET', '/veeqo/channels', key);
    assert.equal(proxied.status, f.status);
    assert.equal(proxied.body, direct.body, `${f.status}: the body as the API sent it`);
    assert.equal(proxied.headers['content-type'], direct.headers['content-type']);
    assert.equal(proxied.headers['retry-after'], direct.headers['retry-after']);
  }
});

const SANDBOXED = "sandbox; default-src 'none'; frame-ancestors 'none'";

test('no answer is cached, sniffed, or live as a page on the proxy\'s origin', async () => {
  const { proxy: p } = await behindProxy((got, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'public, max-age=86400', Expires: 'Thu, 01 Jan 2099 00:00:00 GMT',
      'X-Content-Type-Options': 'none', 'Content-Security-Policy': "script-src 'unsafe-inline'" });
    res.end('<!doctype html><title>upstream</title><script>document.title = "ran"</script>');
  });
  const answers = {
    'the API\'s page': await callAt(p.url, 'GET', '/veeqo/page', { Origin: ORIGIN, 'x-api-key': 'k' }),
    'a preflight': await callAt(p.url, 'OPTIONS', '/veeqo/page', { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' }),
    'another origin': await callAt(p.url, 'GET', '/veeqo/page', { Origin: 'https://evil.example' }),
    'an unlisted path': await callAt(p.url, 'GET', '/other'),
    'an encoded separator': await callAt(p.url, 'GET', '/veeqo/a%2Fb', { Origin: ORIGIN }),
    'a body too large': await callAt(p.url, 'POST', '/veeqo/orders', { Origin: ORIGIN, 'Content-Length': 2 * 1024 * 1024 }),
  };
  for (const [what, r] of Object.entries(answers)) {
    assert.equal(r.headers['cache-control'], 'no-store', what);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', what);
    assert.equal(r.headers['content-security-policy'], SANDBOXED, what);
    assert.equal(r.headers.expires, undefined, what);
  }
  assert.deepEqual(Object.values(answers).map((r) => r.status), [200, 204, 403, 404, 400, 413]);
  // Opened in Chromium (a navigation sends no Origin, so it is forwarded), its script never runs.
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${p.url}/veeqo/page`);
    assert.equal(await page.title(), 'upstream');
    await takeCspViolations(); // the refused script, as intended
  } finally {
    await browser.close();
  }
});

test('the token location takes only a POSTed form when it holds the secret, in memory, 16 KB at most', async () => {
  const SECRET = '&client_secret=proxy-held-secret';
  const { api, proxy: p } = await behindProxy((_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"access_token":"a"}');
  }, 'proxy-held-secret');
  const token = (method, type, body) => callAt(p.url, method, '/feedamp/access_token',
    { Origin: ORIGIN, ...(type ? { 'Content-Type': type } : {}) }, body);
  const form = 'grant_type=refresh_token&refresh_token=r1&client_id=c';

  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    const r = await token(method, 'application/x-www-form-urlencoded', method === 'GET' ? undefined : form);
    assert.equal(r.status, 405, method);
    assert.equal(r.body, 'orderlint proxy: the token endpoint takes POST only; refused.\n');
    assert.equal(r.headers['access-control-allow-origin'], ORIGIN, 'the page can read why');
  }
  for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x', undefined]) {
    const r = await token('POST', type, form);
    assert.equal(r.status, 415, String(type));
    assert.match(r.body, /takes an application\/x-www-form-urlencoded form only; refused/);
  }
  assert.equal(api.seen.length, 0, 'no refused request reached FeedAMP, with or without the secret');
  assert.equal((await callAt(p.url, 'OPTIONS', '/feedamp/access_token', { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' })).status, 204);

  // A form, however its type is spelled, and the largest body taken: sent whole, the secret after it.
  const largest = `${form}&pad=${'x'.repeat(16 * 1024 - form.length - 5)}`;
  assert.equal(largest.length, 16 * 1024);
  for (const [type, body] of [['application/x-www-form-urlencoded; charset=UTF-8', form], ['Application/X-WWW-Form-URLEncoded', form],
    ['application/x-www-form-urlencoded', largest], ['application/x-www-form-urlencoded', [largest.slice(0, 9000), largest.slice(9000)]]]) {
    const before = api.seen.length;
    const r = await token('POST', type, body);
    assert.equal(r.status, 200, type);
    assert.equal(api.seen.length, before + 1);
    assert.equal(api.seen.at(-1).body, [body].flat().join('') + SECRET, `${type}: the form whole, then the secret`);
  }
  // One byte more, announced or chunked: 413, and nothing reaches FeedAMP (not the secret alone).
  const before = api.seen.length;
  for (const body of [`${largest}x`, [largest.slice(0, 9000), `${largest.slice(9000)}x`]]) {
    const r = await token('POST', 'application/x-www-form-urlencoded', body);
    assert.equal(r.status, 413);
    assert.equal(r.headers['access-control-allow-origin'], ORIGIN);
  }
  assert.equal(api.seen.length, before);
});

test('without the secret the token location passes what the page sends, within the same 16 KB', async () => {
  const { api, proxy: p } = await behindProxy((_, res) => res.end('{}'));
  const r = await callAt(p.url, 'POST', '/feedamp/access_token', { Origin: ORIGIN, 'Content-Type': 'application/json' }, '{"grant_type":"x"}');
  assert.equal(r.status, 200);
  assert.equal(api.seen[0].body, '{"grant_type":"x"}', 'nothing appended');
  const big = await callAt(p.url, 'POST', '/feedamp/access_token', { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, 'a'.repeat(16 * 1024 + 1));
  assert.equal(big.status, 413);
  assert.equal(api.seen.length, 1);
});
