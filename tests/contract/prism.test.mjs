// Prism (@stoplight/prism-cli, pinned in tests/contract/package.json) mocks each API from
// its OpenAPI document, and checks every request it is sent against it. Every sample a
// kind's row names goes to that kind's endpoint as orderlint's client sends it (path ids,
// body, content type, the API's key or token, the JSON:API media type), and Prism must find
// nothing wrong: a 2xx and no `sl-violations` header; and the document must declare the
// content type each is sent with. A body of the wrong type at each operation, and one broken
// sample per API, must be refused, or Prism's validation is not on.
//
// scripts/test-contract writes the documents and runs this file; by hand:
//   CONTRACT_DOCS=dir-with-veeqo.json-and-feedamp.json ORDERLINT_BIN=target/debug/orderlint \
//     node --test tests/contract/prism.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATH_IDS, sample } from './samples.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BIN = resolve(ROOT, process.env.ORDERLINT_BIN || 'target/release/orderlint');
const DOCS = resolve(ROOT, process.env.CONTRACT_DOCS || 'target/contract');
const PRISM = join(HERE, 'node_modules/.bin/prism');

const APIS = { Veeqo: 'veeqo', FeedAMP: 'feedamp' };
// What the client puts on every request (any non-empty key and token do on a mock).
const API_KEY = 'contract-test-key';
const TOKEN = 'contract-test-token';
const JSON_API = 'application/vnd.api+json';

const table = JSON.parse(execFileSync(BIN, ['kinds', '--format', 'json'], { encoding: 'utf8' }));
const docs = {};
const mocks = {};

/** `prism mock` on a port of its choosing: its base URL once it listens, and the process. */
function startPrism(doc) {
  const child = spawn(PRISM, ['mock', doc, '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => fail(new Error('did not start within 60 s')), 60_000);
    const fail = (e) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`prism mock ${doc}: ${e.message}\n${out}`));
    };
    const read = (chunk) => {
      out += chunk;
      // "Prism is listening on http://127.0.0.1:PORT" (with colours when it likes).
      const m = out.replace(/\x1b\[[0-9;]*m/g, '').match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ url: m[1], child, log: () => out });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`exited with ${code} before listening`)));
  });
}

before(async () => {
  for (const name of Object.values(APIS)) {
    const doc = join(DOCS, `${name}.json`);
    if (!existsSync(doc)) throw new Error(`no OpenAPI document at ${doc} (scripts/test-contract writes it)`);
    docs[name] = JSON.parse(readFileSync(doc, 'utf8'));
  }
  if (!existsSync(PRISM)) throw new Error(`no Prism at ${PRISM}: npm ci --prefix tests/contract`);
  // Prism is given the documents as the CLI prints them. They declare no `jsonSchemaDialect`
  // (3.1's default is meant): Prism 5.14.2 stamps a declared one on every schema as
  // `$schema`, knows only json-schema.org's, and then validates nothing, silently
  // (stoplightio/prism#2797). The wrong-type requests below check every operation is.
  for (const n of Object.values(APIS)) {
    assert.equal(docs[n].jsonSchemaDialect, undefined, `${n}: a declared dialect turns Prism's validation off`);
  }
  const started = await Promise.all(Object.values(APIS).map((n) => startPrism(join(DOCS, `${n}.json`))));
  Object.values(APIS).forEach((n, i) => { mocks[n] = started[i]; });
});

after(() => {
  for (const m of Object.values(mocks)) m.child.kill();
});

/** A query kind's document as the query string the client sends (lists joined by commas). */
function queryString(doc) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(doc)) {
    const text = Array.isArray(v) ? v.join(',') : v === null ? '' : String(v);
    if (text !== '') q.append(k, text);
  }
  return q.toString();
}

/** The request orderlint's client makes of `payload` for a kind of `api` at `endpoint`. */
function request(api, body, endpoint, payload) {
  const [method, template] = endpoint.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_, name) => {
    const id = PATH_IDS[name];
    if (id === undefined) throw new Error(`no example id for the path parameter {${name}} of ${endpoint}: add it to path_ids in tests/contract/samples.json`);
    return encodeURIComponent(id);
  });
  const headers = {};
  let query = '';
  let data;
  if (api === 'veeqo') headers['x-api-key'] = API_KEY;
  // FeedAMP's OAuth endpoints take no token; every other one the seller's (api::feedamp::needs_token).
  const oauth = ['/access_token', '/authorize'].includes(template);
  if (api === 'feedamp' && !oauth) headers.authorization = `Bearer ${TOKEN}`;
  switch (body) {
    case 'query':
      query = queryString(payload);
      headers.accept = 'application/json';
      break;
    case 'url': // the authorize page's address: its query string, on the API's endpoint
      query = new URL(payload).search.slice(1);
      headers.accept = 'text/html';
      break;
    case 'form': { // the token request: empty fields are left out, as the client does
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(payload)) if (v !== null && v !== '') form.append(k, String(v));
      data = form.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.accept = 'application/json';
      break;
    }
    case 'json_api':
      data = JSON.stringify(payload);
      headers['content-type'] = JSON_API;
      headers.accept = JSON_API;
      break;
    default: // wrapped, object, error_report: JSON
      data = JSON.stringify(payload);
      headers['content-type'] = 'application/json';
      headers.accept = 'application/json';
  }
  return { method, path: query ? `${path}?${query}` : path, headers, data };
}

