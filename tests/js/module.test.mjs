// The npm package as a user gets it: `npm pack` js/pkg, install the tarball into a scratch
// project, and call it from Node (CommonJS) and through the browser build (ES module).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let lib, installed;

before(() => {
  const pkg = join(ROOT, 'js/pkg');
  assert.ok(existsSync(join(pkg, 'package.json')), 'build it first: scripts/build-js');
  const scratch = mkdtempSync(join(tmpdir(), 'orderlint-npm-'));
  const tgz = execFileSync('npm', ['pack', pkg, '--pack-destination', scratch, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(scratch, tgz)], { cwd: scratch, stdio: 'pipe' });
  installed = join(scratch, 'node_modules/orderlint');
  lib = createRequire(join(scratch, 'index.js'))('orderlint');
});

const CHANNEL = {
  channel: {
    name: 'Amazon Store US', type_code: 'custom_integration', currency_code: 'USD', short_name: 'AZ',
    custom_integration_channel_specific_attributes: { integration_type: 'amazon' },
  },
};

test('kinds lists every kind', () => {
  assert.ok(lib.kinds().includes('veeqo.order'));
  assert.ok(lib.kinds().includes('feedamp.return_errors'));
  // The installed types name the same kinds, in the same order.
  const union = readFileSync(join(installed, 'index.d.ts'), 'utf8').match(/export type Kind =([^;]*);/)[1];
  assert.deepEqual([...union.matchAll(/'([^']+)'/g)].map((m) => m[1]), lib.kinds());
});

test('validate takes an object or JSON text and reports every issue with its pointer', () => {
  assert.deepEqual(lib.validate('veeqo.channel', CHANNEL), { valid: true, issues: [] });
  const bad = structuredClone(CHANNEL);
  bad.channel.short_name = 'AZX';
  bad.channel.currency_code = 'usd';
  const r = lib.validate('veeqo.channel', JSON.stringify(bad));
  assert.equal(r.valid, false);
  assert.deepEqual(r.issues.map((i) => [i.pointer, i.code, i.severity]), [
    ['/channel/currency_code', 'veeqo.channel.currency_code.invalid', 'error'],
    ['/channel/short_name', 'veeqo.channel.short_name.too_long', 'error'],
  ]);
  assert.match(r.issues[1].message, /maximum is 2/);
});

test('bad arguments throw clear errors, never an opaque trap', () => {
  assert.throws(() => lib.validate('veeqo.ordr', {}), /unknown kind "veeqo.ordr".*Did you mean "veeqo.order"/);
  assert.throws(() => lib.validate('veeqo.order', '{"order": '), /not valid JSON at line 1, column 10/);
  assert.throws(() => lib.validate('veeqo.order'), /payload is missing/);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => lib.validate('veeqo.order', cyclic), /cannot be turned into JSON/);
});

test('validateMany reads JSON Lines, one report per line, a bad line included', () => {
  const good = JSON.stringify(CHANNEL);
  const reports = lib.validateMany('veeqo.channel', `${good}\n\n{oops\n${good}\n`);
  assert.deepEqual(reports.map((r) => r.valid), [true, false, true]);
  assert.equal(reports[1].issues[0].code, 'json.syntax');
  assert.match(reports[1].issues[0].message, /line 3/);
});

