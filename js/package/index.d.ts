/** The kinds of payload orderlint knows. Written from the kinds table (crates/rules/src/kind/table.rs) by
 * `ORDERLINT_WRITE_TYPES=1 cargo test --test kinds`; that test fails while it differs. */
export type Kind =
  | 'veeqo.channel'
  | 'veeqo.product'
  | 'veeqo.channel_sellable'
  | 'veeqo.channel_sellable_update'
  | 'veeqo.order'
  | 'veeqo.rates_request'
  | 'veeqo.shipment_booking'
  | 'feedamp.token_request'
  | 'feedamp.authorize_url'
  | 'feedamp.order'
  | 'feedamp.orders_query'
  | 'feedamp.order_errors'
  | 'feedamp.refunds_query'
  | 'feedamp.refund_errors'
  | 'feedamp.return'
  | 'feedamp.returns_query'
  | 'feedamp.return_errors';

export interface Issue {
  /** RFC 6901 JSON Pointer into the payload ("" is the whole document). */
  pointer: string;
  /** Stable dotted code, e.g. "veeqo.channel.short_name.too_long". */
  code: string;
  severity: 'error' | 'warning';
  /** One sentence naming the bad value and the fix. */
  message: string;
  /** The spec rule it enforces, where there is one. */
  rule?: string;
  /** The edit that fixes it, when orderlint knows it: `safe` ones are certain, the others suggestions. */
  fix?: { title: string; safe: boolean; edit: { kind: 'value'; json: string } | { kind: 'key'; name: string } | { kind: 'wrap'; key: string } | { kind: 'unwrap'; key: string } };
}

export interface Report {
  /** No errors (warnings allowed). */
  valid: boolean;
  issues: Issue[];
}

/** What `detect` tells of a payload. */
export interface Detection {
  /** The kind, when exactly one fits; null when several fit alike or none does. */
  kind: Kind | null;
  /** What decided it (the wrapper key, the JSON:API type, a field only one kind has), or why nothing could. */
  why: string;
  /** Every kind that fits: one when decided, several when ambiguous, none when nothing fits. */
  fits: Kind[];
}

/** A report of `validate('auto', …)`: the kind told (null: not checked, one `json.kind_unknown` error) and why. */
export interface ToldReport extends Report {
  kind: Kind | null;
  why: string;
}

/** An issue code's entry in orderlint's registry. */
export interface CodeInfo {
  /** The code, or for a field check emitted on many fields `*.<check>` (e.g. "*.numeric_string"). */
  code: string;
  severity: 'error' | 'warning';
  /** What it means, in one line. */
  summary: string;
  /** Where the rule comes from: the Buyer Protection guide, Veeqo's API reference, the FeedAMP spec. */
  source: string;
  /** A payload fragment that triggers it, and the same fragment fixed. */
  example?: string;
  fix?: string;
}

/** Every kind, e.g. "veeqo.order". */
export function kinds(): Kind[];
/** What an issue's code means (its registry entry), or undefined for a code orderlint never emits. */
export function explain(code: string): CodeInfo | undefined;
/** Validates one payload, as JSON text or a plain object. Throws on an unknown kind or text that is not JSON. */
export function validate(kind: Kind, payload: string | object): Report;
/** Validates one payload as the kind `detect` tells, saying which and why; a pasted request (cURL or raw HTTP) is checked whole: the request around its payload, then the payload as its endpoint's kind. */
export function validate(kind: 'auto', payload: string | object): ToldReport;
/** What `fix` did. */
export interface FixResult {
  /** The fixed text: every byte the fixes do not touch is as it was. */
  text: string;
  /** Each fix applied, with the issue it fixed. */
  fixed: { pointer: string; code: string; title: string }[];
  /** The report of the fixed text. */
  report: Report;
}

/** A kind's JSON Schema (2020-12), made from the tables the checks use (what `orderlint schema --kind K` prints). */
export function schema(kind: Kind): object;

/** An API's OpenAPI 3.1 document, made from the same tables (what `orderlint openapi --api A` prints):
 * for Prism, Schemathesis, Postman or a client generator. Throws on another API name. */
export function openapi(api: 'veeqo' | 'feedamp'): object;

/** One way an API's answer differs from its documented shape. */
export interface Drift {
  /** RFC 6901 JSON Pointer into the answer's body ("" is the whole body). */
  pointer: string;
  message: string;
}

/** How an API's answer differs from its documented shape (fields the API adds are fine): empty when it
 * matches, or when the endpoint is not one orderlint knows. `path` is below the API's base (a proxy's
 * prefix and a query string are allowed). */
export function checkAnswer(api: 'veeqo' | 'feedamp', method: string, path: string, status: number, body: string): Drift[];
/** Applies the safe fixes (with `unsafe`, the suggested ones too) to a payload's text. */
export function fix(kind: Kind | 'auto', payload: string | object, unsafe?: boolean): FixResult;
/** Which kind a payload is, told from the payload alone (a pasted cURL or HTTP request: by its endpoint). Throws on text that is neither JSON nor a readable request. */
export function detect(payload: string | object): Detection;
/** Validates JSON Lines, as text or as its UTF-8 bytes (a `Uint8Array` or `Buffer`, e.g. straight from `fs.readFileSync(file)`, which skips decoding the file into a string): one report per non-blank line, the same for both; a line that is not JSON (or not UTF-8) reports a `json.syntax` error. Throws when `jsonl` is neither. */
export function validateMany(kind: Kind, jsonl: string | Uint8Array): Report[];
/** What `startSandbox` takes. */
export interface SandboxOptions {
  /** The port to listen on (0: any free one); default 8787. A `--port` in `args` wins. */
  port?: number;
  /** The address to listen on; default '127.0.0.1'. */
  host?: string;
  /** The flags `orderlint sandbox` takes, as on its command line (`orderlint sandbox --help` lists them). */
  args?: string[];
}

/** A sandbox serving: Veeqo at `${url}/veeqo` (any non-empty x-api-key), FeedAMP at `${url}/feedamp`. */
export interface RunningSandbox {
  /** e.g. "http://127.0.0.1:8787", no trailing slash. */
  url: string;
  /** The port it listens on (the one chosen, with port 0). */
  port: number;
  /** Stops it: no new requests; open connections, and slow answers still waiting, are closed. */
  close(): Promise<void>;
}

/** Node only: serves the simulated Veeqo and FeedAMP APIs over HTTP, the same simulators and
 * flags as `orderlint sandbox` (and `npx orderlint sandbox`). Rejects with an Error naming a
 * bad flag or state file, or saying why it cannot listen. */
export function startSandbox(options?: SandboxOptions): Promise<RunningSandbox>;
/** Browser build only: loads the WebAssembly module (call once before the functions above). */
export default function init(input?: unknown): Promise<unknown>;