/** Sends `req` to the API's mock: the status, Prism's violations (parsed) and the body. */
async function send(api, req) {
  const res = await fetch(mocks[api].url + req.path, { method: req.method, headers: req.headers, body: req.data, redirect: 'manual' });
  const raw = res.headers.get('sl-violations');
  let violations = null;
  if (raw !== null) {
    try { violations = JSON.parse(raw); } catch { violations = [{ message: raw }]; }
  }
  return { status: res.status, violations, body: await res.text() };
}

/**
 * Why the document does not declare the media type `req` is sent with, or null. Prism takes
 * any `+json` type where `application/json` is declared (and the reverse), so a JSON:API
 * endpoint documented as plain JSON would pass it: this reads the document itself.
 */
function undeclaredMediaType(api, endpoint, req) {
  const type = req.headers['content-type'];
  if (!type) return null;
  const [method, template] = endpoint.split(' ');
  const op = docs[api].paths?.[template]?.[method.toLowerCase()];
  if (!op) return null; // Prism says it has no such operation
  const declared = Object.keys(op.requestBody?.content || {}).map((t) => t.split(';')[0].trim().toLowerCase());
  return declared.includes(type)
    ? null
    : `${endpoint}: the client sends Content-Type ${type}; the document's request body declares ${declared.join(', ') || 'none'}`;
}

const show = (req, res) => [
  `${req.method} ${req.path}`,
  `  headers: ${JSON.stringify(req.headers)}`,
  req.data === undefined ? null : `  body: ${req.data.length > 300 ? `${req.data.slice(0, 300)}…` : req.data}`,
  `  → ${res.status}`,
  ...(res.violations || []).map((v) => `  violation at ${(v.location || []).join('.')}: ${v.message}${v.code !== undefined ? ` (${v.code})` : ''}`),
  !res.violations && (res.status < 200 || res.status > 299) ? `  body: ${res.body.slice(0, 500)}` : null,
].filter((l) => l !== null).join('\n');

for (const kind of table) {
  const api = APIS[kind.api];
  if (!kind.samples.length) {
    test(`${kind.name}: no sample in its row, nothing to send (${kind.endpoints.join(', ')})`, { skip: 'the row names no sample' }, () => {});
    continue;
  }
  test(`${kind.name}: every sample passes Prism's request validation at ${kind.endpoints.join(', ')}`, async () => {
    const problems = [];
    for (const file of kind.samples) {
      for (const endpoint of kind.endpoints) {
        const req = request(api, kind.body, endpoint, sample(file));
        const res = await send(api, req);
        if (res.violations || res.status < 200 || res.status > 299) problems.push(`samples/${file}:\n${show(req, res)}`);
        const undeclared = undeclaredMediaType(api, endpoint, req);
        if (undeclared) problems.push(`samples/${file}: ${undeclared}`);
      }
    }
    assert.equal(problems.length, 0, `Prism refused, or the document does not declare, what the client sends:\n${problems.join('\n')}`);
  });
  if (!['query', 'url', 'form'].includes(kind.body)) {
    // A JSON body is an object or an array: a number is no kind's. Prism must say so, or it
    // is not applying this operation's schema at all.
    test(`${kind.name}: a body of the wrong type (42) is refused by Prism at ${kind.endpoints.join(', ')}`, async () => {
      for (const endpoint of kind.endpoints) {
        const req = { ...request(api, kind.body, endpoint, 0), data: '42' };
        const res = await send(api, req);
        assert.ok(res.violations && res.violations.some((v) => (v.location || []).includes('body')),
          `Prism did not check the body against the document:\n${show(req, res)}`);
      }
    });
  }
}

// A broken sample per API: Prism must answer it with its violations, or it checks nothing.
const BROKEN = [
  { kind: 'veeqo.channel', what: 'channel.name removed', breakIt: (s) => { delete s.channel.name; } },
  { kind: 'feedamp.order', what: 'order_lines removed', breakIt: (s) => { delete s.order_lines; } },
];
for (const { kind, what, breakIt } of BROKEN) {
  test(`${kind}: a broken sample (${what}) is refused by Prism`, async () => {
    const row = table.find((k) => k.name === kind);
    assert.ok(row && row.samples.length, `${kind} has no sample to break`);
    const payload = sample(row.samples[0]);
    breakIt(payload);
    const req = request(APIS[row.api], row.body, row.endpoints[0], payload);
    const res = await send(APIS[row.api], req);
    assert.ok(res.violations && res.violations.length, `no sl-violations for a broken ${kind}:\n${show(req, res)}`);
    assert.ok(res.status >= 400, `a broken ${kind} got ${res.status}:\n${show(req, res)}`);
  });
}
