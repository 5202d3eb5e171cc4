// The samples of `samples/` with their `{{placeholders}}` filled, as the flow fills them:
// shared by the CLI's schema test (tests/cli/schema.test.mjs) and the contract tests. A new
// placeholder gets its value here (and in `samples::example_vars`), else it is filled with
// "undefined" and those tests fail.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const VARS = {
  channel_id: '1234567', sellable_id: '111222333', ASIN: 'B0EXAMPLE1', channel_product_id: '987654321',
  amazon_order_number: '112-1234567-1234567', amazon_line_item_id: '12345678901234',
  remote_shipment_id: 'prb8a99eb17', rate_id: 'amazon_shipping_v2-df3f52c6-643e-4959-b802-f60ca1df42bb',
  channel_sellable_id: '5550001',
  auth_code: 'a1b2c3', client_id: 'client-1', client_secret: 'secret-1', state: 'x'.repeat(32),
};

/** `text` with every `{{name}}` replaced by its value in VARS. */
export const fill = (text) => text.replace(/\{\{(\w+)\}\}/g, (_, n) => VARS[n]);

/** A sample file (a path below `samples/`, as a kind's row names it), filled and parsed. */
export const sample = (path) => JSON.parse(fill(readFileSync(join(ROOT, 'samples', path), 'utf8')));

/** Every sample of `kind`, from the kinds table `orderlint kinds --format json` prints. */
export const samples = (table, kind) => table.find((k) => k.name === kind).samples.map(sample);
