// The npm package's sandbox as an integrator's suite uses it: the packed package installed
// in a scratch project, `npx orderlint sandbox --port 0` spawned, and both APIs driven with
// plain fetch (FeedAMP's OAuth walked through its sign-in pages as a client walks them);
// then `startSandbox` in-process, and the transport's own refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CALLBACK = 'https://marketplace.example/feedamp/callback';
let scratch, lib, server, base;

/** `npx orderlint ARGS` in the scratch project, to its end: `{ code, stdout, stderr }`. */
function npx(args) {
  return new Promise((done) => {
    const child = spawn('npx', ['--offline', 'orderlint', ...args], { cwd: scratch });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Starts `npx orderlint sandbox --port 0`: the child and the lines it printed on start. */
function serve() {
  const child = spawn('npx', ['--offline', 'orderlint', 'sandbox', '--port', '0'], { cwd: scratch });
  let out = '';
  return new Promise((ready, failed) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.split('\n').length > 3) ready({ child, lines: out.split('\n').slice(0, 3) });
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code) => failed(new Error(`the sandbox exited (${code}) before it listened: ${out}`)));
  });
}

before(async () => {
  const pkg = join(ROOT, 'js/pkg');
  assert.ok(existsSync(join(pkg, 'sandbox/orderlint_js_sandbox_bg.wasm')), 'build it first: scripts/build-js');
  scratch = mkdtempSync(join(tmpdir(), 'orderlint-sandbox-'));
  const packed = execFileSync('npm', ['pack', pkg, '--pack-destination', scratch, '--silent'], { encoding: 'utf8' });
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'a-suite', private: true }));
  const tgz = join(scratch, packed.trim().split('\n').pop());
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tgz], { cwd: scratch, stdio: 'pipe' });
  // As an ES module suite imports it (Node's `node` condition: the CommonJS entry).
  writeFileSync(join(scratch, 'suite.mjs'), "export * from 'orderlint';\n");
  lib = await import(pathToFileURL(join(scratch, 'suite.mjs')).href);
  server = await serve();
  const port = Number(server.lines[0].match(/^orderlint sandbox listening on http:\/\/127\.0\.0\.1:(\d+)$/)[1]);
  base = `http://127.0.0.1:${port}`;
});

after(async () => {
  if (!server) return;
  // As a suite stops it: a SIGTERM to the npx it spawned. The sandbox below npx goes too.
  server.child.kill('SIGTERM');
  assert.ok(await stops(base), 'the sandbox stopped with npx');
  rmSync(scratch, { recursive: true, force: true });
});

/** Whether the server at `url` stops answering within five seconds. */
async function stops(url) {
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(url);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** A sample payload of the repository's, its `{{placeholders}}` filled. */
function sample(name, vars = {}) {
  return readFileSync(join(ROOT, 'samples', name), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k] ?? _);
}

async function veeqo(method, path, body) {
  const r = await fetch(`${base}/veeqo${path}`, {
    method, body, headers: { 'x-api-key': 'a-test-key', 'content-type': 'application/json' },
  });
  return { status: r.status, headers: r.headers, body: await r.json() };
}

