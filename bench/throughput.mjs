// Bench 1: bulk validation throughput on FeedAMP orders, in one table: serde_json's
// skip-parse floor and its Value parse (the parser under the engine, natively), the
// `orderlint` CLI on one core and on all, JSON.parse + ajv (allErrors, ajv-formats, over
// the spec's order schema as transcribed in feedamp-order.schema.json) and the npm module
// in Node (given the text as a string, and as a Buffer); the module's `validate()` on one
// large order. The same JSON Lines bytes for all; best of N rounds. Then the CLI's peak
// memory on a small and a large file. Figures, not pass/fail: a missed goal says "NOT met".
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync, openSync, writeSync, closeSync, rmSync, statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { feedampCorpus, feedampOrder, rng } from './corpus.mjs';
import { peakOf } from './peak.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const orderlint = require(join(root, 'js/pkg/node/orderlint_js.js'));
const CLI = join(root, 'target/release/orderlint');
const FLOOR = join(root, 'target/release/examples/parse_floor');

const COUNT = Number(process.env.BENCH_ORDERS || 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
/** The large file for the memory figure, in MB (0 skips it). */
const LARGE_MB = Number(process.env.BENCH_LARGE_MB ?? 1000);

const { text, defective } = feedampCorpus(COUNT);
const bytes = Buffer.byteLength(text);
const lines = text.split('\n').filter((l) => l.trim());
const tmp = join(root, 'target/tmp');
mkdirSync(tmp, { recursive: true });
const corpusFile = join(tmp, 'bench-corpus.jsonl');
writeFileSync(corpusFile, text);

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const schema = JSON.parse(readFileSync(join(here, 'feedamp-order.schema.json'), 'utf8'));
const check = ajv.compile(schema);

function best(fn) {
  fn(); // warm-up: JIT, wasm tiering, page cache
  let bestNs = Infinity;
  let out;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    bestNs = Math.min(bestNs, Number(process.hrtime.bigint() - t0));
  }
  return { seconds: bestNs / 1e9, out };
}

