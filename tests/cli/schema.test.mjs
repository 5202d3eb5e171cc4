// `orderlint schema --kind K`: each kind's JSON Schema (2020-12), compiled by ajv in strict
// mode. The samples validate; and over every case file and generated mutations of the
// samples, the schema and the engine agree: what the engine finds valid the schema
// accepts, and what the engine refuses on structure (a missing field, a wrong type, a
// value outside an enum, …) the schema refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { BIN, ROOT } from '../e2e/harness.mjs';
import { samples as filledSamples } from '../contract/samples.mjs';

const dir = mkdtempSync(join(tmpdir(), 'orderlint-schema-'));
// The kinds table, as the CLI prints it: each kind's name and sample files.
const table = JSON.parse(execFileSync(BIN, ['kinds', '--format', 'json'], { encoding: 'utf8' }));
const kinds = table.map((k) => k.name);

/** The engine's checks that are structure: what a schema can say (the table walk's own). */
const STRUCTURAL = /\.(required|wrong_type|null|not_object|not_array|empty|not_an_id|negative|too_small|too_long|too_short)$/;

// The samples with their placeholders filled, as the flow fills them.
const samples = (kind) => filledSamples(table, kind);

function compile(kind) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(execFileSync(BIN, ['schema', '--kind', kind], { encoding: 'utf8' })));
}

/** Every object member and array item of `v`, as paths. */
function paths(v, at = []) {
  if (v === null || typeof v !== 'object') return [];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => [[...at, k], ...paths(v[k], [...at, k])]);
}

/** The sample with the value at `path` removed or replaced. */
function mutate(v, path, to) {
  const copy = structuredClone(v);
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  const last = path[path.length - 1];
  if (to === undefined) {
    if (Array.isArray(o)) o.splice(last, 1); else delete o[last];
  } else {
    o[last] = to;
  }
  return copy;
}

const REPLACEMENTS = [undefined, null, 0, -1, 12.5, '', ' ', 'x', '12', 'true', true, [], {}];

/** Case files of `kind` checked without context, and mutations of its samples. */
function payloads(kind) {
  const out = [];
  const cases = join(ROOT, 'tests/cases', kind);
  for (const f of readdirSync(cases)) {
    if (!f.endsWith('.json') || statSync(join(cases, f)).isDirectory()) continue;
    try { out.push({ from: `tests/cases/${kind}/${f}`, value: JSON.parse(readFileSync(join(cases, f), 'utf8')) }); } catch { /* not JSON: a syntax case */ }
  }
  for (const s of samples(kind)) {
    out.push({ from: 'the sample', value: s });
    for (const p of paths(s)) {
      for (const to of REPLACEMENTS) out.push({ from: `the sample, ${p.join('.')} ${to === undefined ? 'removed' : `= ${JSON.stringify(to)}`}`, value: mutate(s, p, to) });
    }
  }
  return out;
}

/** The engine's reports, one per payload, from one CLI run over JSON Lines. */
function engine(kind, list) {
  const file = join(dir, `${kind}.jsonl`);
  writeFileSync(file, list.map((p) => JSON.stringify(p.value)).join('\n') + '\n');
  let out;
  try { out = execFileSync(BIN, ['validate', '--kind', kind, '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 }); } catch (e) { out = e.stdout; }
  return out.trim().split('\n').map((l) => JSON.parse(l));
}

test('every kind\'s schema compiles in ajv\'s strict mode, and the samples validate', () => {
  // Every kind has its cases, and every cases folder is a kind's.
  const folders = readdirSync(join(ROOT, 'tests/cases')).filter((f) => statSync(join(ROOT, 'tests/cases', f)).isDirectory());
  assert.deepEqual([...kinds].sort(), folders.sort());
  for (const kind of kinds) {
    const validate = compile(kind);
    for (const s of samples(kind)) assert.ok(validate(s), `${kind} sample: ${JSON.stringify(validate.errors)}`);
  }
});

test('schema and engine agree over the cases and mutations of the samples', (t) => {
  let compared = 0;
  let refusedByBoth = 0;
  const disagreements = [];
  for (const kind of kinds) {
    const validate = compile(kind);
    const list = payloads(kind);
    const reports = engine(kind, list);
    assert.equal(reports.length, list.length, kind);
    list.forEach((p, i) => {
      const r = reports[i];
      const accepted = validate(p.value);
      // A rule that cites its source (Buyer Protection's fields, the spec's pairs) is not
      // the walk over the tables: not what a schema says.
      const structural = r.issues.filter((x) => x.severity === 'error' && !x.rule && STRUCTURAL.test(x.code));
      compared += 1;
      if (r.valid && !accepted) {
        disagreements.push(`${kind}, ${p.from}: the engine finds it valid, the schema refuses it: ${ajv(validate.errors)}`);
      } else if (structural.length && accepted) {
        disagreements.push(`${kind}, ${p.from}: the engine refuses it (${structural.map((x) => `${x.code} at ${x.pointer}`).join(', ')}), the schema accepts it`);
      } else if (structural.length) {
        refusedByBoth += 1;
      }
    });
  }
  t.diagnostic(`${compared} payloads compared, ${refusedByBoth} refused by both on structure`);
  assert.deepEqual(disagreements, []);
  assert.ok(compared > 2000 && refusedByBoth > 500, `${compared} compared, ${refusedByBoth} refused by both`);
});

const ajv = (errors) => (errors || []).slice(0, 3).map((e) => `${e.instancePath} ${e.message}`).join('; ');