test('npx orderlint sandbox prints the CLI\'s lines on start; --help the flags; misuse exits 2', async () => {
  const port = base.split(':').pop();
  assert.deepEqual(server.lines, [
    `orderlint sandbox listening on http://127.0.0.1:${port}`,
    `  Veeqo API: http://127.0.0.1:${port}/veeqo (any non-empty x-api-key)`,
    `  FeedAMP API: http://127.0.0.1:${port}/feedamp (client sandbox-client / sandbox-secret)`,
  ]);
  const help = await npx(['sandbox', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^Usage: orderlint sandbox [\s\S]*--port N[\s\S]*--unkind LIST/);
  const unknown = await npx(['lint']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "lint"[\s\S]*Usage: orderlint sandbox/);
  // The flags are read by the Rust side's one parser, its message passed on.
  const bad = await npx(['sandbox', '--port', 'eighty']);
  assert.deepEqual([bad.code, bad.stdout], [2, '']);
  assert.match(bad.stderr, /^orderlint: .*--port.*"eighty"/);
  const busy = await npx(['sandbox', '--port', port]);
  assert.equal(busy.code, 2);
  assert.match(busy.stderr, new RegExp(`cannot serve on 127.0.0.1:${port}: .*EADDRINUSE`));
});

test('Ctrl-C and SIGTERM close the sandbox cleanly: exit 0', async () => {
  const bin = join(scratch, 'node_modules/.bin/orderlint');
  for (const signal of ['SIGINT', 'SIGTERM']) {
    const child = spawn(bin, ['sandbox', '--port', '0']);
    const first = await new Promise((r) => child.stdout.once('data', (d) => r(String(d))));
    const url = first.match(/(http:\S+)/)[1];
    assert.equal((await fetch(`${url}/veeqo/channels`)).status, 401);
    const exited = new Promise((r) => child.on('exit', (code, sig) => r([code, sig])));
    child.kill(signal);
    assert.deepEqual(await exited, [0, null], signal);
    assert.ok(await stops(url), signal);
  }
});

test('Veeqo: a key is required; a channel, a product and an order are created and read back', async () => {
  const anonymous = await fetch(`${base}/veeqo/orders`);
  assert.equal(anonymous.status, 401);
  assert.match((await anonymous.json()).error_messages, /x-api-key/);

  const channel = await veeqo('POST', '/channels', sample('veeqo/channel.json'));
  assert.equal(channel.status, 201, JSON.stringify(channel.body));
  const product = await veeqo('POST', '/products', sample('veeqo/product.json'));
  assert.equal(product.status, 201, JSON.stringify(product.body));
  const vars = {
    channel_id: channel.body.id, sellable_id: product.body.sellables[0].id,
    amazon_order_number: '112-7654321-7654321', amazon_line_item_id: '12345678901234',
  };
  const order = await veeqo('POST', '/orders', sample('veeqo/order.json', vars));
  assert.equal(order.status, 201, JSON.stringify(order.body));
  const read = await veeqo('GET', `/orders/${order.body.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.body.number, '112-7654321-7654321');
  assert.equal(read.body.channel.id, channel.body.id);
});

test('Veeqo: a scheduled 429 carries Retry-After, and the request then succeeds', async () => {
  const fault = { method: 'GET', path: '/channels', status: 429, retry_after_s: 2 };
  const scheduled = await veeqo('POST', '/_sandbox/faults', JSON.stringify(fault));
  assert.equal(scheduled.status, 201, JSON.stringify(scheduled.body));
  const limited = await veeqo('GET', '/channels');
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '2');
  assert.match(limited.body.error_messages, /Rate limit/);
  const again = await veeqo('GET', '/channels');
  assert.equal(again.status, 200);
});

/** A form's hidden field on a page. */
function hidden(html, name) {
  const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  assert.ok(m, `no ${name} on ${html}`);
  return m[1];
}

/** Posts a form as the seller's browser does on the sandbox's origin. */
function postForm(url, fields, cookie) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: base };
  if (cookie) headers.cookie = cookie;
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers, redirect: 'manual' });
}

function tokenRequest(fields) {
  const body = new URLSearchParams({ client_id: 'sandbox-client', client_secret: 'sandbox-secret', ...fields });
  return fetch(`${base}/feedamp/access_token`, { method: 'POST', body });
}

/** FeedAMP's OAuth as a client walks it: authorize, sign in, consent, the code traded. */
async function connect() {
  const state = `st-${Date.now()}-0123456789abcdef`;
  const authorize = new URL(`${base}/feedamp/authorize`);
  authorize.search = new URLSearchParams({ response_type: 'code', client_id: 'sandbox-client', redirect_url: CALLBACK, state });
  const signIn = await fetch(authorize, { redirect: 'manual' });
  assert.equal(signIn.status, 200);
  const signInPage = await signIn.text();
  assert.match(signInPage, /<form method="post" action="login">/);
  const request = hidden(signInPage, 'request');

  const login = await postForm(new URL('login', authorize), {
    username: 'seller@sandbox.example', password: 'sandbox-password', request,
  });
  assert.equal(login.status, 303);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  assert.match(cookie, /^feedamp_session=/);
  const consentUrl = new URL(login.headers.get('location'), login.url || new URL('login', authorize));
  const consent = await fetch(consentUrl, { headers: { cookie }, redirect: 'manual' });
  assert.equal(consent.status, 200);
  const consentPage = await consent.text();
  assert.match(consentPage, /action="decision"/);

  const decision = await postForm(new URL('decision', consentUrl), {
    request, csrf_token: hidden(consentPage, 'csrf_token'), approve: 'true',
  }, cookie);
  assert.ok([302, 303].includes(decision.status), `${decision.status}`);
  const back = new URL(decision.headers.get('location'));
  assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
  assert.equal(back.searchParams.get('state'), state);
  const exchanged = await tokenRequest({ grant_type: 'authorization_code', code: back.searchParams.get('code') });
  assert.equal(exchanged.status, 200);
  return exchanged.json();
}

function placeOrder(number, token) {
  const order = { ...JSON.parse(sample('feedamp/order.json')), mp_order_number: number };
  return fetch(`${base}/feedamp/orders/${number}`, {
    method: 'PUT', body: JSON.stringify(order),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

test('FeedAMP: OAuth through the sign-in pages, an order placed, a refresh that rotates the refresh token', async () => {
  const tokens = await connect();
  assert.equal(tokens.token_type, 'Bearer');
  assert.equal((await placeOrder('MP-1001', 'not-a-token')).status, 401);
  const placed = await placeOrder('MP-1001', tokens.access_token);
  assert.ok([200, 201].includes(placed.status), await placed.text());

  const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
  assert.equal(refreshed.status, 200);
  const renewed = await refreshed.json();
  assert.notEqual(renewed.refresh_token, tokens.refresh_token);
  const reused = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
  assert.equal(reused.status, 400);
  assert.equal((await reused.json()).error, 'invalid_grant');
  const read = await fetch(`${base}/feedamp/orders/MP-1001`, { headers: { authorization: `Bearer ${renewed.access_token}` } });
  assert.equal(read.status, 200);
  assert.equal((await read.json()).mp_order_number, 'MP-1001');
});

test('a slow answer (a fault\'s delay_ms) holds up no other request', async () => {
  const fault = { method: 'GET', path: '/channels', delay_ms: 1500 };
  assert.equal((await veeqo('POST', '/_sandbox/faults', JSON.stringify(fault))).status, 201);
  const t0 = Date.now();
  const finished = [];
  const slow = veeqo('GET', '/channels').then((r) => finished.push(['slow', r.status, Date.now() - t0]));
  await new Promise((r) => setTimeout(r, 100)); // the slow one is in
  const quick = fetch(`${base}/feedamp/authorize?response_type=code`).then((r) => finished.push(['quick', r.status, Date.now() - t0]));
  await Promise.all([slow, quick]);
  assert.deepEqual(finished.map(([name, status]) => [name, status]), [['quick', 400], ['slow', 200]]);
  assert.ok(finished[0][2] < 1000, `the quick one took ${finished[0][2]} ms`);
  assert.ok(finished[1][2] >= 1500, `the slow one took ${finished[1][2]} ms`);
});

test('the transport refuses as orderlint sandbox does: 413 over 5 MiB, 400 not UTF-8, 405', async () => {
  const over = 'x'.repeat(5 * 1024 * 1024 + 1);
  const declared = await fetch(`${base}/veeqo/orders`, { method: 'POST', body: over, headers: { 'x-api-key': 'k' } });
  assert.equal(declared.status, 413);
  assert.deepEqual(await declared.json(), { status: 413, error: 'the body is larger than 5 MiB' });
  // Sent in chunks, with no length declared: refused once it passes the cap.
  const chunks = new ReadableStream({
    pull(c) { c.enqueue(new TextEncoder().encode('x'.repeat(1024 * 1024))); },
  });
  const streamed = await fetch(`${base}/veeqo/orders`, { method: 'POST', body: chunks, duplex: 'half', headers: { 'x-api-key': 'k' } });
  assert.equal(streamed.status, 413);
  const latin1 = await fetch(`${base}/veeqo/channels`, { method: 'POST', body: Buffer.from([0x7b, 0xe9, 0x7d]), headers: { 'x-api-key': 'k' } });
  assert.deepEqual([latin1.status, await latin1.json()], [400, { status: 400, error: 'the body is not UTF-8' }]);
  const options = await fetch(`${base}/veeqo/channels`, { method: 'OPTIONS' });
  assert.deepEqual([options.status, await options.json()], [405, { status: 405, error: 'method not allowed' }]);
  assert.equal((await veeqo('GET', '/channels')).status, 200, 'it still serves');
});

test('startSandbox serves in-process, closes, and rejects a bad flag with its message', async () => {
  assert.equal(typeof lib.validate, 'function', 'the rule engine beside it');
  const sandbox = await lib.startSandbox({ port: 0 });
  assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(sandbox.url, `http://127.0.0.1:${sandbox.port}`);
  const r = await fetch(`${sandbox.url}/veeqo/channels`, { headers: { 'x-api-key': 'k' } });
  assert.deepEqual([r.status, await r.json()], [200, []]);
  await sandbox.close();
  await assert.rejects(fetch(`${sandbox.url}/veeqo/channels`), 'closed');
  await assert.rejects(lib.startSandbox({ port: 0, args: ['--frobnicate'] }), /--frobnicate/);
  await assert.rejects(lib.startSandbox({ args: '--port 0' }), /args must be an array of strings/);
});

test('--seed starts with the README\'s ids; a state saved over HTTP starts another sandbox; an unreadable --state is named', async () => {
  const seeded = await lib.startSandbox({ port: 0, args: ['--seed', '--no-rate-limit'] });
  const key = { headers: { 'x-api-key': 'k' } };
  const channel = await (await fetch(`${seeded.url}/veeqo/channels/1000001`, key)).json();
  assert.equal(channel.type_code, 'custom_integration');
  const order = await (await fetch(`${seeded.url}/veeqo/orders/1000006`, key)).json();
  assert.equal(order.number, '112-0000000-0000001');
  const state = await (await fetch(`${seeded.url}/veeqo/_sandbox/state`)).text();
  await seeded.close();
  const file = join(scratch, 'kept-state.json');
  writeFileSync(file, state);
  const again = await lib.startSandbox({ port: 0, args: ['--state', file] });
  const back = await (await fetch(`${again.url}/veeqo/orders/1000006`, key)).json();
  assert.deepEqual(back, order);
  await again.close();
  const missing = join(scratch, 'no-such-state.json');
  await assert.rejects(lib.startSandbox({ port: 0, args: ['--state', missing] }),
    new RegExp(`^Error: --state "${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}": cannot be read \\(ENOENT`));
  const npxMissing = await npx(['sandbox', '--port', '0', '--state', missing]);
  assert.equal(npxMissing.code, 2);
  assert.match(npxMissing.stderr, /--state ".*no-such-state\.json": cannot be read/);
});

test('the rule engine alone never loads the simulators', () => {
  const loaded = execFileSync('node', ['-e', `
    const { validate } = require('orderlint');
    validate('veeqo.channel', '{}');
    console.log(Object.keys(require.cache).filter((f) => f.includes('orderlint_js_sandbox')).length);
  `], { cwd: scratch, encoding: 'utf8' });
  assert.equal(loaded.trim(), '0');
});