test('validateMany takes the UTF-8 bytes of JSON Lines (Uint8Array or Buffer) with the same reports as the text', () => {
  const good = JSON.stringify(CHANNEL);
  const bad = JSON.stringify({ channel: { ...CHANNEL.channel, short_name: 'AZX', name: 'Amazon Störe 🛒' } });
  // A byte order mark, CRLF, a blank line, and line 3 not JSON.
  const text = `\ufeff${good}\r\n\n{"channel": \n${bad}\n \n${good}`;
  const fromText = lib.validateMany('veeqo.channel', text);
  assert.deepEqual(fromText.map((r) => r.valid), [true, false, false, true]);
  assert.equal(fromText[1].issues[0].code, 'json.syntax');
  assert.match(fromText[1].issues[0].message, /^Not valid JSON at line 3, column 12/);
  assert.deepEqual(lib.validateMany('veeqo.channel', Buffer.from(text)), fromText);
  assert.deepEqual(lib.validateMany('veeqo.channel', new TextEncoder().encode(text)), fromText);
  // A view into a larger buffer is read from its own offset.
  const padded = Buffer.from(`xx${text}yy`);
  assert.deepEqual(lib.validateMany('veeqo.channel', padded.subarray(2, padded.length - 2)), fromText);
  assert.deepEqual(lib.validateMany('veeqo.channel', new Uint8Array()), []);

  // Bytes that are not UTF-8 (Latin-1 é) are their line's json.syntax error; the other lines are checked.
  const latin1 = Buffer.concat([Buffer.from(`${good}\n{"channel": {"name": "Caf`), Buffer.from([0xe9]), Buffer.from(`"}}\n{oops\n${good}\n`)]);
  const reports = lib.validateMany('veeqo.channel', latin1);
  assert.deepEqual(reports.map((r) => r.valid), [true, false, false, true]);
  assert.deepEqual(reports[1].issues, [{
    pointer: '', code: 'json.syntax', severity: 'error',
    message: 'Not valid JSON at line 2, column 26: byte 0xe9 is not UTF-8 text; JSON is UTF-8.',
  }]);
  assert.match(reports[2].issues[0].message, /line 3, column 2/);

  assert.throws(() => lib.validateMany('veeqo.channel', 42), /a string, or its UTF-8 bytes as a Uint8Array or Buffer/);
  assert.throws(() => lib.validateMany('veeqo.channel'), /a string, or its UTF-8 bytes/);
});

test('detect tells a payload\'s kind and why, or which kinds fit', () => {
  assert.deepEqual(lib.detect(CHANNEL), { kind: 'veeqo.channel', why: 'it has the wrapper key "channel".', fits: ['veeqo.channel'] });
  const bare = lib.detect(JSON.stringify(CHANNEL.channel));
  assert.equal(bare.kind, 'veeqo.channel');
  assert.match(bare.why, /not wrapped in \{"channel": …\}/);
  const ambiguous = lib.detect({ page_size: 20 });
  assert.equal(ambiguous.kind, null);
  assert.deepEqual(ambiguous.fits, ['feedamp.orders_query', 'feedamp.refunds_query', 'feedamp.returns_query']);
  assert.throws(() => lib.detect('{"a": '), /not valid JSON at line 1/);
});

test('validate with kind "auto" checks the payload as the kind told, and says which', () => {
  const r = lib.validate('auto', { channel: { ...CHANNEL.channel, short_name: 'AMZ' } });
  assert.equal(r.kind, 'veeqo.channel');
  assert.equal(r.valid, false);
  assert.equal(r.issues[0].pointer, '/channel/short_name');
  const unknown = lib.validate('auto', '{"page_size": 20}');
  assert.deepEqual([unknown.kind, unknown.valid, unknown.issues.map((i) => i.code)], [null, false, ['json.kind_unknown']]);
});

test('a pasted cURL command is told by its endpoint and checked whole', () => {
  const curl = `curl https://api.veeqo.com/api/v2/channel_sellables -H 'x-api-key: k-1' -H 'Content-Type: application/json' -d '{"data": {"type": "channel_sellables", "attributes": {"sellable_id": 1, "channel_id": 2, "remote_id": "B0EXAMPLE1", "remote_sku": "S", "remote_title": "T"}}}'`;
  const told = lib.detect(curl);
  assert.equal(told.kind, 'veeqo.channel_sellable');
  assert.match(told.why, /cURL request to POST \/api\/v2\/channel_sellables \(Veeqo\)/);
  const r = lib.validate('auto', curl);
  assert.ok(r.issues.some((i) => i.code === 'request.accept_json_api'), JSON.stringify(r.issues));
  assert.throws(() => lib.detect("curl 'https://h"), /cannot be read: .*missing closing quote/);
});

