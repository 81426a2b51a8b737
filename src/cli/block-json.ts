/**
 * BLOCK files, as the CLI reads them, turned into what `Core_execute_block`
 * takes (a header without its seal, the extrinsics). Accepted shapes:
 *
 *   { "header": "0x<SCALE header>", "extrinsics": ["0x…", …] }                  DESIGN.md's BLOCK.json
 *   { "header_without_seal" | "header": "0x…", "body": ["0x…", …] }              block fixtures
 *   { "block": { … either of the above … } }
 *   { "block": { "header": { parentHash, number, stateRoot, extrinsicsRoot,      `chain_getBlock`'s result
 *                            digest: { logs: ["0x<SCALE DigestItem>", …] } },    (also inside a JSON-RPC
 *                "extrinsics": ["0x…", …] }, "justifications": … }             response's "result")
 *
 * A trailing seal digest item is removed from the header (the runtime
 * executes the header its author sealed, without the seal).
 */
import { SwxError } from '../base/errors.js';
import { fromHex } from '../base/bytes.js';
import { ScaleWriter } from '../base/scale.js';
import { decodeHeader, encodeHeader, withoutSeal } from '../state/index.js';
import type { BlockInput } from '../executor/index.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hexAt(v: unknown, where: string): Uint8Array {
  if (typeof v !== 'string') throw new SwxError('INVALID_INPUT', `${where} must be a hex string`, { field: where });
  return fromHex(v, where);
}

function listAt(v: unknown, where: string): Uint8Array[] {
  if (!Array.isArray(v)) throw new SwxError('INVALID_INPUT', `${where} must be an array of hex strings`, { field: where });
  return v.map((x: unknown, i) => hexAt(x, `${where}[${i}]`));
}

/** A block number as JSON-RPC gives it (hex string) or as a plain number. */
function blockNumberAt(v: unknown, where: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^0x[0-9a-fA-F]{1,8}$/.test(v) ? parseInt(v.slice(2), 16) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new SwxError('INVALID_INPUT', `${where} must be a u32 block number (hex string or number)`, { field: where });
  return n;
}

/** The SCALE header of a `chain_getHeader`-style JSON header. */
function headerFromJson(h: Obj, where: string): Uint8Array {
  const digest = h['digest'];
  if (!isObj(digest)) throw new SwxError('INVALID_INPUT', `${where}.digest must be an object with "logs"`, { field: `${where}.digest` });
  const logs = listAt(digest['logs'], `${where}.digest.logs`);
  const w = new ScaleWriter(256);
  w.raw(hexAt(h['parentHash'], `${where}.parentHash`));
  w.compact(blockNumberAt(h['number'], `${where}.number`));
  w.raw(hexAt(h['stateRoot'], `${where}.stateRoot`));
  w.raw(hexAt(h['extrinsicsRoot'], `${where}.extrinsicsRoot`));
  w.compact(logs.length);
  for (const item of logs) w.raw(item);
  return w.finish().slice();
}

/** Parses a BLOCK file's bytes; `path` names it in errors. */
export function parseBlockJson(bytes: Uint8Array, path = 'block'): BlockInput {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new SwxError('INVALID_INPUT', `${path} is not valid JSON: ${(e as Error).message}`, { path });
  }
  if (!isObj(json)) throw new SwxError('INVALID_INPUT', `${path}: a JSON object is expected`, { path });
  let o: Obj = json;
  let where = path;
  if (isObj(o['result'])) ((o = o['result']), (where += ': result'));
  if (isObj(o['block'])) ((o = o['block']), (where += '.block'));
  const rawHeader = o['header_without_seal'] ?? o['header'];
  if (rawHeader === undefined) throw new SwxError('INVALID_INPUT', `${where}: no "header"`, { path });
  const header = isObj(rawHeader) ? headerFromJson(rawHeader, `${where}.header`) : hexAt(rawHeader, `${where}.header`);
  const xts = o['extrinsics'] ?? o['body'];
  if (xts === undefined) throw new SwxError('INVALID_INPUT', `${where}: no "extrinsics"`, { path });
  let decoded;
  try {
    decoded = decodeHeader(header);
  } catch (e) {
    throw new SwxError('INVALID_INPUT', `${where}.header is not a SCALE block header: ${(e as Error).message}`, { path, field: 'header' }, { cause: e });
  }
  const unsealed = withoutSeal(decoded);
  return { header: unsealed === decoded ? header : encodeHeader(unsealed), extrinsics: listAt(xts, `${where}.extrinsics`) };
}
