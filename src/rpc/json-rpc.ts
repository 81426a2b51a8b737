/**
 * JSON-RPC 2.0 framing (https://www.jsonrpc.org/specification) as Substrate
 * nodes and chopsticks speak it: a request `{jsonrpc: "2.0", id, method,
 * params}`, a response `{jsonrpc: "2.0", id, result}` or `{…, id, error:
 * {code, message, data?}}`, and a batch as a JSON array of either (§6).
 *
 * Transports (http-transport.ts, ws-transport.ts) move frames; this file
 * turns text into checked responses. Anything that is not a well-formed
 * response to a request sent is garbage, reported as `BadResponse`, never
 * retried (a server answering nonsense will answer it again).
 */

/** One request as sent. */
export interface JsonRpcRequest {
  readonly jsonrpc: '2.0';
  readonly id: number;
  readonly method: string;
  readonly params: readonly unknown[];
}

/** One checked response: the result, or the server's error object. */
export type JsonRpcResponse =
  | { readonly kind: 'result'; readonly id: number; readonly result: unknown }
  | { readonly kind: 'error'; readonly id: number; readonly code: number; readonly message: string; readonly data?: unknown };

/** A failure of the connection (refused, reset, closed, timed out): the request may be retried. */
export class TransportFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportFailure';
  }
}

/** The server answered something that is not a response to the request: not retried. */
export class BadResponse extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadResponse';
  }
}

/** What a transport delivers for each request sent: its checked response, or a failure. */
export interface Transport {
  /** The endpoint, as given. */
  readonly url: string;
  /** Sends `requests` (one batch over HTTP, pipelined frames over WebSocket); one promise per request, in order. */
  send(requests: readonly JsonRpcRequest[]): Array<Promise<JsonRpcResponse>>;
  /** Closes connections; pending requests fail with a TransportFailure. */
  close(): Promise<void>;
}

/** Byte counters a transport updates. */
export interface TransportCounters {
  /** HTTP POSTs or WebSocket frames sent. */
  messages: number;
  bytesSent: number;
  bytesReceived: number;
  /** Connections opened (WebSocket) or requests posted (HTTP). */
  connections: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one decoded response object; throws BadResponse when it is not one. */
export function checkResponse(v: unknown): JsonRpcResponse {
  if (!isObject(v)) throw new BadResponse(`expected a JSON-RPC response object, got ${preview(JSON.stringify(v))}`);
  const id = v['id'];
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new BadResponse(`response without a numeric id: ${preview(JSON.stringify(v))}`);
  if ('error' in v) {
    const e = v['error'];
    if (!isObject(e)) throw new BadResponse(`malformed error object: ${preview(JSON.stringify(v))}`);
    const code = typeof e['code'] === 'number' ? e['code'] : 0;
    const message = typeof e['message'] === 'string' ? e['message'] : JSON.stringify(e);
    return { kind: 'error', id, code, message, data: e['data'] };
  }
  if (!('result' in v)) throw new BadResponse(`response with neither result nor error: ${preview(JSON.stringify(v))}`);
  return { kind: 'result', id, result: v['result'] };
}

/** Parses a frame: one response, a batch of them, or (WebSocket) a notification (returns []). */
export function parseFrame(text: string): JsonRpcResponse[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new BadResponse(`not JSON: ${preview(text)}`);
  }
  if (Array.isArray(v)) return v.map(checkResponse);
  if (isObject(v) && !('id' in v) && 'method' in v) return [];
  return [checkResponse(v)];
}

/** The first characters of a text, for messages. */
export function preview(text: string | undefined, max = 120): string {
  if (text === undefined) return 'undefined';
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}