/** The CLI over the corpus file, its reports thrown away: which rows were invalid. */
function cli(jobs) {
  const args = ['validate', '--kind', 'feedamp.order', '--format', 'json', corpusFile];
  if (jobs) args.push('--jobs', String(jobs));
  const r = spawnSync(CLI, args, { maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 1) throw new Error(`orderlint exited ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).map((l) => { const o = JSON.parse(l); return [o.valid, o.issues.length]; });
}

const rows = [];
const expected = new Set(defective);
function add(name, seconds, out) {
  let agrees = '';
  if (out) {
    const invalid = out.flatMap(([ok], i) => (ok ? [] : [i]));
    agrees = invalid.length === expected.size && invalid.every((i) => expected.has(i)) ? 'yes' : 'NO';
  }
  rows.push({ name, mbPerSec: bytes / 1e6 / seconds, perSec: lines.length / seconds, agrees });
}

// The parser under the engine, natively: MB/s as the example measures them.
const floor = spawnSync(FLOOR, [corpusFile], { encoding: 'utf8' });
if (floor.status !== 0) throw new Error(`parse_floor: ${floor.stderr}`);
for (const l of floor.stdout.split('\n')) {
  const m = l.match(/^(.*?)\s+([\d.]+) MB\/s$/);
  if (m) add(`native: ${m[1]}`, bytes / 1e6 / Number(m[2]));
}
const cores = availableParallelism();
const one = best(() => cli(1));
add('orderlint CLI, 1 core (`--jobs 1`)', one.seconds, one.out);
const all = best(() => cli());
add(`orderlint CLI, all ${cores} cores`, all.seconds, all.out);
const ajvRun = best(() => lines.map((l) => { const ok = check(JSON.parse(l)); return [ok, ok ? 0 : check.errors.length]; }));
add('JSON.parse + ajv in Node (line by line)', ajvRun.seconds, ajvRun.out);
const many = best(() => orderlint.validateMany('feedamp.order', text).map((r) => [r.valid, r.issues.length]));
add('orderlint npm `validateMany` in Node', many.seconds, many.out);
// The file's bytes as `fs.readFileSync(file)` gives them: no string made, none copied out of UTF-16.
const buffer = Buffer.from(text);
const manyBuf = best(() => orderlint.validateMany('feedamp.order', buffer).map((r) => [r.valid, r.issues.length]));
add('orderlint npm `validateMany` over a Buffer', manyBuf.seconds, manyBuf.out);
const each = best(() => lines.map((l) => { const r = orderlint.validate('feedamp.order', l); return [r.valid, r.issues.length]; }));
add('orderlint npm `validate`, line by line', each.seconds, each.out);

const floorRow = rows.find((r) => r.name.includes('IgnoredAny'));
const ajvRow = rows.find((r) => r.name.includes('ajv'));
console.log(`corpus: ${lines.length} FeedAMP orders (1-20 lines each, ${defective.length} with one defect), ${(bytes / 1e6).toFixed(1)} MB; best of ${ROUNDS} rounds; ${cores} cores; Node ${process.version}`);
console.log('| contender | MB/s | orders/s | vs floor | vs ajv | flags exactly the defective ones |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.mbPerSec.toFixed(1)} | ${Math.round(r.perSec).toLocaleString('en')} | ${(r.mbPerSec / floorRow.mbPerSec).toFixed(2)}x | ${(r.mbPerSec / ajvRow.mbPerSec).toFixed(2)}x | ${r.agrees} |`);
}
const oneRow = rows.find((r) => r.name.includes('1 core'));
const allRow = rows.find((r) => r.name.includes('all'));
const npmRow = rows.find((r) => r.name === 'orderlint npm `validateMany` in Node');
const npmBufRow = rows.find((r) => r.name === 'orderlint npm `validateMany` over a Buffer');

// One large payload, as an editor or a request handler validates it: a FeedAMP order of
// 100 lines, `validate()` called 200 times after a warm-up; the median call.
const bigOrder = JSON.stringify(feedampOrder(1, rng(20261123), 100));
const single = orderlint.validate('feedamp.order', bigOrder);
if (!single.valid) throw new Error(`the 100-line order is not valid: ${JSON.stringify(single.issues[0])}`);
for (let i = 0; i < 20; i++) orderlint.validate('feedamp.order', bigOrder);
const calls = [];
for (let i = 0; i < 200; i++) {
  const t0 = process.hrtime.bigint();
  orderlint.validate('feedamp.order', bigOrder);
  calls.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
calls.sort((a, b) => a - b);
const medianMs = calls[100];
console.log(`\nmodule validate() on one 100-line FeedAMP order (${(bigOrder.length / 1e3).toFixed(1)} KB): median ${medianMs.toFixed(3)} ms over 200 calls\n`);

const goal = (label, ok, figure) => console.log(`goal: ${label}: ${ok ? 'met' : 'NOT met'} (${figure})`);
goal('CLI one core >= 0.5x the floor', oneRow.mbPerSec >= 0.5 * floorRow.mbPerSec, `${(oneRow.mbPerSec / floorRow.mbPerSec).toFixed(2)}x, ${oneRow.mbPerSec.toFixed(0)} MB/s`);
if (cores > 1) goal(`all ${cores} cores >= 1.7x one core`, allRow.mbPerSec >= 1.7 * oneRow.mbPerSec, `${(allRow.mbPerSec / oneRow.mbPerSec).toFixed(2)}x`);
goal('npm validateMany >= 1.5x ajv', npmRow.mbPerSec >= 1.5 * ajvRow.mbPerSec, `${(npmRow.mbPerSec / ajvRow.mbPerSec).toFixed(2)}x; over a Buffer ${(npmBufRow.mbPerSec / ajvRow.mbPerSec).toFixed(2)}x`);
goal('module validate() 100-line order <= 0.1 ms', medianMs <= 0.1, `${medianMs.toFixed(3)} ms`);
if (rows.some((r) => r.agrees === 'NO')) process.exitCode = 1;

/** Peak resident memory of `orderlint validate` over a file, read from /proc while it runs. */
async function peakMb(file) {
  return peakOf(spawn(CLI, ['validate', '--kind', 'feedamp.order', '--format', 'json', file], { stdio: ['ignore', 'ignore', 'ignore'] }));
}

console.log('\nPeak memory of `orderlint validate --format json` (all cores), read from /proc:');
console.log('| file | size | peak memory | time |');
console.log('|---|---:|---:|---:|');
const small = join(tmp, 'bench-10mb.jsonl');
writeFileSync(small, text.slice(0, text.indexOf('\n', 10e6) + 1));
const sizes = [[small, 'bench-10mb.jsonl']];
const large = join(tmp, 'bench-large.jsonl');
if (LARGE_MB > 0) {
  const fd = openSync(large, 'w');
  for (let written = 0; written < LARGE_MB * 1e6; written += bytes) writeSync(fd, text);
  closeSync(fd);
  sizes.push([large, 'bench-large.jsonl']);
}
let peaks = [];
for (const [file, name] of sizes) {
  const { mb, seconds } = await peakMb(file);
  peaks.push(mb);
  console.log(`| ${name} | ${(statSync(file).size / 1e6).toFixed(0)} MB | ${mb.toFixed(1)} MB | ${seconds.toFixed(2)} s |`);
}
rmSync(large, { force: true });
if (peaks.length > 1) goal('peak memory on the large file <= 64 MB', peaks[1] <= 64, `${peaks[1].toFixed(1)} MB`);
