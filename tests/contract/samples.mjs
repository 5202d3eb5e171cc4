// The samples of `samples/` with their `{{placeholders}}` filled, as the flow fills them:
// shared by the CLI's schema test (tests/cli/schema.test.mjs) and the contract tests. The
// values are in samples.json (the Schemathesis hooks read it too): a new placeholder gets its
// value there (and in `samples::example_vars`), else it is filled with "undefined" and those
// tests fail.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const data = JSON.parse(readFileSync(join(HERE, 'samples.json'), 'utf8'));

export const VARS = data.vars;

/** `text` with every `{{name}}` replaced by its value in VARS. */
export const fill = (text) => text.replace(/\{\{(\w+)\}\}/g, (_, n) => VARS[n]);

/**
 * The ids a request's path takes, by the path parameter's name, consistent with the samples
 * (the store listing update's `data.id`, the FeedAMP order's and return's numbers).
 */
export const PATH_IDS = Object.fromEntries(Object.entries(data.path_ids).map(([k, v]) => [k, fill(v)]));

/** A sample file (a path below `samples/`, as a kind's row names it), filled and parsed. */
export const sample = (path) => JSON.parse(fill(readFileSync(join(ROOT, 'samples', path), 'utf8')));

/** Every sample of `kind`, from the kinds table `orderlint kinds --format json` prints. */
export const samples = (table, kind) => table.find((k) => k.name === kind).samples.map(sample);
