/** The kinds of payload orderlint knows. */
export type Kind =
  | 'veeqo.channel' | 'veeqo.product' | 'veeqo.channel_sellable' | 'veeqo.order'
  | 'feedamp.token_request' | 'feedamp.authorize_url' | 'feedamp.order' | 'feedamp.orders_query'
  | 'feedamp.order_errors' | 'feedamp.refunds_query' | 'feedamp.refund_errors' | 'feedamp.return'
  | 'feedamp.returns_query' | 'feedamp.return_errors';

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
}

export interface Report {
  /** No errors (warnings allowed). */
  valid: boolean;
  issues: Issue[];
}

/** Every kind, e.g. "veeqo.order". */
export function kinds(): Kind[];
/** Validates one payload, as JSON text or a plain object. Throws on an unknown kind or text that is not JSON. */
export function validate(kind: Kind, payload: string | object): Report;
/** Validates JSON Lines: one report per non-empty line; a line that is not JSON reports a `json.syntax` error. */
export function validateMany(kind: Kind, jsonl: string): Report[];
/** Browser build only: loads the WebAssembly module (call once before the functions above). */
export default function init(input?: unknown): Promise<unknown>;