test('fix applies the safe fixes, keeps the layout, and says what it did', () => {
  const text = '{\n  "channel": {\n    "name": "Amazon US",\n    "type_code": "custom_integration",\n    "currency_code": "usd",\n    "short_name": "AZ",\n    "custom_integration_channel_specific_attributes": {"integration_type": "amazon"}\n  }\n}\n';
  const r = lib.fix('veeqo.channel', text);
  assert.equal(r.text, text.replace('"usd"', '"USD"'));
  assert.deepEqual(r.fixed, [{ pointer: '/channel/currency_code', code: 'veeqo.channel.currency_code.invalid', title: 'Write "USD"' }]);
  assert.deepEqual(r.report, { valid: true, issues: [] });
  assert.equal(lib.fix('veeqo.channel', r.text).fixed.length, 0, 'twice changes nothing');
  const issue = lib.validate('veeqo.channel', text).issues[0];
  assert.deepEqual(issue.fix, { title: 'Write "USD"', edit: { kind: 'value', json: '"USD"' }, safe: true });
});

test('schema returns the kind\'s JSON Schema, the CLI\'s document', () => {
  const s = lib.schema('feedamp.order');
  assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(s.title, 'feedamp.order');
  assert.ok(s.required.includes('mp_order_number'));
  assert.throws(() => lib.schema('feedamp.ordr'), /unknown kind "feedamp.ordr".*Did you mean "feedamp.order"/);
});

test('openapi returns each API\'s OpenAPI 3.1 document; checkAnswer reads an answer against it', () => {
  const veeqo = lib.openapi('veeqo');
  assert.equal(veeqo.openapi, '3.1.0');
  assert.deepEqual(Object.keys(veeqo.components.securitySchemes), ['apiKey']);
  assert.ok(veeqo.paths['/api/v2/channel_sellables'].post.requestBody.content['application/vnd.api+json']);
  const feedamp = lib.openapi('feedamp');
  assert.equal(feedamp.paths['/orders/{mp_order_number}'].put.requestBody.content['application/json'].schema.$ref,
    '#/components/schemas/feedamp.order');
  assert.throws(() => lib.openapi('shopify'), /unknown API "shopify": it is "veeqo" or "feedamp"/);

  const channel = { id: 1, name: 'Amazon US', type_code: 'custom_integration', added_later: true };
  assert.deepEqual(lib.checkAnswer('veeqo', 'POST', '/channels', 201, JSON.stringify(channel)), []);
  assert.deepEqual(lib.checkAnswer('veeqo', 'POST', '/veeqo/channels', 201, '{"id": "not-a-number", "name": "A"}'), [
    { pointer: '/id', message: 'This is the text "not-a-number", where the API documents a record id: a whole number, or its digits as text.' },
    { pointer: '', message: 'type_code is missing: the API documents it in every such answer.' },
  ]);
});

test('the browser build works as an ES module', async () => {
  const web = await import(pathToFileURL(join(installed, 'web/orderlint_js.js')).href);
  await web.default({ module_or_path: readFileSync(join(installed, 'web/orderlint_js_bg.wasm')) });
  assert.equal(web.validate('feedamp.order_errors', '[]').issues[0].code, 'feedamp.order_errors.empty');
});

test('the package ships its types, README and example', () => {
  for (const f of ['index.d.ts', 'README.md', 'example.mjs']) assert.ok(existsSync(join(installed, f)), f);
  const out = execFileSync('node', ['example.mjs'], { cwd: installed, encoding: 'utf8' });
  assert.match(out, /error \/channel\/short_name/);
});

test('explain gives an issue code its registry entry', () => {
  const rule = lib.explain('veeqo.order.line_item.remote_id.asin');
  assert.equal(rule.code, 'veeqo.order.line_item.remote_id.asin');
  assert.equal(rule.severity, 'error');
  assert.match(rule.source, /Buyer Protection guide, step 3/);
  assert.equal(rule.fix, '"remote_id": "12345678901234"');
  // A field check answers for every field it is emitted on.
  const check = lib.explain('veeqo.order.line_item.quantity.numeric_string');
  assert.equal(check.code, '*.numeric_string');
  assert.equal(check.severity, 'warning');
  // Its source is the API of the object it is on, not one API for both.
  assert.match(lib.explain('veeqo.order.line_item.quantity.too_small').source, /^Veeqo API reference/);
  assert.match(lib.explain('feedamp.order.order_line.quantity.too_small').source, /^FeedAMP/);
  assert.equal(lib.explain('veeqo.order.made_up'), undefined);
});
