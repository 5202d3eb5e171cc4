// Bench 7: one large payload. A single FeedAMP order of many lines (118 MB by default),
// valid and then with an error on every line, through the CLI: time and peak memory
// against the file's size. Then a 63 MB order with about a million errors: once the
// report is full of errors the walk stops, so its time stays near the parse's.
// Figures, not pass/fail: a missed goal says "NOT met".
import { writeFileSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { feedampOrder, rng } from './corpus.mjs';
import { peakOf } from './peak.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const CLI = join(root, 'target/release/orderlint');
const tmp = join(root, 'target/tmp');
mkdirSync(tmp, { recursive: true });
const ORDER_MB = Number(process.env.BENCH_ORDER_MB || 118);

/** Runs the CLI on a file: seconds, peak resident MB (VmHWM, polled), and its report. */
async function run(file) {
  const child = spawn(CLI, ['validate', '--kind', 'feedamp.order', '--format', 'json', file], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  const { mb, seconds } = await peakOf(child);
  const report = JSON.parse(out.trim().split('\n')[0]);
  return { seconds, mb, report };
}

/** One order whose JSON text is about `mb` MB; `breakLine` spoils each line. */
function orderFile(name, mb, breakLine) {
  const sample = feedampOrder(1, rng(7), 1000);
  if (breakLine) sample.order_lines.forEach(breakLine);
  const perLine = (JSON.stringify(sample).length - JSON.stringify(feedampOrder(1, rng(7), 0)).length) / 1000;
  const lines = Math.round((mb * 1e6) / perLine);
  const order = feedampOrder(1, rng(7), lines);
  if (breakLine) order.order_lines.forEach(breakLine);
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(order));
  return { file, lines, size: statSync(file).size / 1e6 };
}

console.log('| payload | size | lines | issues listed | time | peak memory | memory / size |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
const row = (label, f, res) => console.log(`| ${label} | ${f.size.toFixed(0)} MB | ${f.lines.toLocaleString('en')} | ${res.report.issues.length} | ${res.seconds.toFixed(2)} s | ${res.mb.toFixed(0)} MB | ${(res.mb / f.size).toFixed(2)}x |`);

const valid = orderFile('large-order.json', ORDER_MB);
const ok = await run(valid.file);
row('one valid order', valid, ok);
rmSync(valid.file);
const bad = orderFile('large-order-bad.json', ORDER_MB, (l) => { l.quantity = 0; });
const worse = await run(bad.file);
row('the same, quantity 0 on every line', bad, worse);
rmSync(bad.file);
// Six defects a line: a number for a string, a bound, a type, a negative price, a
// list that is not one, a missing field.
const many = orderFile('large-order-errors.json', 63, (l) => {
  l.mp_line_number = 1; l.quantity = 0; l.unit_price = 'x'; l.shipping_price = -1; l.taxes = 'none'; delete l.sku;
});
const errors = await run(many.file);
row(`63 MB, about ${(many.lines * 6 / 1e6).toFixed(1)} million errors`, many, errors);
rmSync(many.file);

const goal = (label, met, figure) => console.log(`goal: ${label}: ${met ? 'met' : 'NOT met'} (${figure})`);
goal('one large order, peak memory <= 3x the file', ok.mb <= 3 * valid.size, `${(ok.mb / valid.size).toFixed(2)}x`);
goal('an error on every line <= 2x the valid order\'s time', worse.seconds <= 2 * ok.seconds, `${(worse.seconds / ok.seconds).toFixed(2)}x`);
goal('63 MB with ~10^6 errors in <= 1 s', errors.seconds <= 1, `${errors.seconds.toFixed(2)} s`);
if (ok.report.valid !== true || worse.report.valid !== false || errors.report.valid !== false) {
  console.log('verdicts: NOT as expected');
  process.exitCode = 1;
}
