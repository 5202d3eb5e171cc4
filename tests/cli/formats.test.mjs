// The CLI's CI formats, checked by the tools that read them: SARIF validated against the
// SARIF 2.1.0 schema (OASIS, shipped in tests/data), every result at the line and column
// of its value; GitHub's workflow commands with their properties escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { BIN, ROOT } from '../e2e/harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'orderlint-formats-'));

/** Runs the CLI; its exit code and standard output. */
function orderlint(args) {
  try {
    return { code: 0, out: execFileSync(BIN, args, { encoding: 'utf8', cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: e.stdout };
  }
}

const sample = (p) => readFileSync(join(ROOT, 'samples', p), 'utf8');

// A Veeqo order whose channel_id is not an id, on a known line and column; a FeedAMP
// order in JSON Lines with a lower-case currency; a payload whose kind cannot be told.
const order = sample('veeqo/order.json').replace('"{{channel_id}}"', '"shop-1"');
writeFileSync(join(dir, 'order.json'), order);
const feedamp = JSON.stringify(JSON.parse(sample('feedamp/order.json'))).replace('"USD"', '"usd"');
writeFileSync(join(dir, 'orders.jsonl'), `${JSON.stringify(JSON.parse(sample('feedamp/order.json')))}\n${feedamp}\n{"page_size": 20}\n`);
writeFileSync(join(dir, 'a,b:c.json'), '{"channel": {"name": ""}}');

test('SARIF validates against the SARIF 2.1.0 schema, one result per issue, each at its value', () => {
  const files = ['order.json', 'orders.jsonl', 'a,b:c.json'];
  const { code, out } = orderlint(['validate', '--kind', 'auto', '--format', 'sarif', ...files]);
  assert.equal(code, 1, 'errors found: exit 1, as with every format');
  const log = JSON.parse(out);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'tests/data/sarif-schema-2.1.0.json'), 'utf8')));
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

  const json = orderlint(['validate', '--kind', 'auto', '--format', 'json', ...files]).out.trim().split('\n').map((l) => JSON.parse(l));
  const issues = json.flatMap((r) => r.issues);
  const results = log.runs[0].results;
  assert.equal(results.length, issues.length);
  assert.deepEqual(results.map((r) => r.ruleId), issues.map((i) => i.code));
  const ids = new Set(log.runs[0].tool.driver.rules.map((r) => r.id));
  for (const r of results) assert.ok(ids.has(r.ruleId), `${r.ruleId} has its rule entry`);

  const bad = results.find((r) => r.ruleId === 'veeqo.order.channel_id.not_an_id');
  const lines = order.split('\n');
  const row = lines.findIndex((l) => l.includes('"shop-1"'));
  assert.deepEqual(bad.locations[0].physicalLocation.region, { startLine: row + 1, startColumn: lines[row].indexOf('"shop-1"') + 1 });
  assert.equal(bad.locations[0].physicalLocation.artifactLocation.uri, 'order.json');
  assert.equal(bad.locations[0].logicalLocations[0].fullyQualifiedName, '/order/channel_id');

  const currency = results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'orders.jsonl' && /currency/.test(r.ruleId));
  assert.ok(currency, 'the lower-case currency is reported');
  assert.equal(currency.locations[0].physicalLocation.region.startLine, 2, 'on the second line of the JSON Lines file');
  assert.equal(currency.locations[0].physicalLocation.region.startColumn, feedamp.indexOf('"usd"') + 1);
  const unknown = results.find((r) => r.ruleId === 'json.kind_unknown');
  assert.equal(unknown.locations[0].physicalLocation.region.startLine, 3);
  assert.equal(results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'a%2Cb%3Ac.json')?.level, 'error');
});

test('GitHub annotations: one workflow command per issue, properties escaped', () => {
  const { code, out } = orderlint(['validate', '--kind', 'auto', '--format', 'github', 'a,b:c.json', 'order.json']);
  assert.equal(code, 1);
  const lines = out.trim().split('\n');
  for (const l of lines) assert.match(l, /^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::.+$/, l);
  assert.ok(lines[0].startsWith('::error file=a%2Cb%3Ac.json,line=1,col='), lines[0]);
  const row = order.split('\n').findIndex((l) => l.includes('"shop-1"')) + 1;
  assert.ok(lines.some((l) => l.includes(`file=order.json,line=${row},`) && l.includes('title=veeqo.order.channel_id.not_an_id at /order/channel_id::')), out);
});
