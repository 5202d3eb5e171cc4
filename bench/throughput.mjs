// Bench 1: bulk validation throughput on FeedAMP orders. The orderlint module (Node build
// of js/pkg) against ajv (allErrors, ajv-formats) over the spec's schema as transcribed in
// feedamp-order.schema.json: the same JSON Lines bytes, the same process, best of N rounds.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { feedampCorpus } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const orderlint = require(join(here, '../js/pkg/node/orderlint_js.js'));

const COUNT = Number(process.env.BENCH_ORDERS || 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

const { text, defective } = feedampCorpus(COUNT);
const bytes = Buffer.byteLength(text);
const lines = text.split('\n').filter((l) => l.trim());

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const schema = JSON.parse(readFileSync(join(here, 'feedamp-order.schema.json'), 'utf8'));
const check = ajv.compile(schema);

/** Each contender returns, per order, whether it is valid and how many issues it reported. */
const contenders = {
  'orderlint validateMany (whole file)': () =>
    orderlint.validateMany('feedamp.order', text).map((r) => [r.valid, r.issues.length]),
  'orderlint validate (line by line)': () =>
    lines.map((l) => { const r = orderlint.validate('feedamp.order', l); return [r.valid, r.issues.length]; }),
  'JSON.parse + ajv (line by line)': () =>
    lines.map((l) => { const ok = check(JSON.parse(l)); return [ok, ok ? 0 : check.errors.length]; }),
};

function best(fn) {
  fn(); // warm-up: JIT, wasm tiering
  let bestNs = Infinity;
  let out;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    const ns = Number(process.hrtime.bigint() - t0);
    bestNs = Math.min(bestNs, ns);
  }
  return { seconds: bestNs / 1e9, out };
}

const expected = new Set(defective);
const rows = [];
for (const [name, fn] of Object.entries(contenders)) {
  const { seconds, out } = best(fn);
  const invalid = out.flatMap(([ok], i) => (ok ? [] : [i]));
  const agrees = invalid.length === expected.size && invalid.every((i) => expected.has(i));
  rows.push({ name, seconds, perSec: lines.length / seconds, mbPerSec: bytes / 1e6 / seconds, invalid: invalid.length, agrees });
}

const ajvRow = rows.find((r) => r.name.includes('ajv'));
console.log(`corpus: ${lines.length} FeedAMP orders (1-20 lines each, ${defective.length} with one defect), ${(bytes / 1e6).toFixed(1)} MB; best of ${ROUNDS} rounds, Node ${process.version}`);
console.log('| contender | orders/s | MB/s | vs ajv | invalid found | flags exactly the defective ones |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${Math.round(r.perSec).toLocaleString('en')} | ${r.mbPerSec.toFixed(1)} | ${(r.perSec / ajvRow.perSec).toFixed(2)}x | ${r.invalid} | ${r.agrees ? 'yes' : 'NO'} |`);
}
const ours = rows[0];
console.log(`goal: orderlint >= 1.5x ajv: ${ours.perSec / ajvRow.perSec >= 1.5 ? 'met' : 'NOT met'} (${(ours.perSec / ajvRow.perSec).toFixed(2)}x)`);
if (!rows.every((r) => r.agrees)) process.exitCode = 1;
