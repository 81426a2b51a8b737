/**
 * Compact proofs, the format of sp-trie `generate_trie_proof` / `verify_trie_proof`
 * (paritytech/trie `trie-db/src/proof/{generate,verify}.rs`), which the host
 * functions `ext_trie_*_verify_proof_version_{1,2}` check.
 *
 * A proof is the list of the nodes on the lookup paths of the proven keys, in
 * pre-order (parent before children, children by nibble), each with what the
 * verifier can recompute left out:
 *   - the value of a proven key (leaf: an empty inline value; branch: no value),
 *     whether inline or hashed — the verifier hashes the claimed value itself
 *     when the layout says so (V1, ≥ 33 bytes);
 *   - the reference to a child that is itself in the proof (a zero-length inline
 *     reference); inline children on a path stay inline, with their own omissions.
 * Verification replays the lookups over the proof, refills the omissions with
 * the claimed values and rebuilt child hashes, and compares the rebuilt root.
 * It fails on: a duplicate key, an extraneous node (proof left over), a value
 * present where it should be omitted, a hash reference on a lookup path,
 * an inline reference over 32 bytes, a claimed value that the trie lacks (or the
 * reverse), a missing node, an undecodable node, or a root mismatch.
 */
import { compareBytes, equalBytes } from '../base/bytes.js';
import { decodeNode, encodeNode, type ChildRef, type NodeValue, type TrieNode } from './codec.js';
import { keyContains, nibbleAt, samePrefix } from './nibbles.js';
import { assertSortedEntries, type TrieEntry } from './root.js';
import { Tree, type TreeNode } from './tree.js';
import { HASH_LENGTH, NIBBLE_COUNT, isHashedValue, type TrieHasher, type TrieVersion } from './types.js';

/** The zero-length inline reference standing for a child given later in the proof. */
const OMITTED_CHILD = new Uint8Array(0);

/** Sorted, duplicate-free copy of `keys`. */
function sortedUnique(keys: readonly Uint8Array[]): Uint8Array[] {
  const sorted = [...keys].sort(compareBytes);
  return sorted.filter((k, i) => i === 0 || compareBytes(sorted[i - 1]!, k) !== 0);
}

/**
 * Compact proof of the values (present or absent) of `keys` in the trie of
 * `entries` (sorted by key, duplicate-free).
 */
export function generateProof(entries: ReadonlyArray<TrieEntry>, keys: readonly Uint8Array[], version: TrieVersion, hash: TrieHasher): Uint8Array[] {
  assertSortedEntries(entries, 'generateProof');
  const sorted = sortedUnique(keys);
  if (sorted.length === 0) return [];
  const tree = Tree.fromSorted(entries, version, hash);
  if (tree.root === undefined) return [encodeNode({ kind: 'empty' })];
  tree.rootHash();
  const out: Uint8Array[] = [];
  proveNode(tree, tree.root, 0, sorted, false, out);
  return out;
}

/** Proof encoding of `node` (reached after `depth` nibbles) for `keys`, which all lead to it; appends hashed nodes to `out` in pre-order. */
function proveNode(tree: Tree, node: TreeNode, depth: number, keys: Uint8Array[], inline: boolean, out: Uint8Array[]): Uint8Array {
  const slot = inline ? -1 : out.push(OMITTED_CHILD) - 1;
  const end = depth + node.partial.length;
  let omitValue = false;
  const groups = new Map<number, Uint8Array[]>();
  for (const key of keys) {
    if (!keyContains(key, node.partial, depth)) continue;
    const len = key.length * 2;
    if (len === end) omitValue = node.value !== undefined;
    else if (node.children?.[nibbleAt(key, end)] !== undefined) {
      const nib = nibbleAt(key, end);
      let g = groups.get(nib);
      if (g === undefined) groups.set(nib, (g = []));
      g.push(key);
    }
  }
  const children = new Map<number, Uint8Array>();
  for (let nib = 0; nib < NIBBLE_COUNT; nib++) {
    const g = groups.get(nib);
    if (g === undefined) continue;
    const child = node.children![nib]!;
    const childInline = tree.ref(child).length < HASH_LENGTH;
    const enc = proveNode(tree, child, end + 1, g, childInline, out);
    children.set(nib, childInline ? enc : OMITTED_CHILD);
  }
  const enc = tree.encode(node, { omitValue, children });
  if (slot >= 0) out[slot] = enc;
  return enc;
}

/** Why a proof was rejected (trie-db `proof::VerifyError` variants). */
export type ProofFailure =
  | 'DuplicateKey'
  | 'ExtraneousNode'
  | 'ExtraneousValue'
  | 'ExtraneousHashReference'
  | 'InvalidChildReference'
  | 'ValueMismatch'
  | 'IncompleteProof'
  | 'RootMismatch'
  | 'DecodeError';

class Rejected {
  constructor(readonly reason: ProofFailure) {}
}

/** A node being rebuilt during verification. */
interface Frame {
  node: TrieNode;
  /** Key whose first `prefixLen` nibbles are the path to this node. */
  prefixKey: Uint8Array;
  prefixLen: number;
  inline: boolean;
  /** Value to encode (the proof's, or the claimed one). */
  value: NodeValue | undefined;
  /** Children before this index are settled in `children`. */
  childIndex: number;
  children: Array<ChildRef | undefined>;
}

function newFrame(data: Uint8Array, prefixKey: Uint8Array, prefixLen: number, inline: boolean): Frame {
  let node: TrieNode;
  try {
    node = decodeNode(data);
  } catch {
    throw new Rejected('DecodeError');
  }
  const value = node.kind === 'empty' ? undefined : node.value;
  return { node, prefixKey, prefixLen, inline, value, childIndex: 0, children: new Array<ChildRef | undefined>(NIBBLE_COUNT).fill(undefined) };
}

/** trie-db `NodeHandle` → `ChildReference` conversion: inline nodes longer than a hash are invalid. */
function checkedRef(ref: ChildRef): ChildRef {
  if (ref.kind === 'inline' && ref.node.length > HASH_LENGTH) throw new Rejected('InvalidChildReference');
  return ref;
}

/** Copies the node's own references for children `[frame.childIndex, upTo)`. */
function settleChildren(frame: Frame, upTo: number): void {
  if (frame.node.kind !== 'branch') return;
  for (; frame.childIndex < upTo; frame.childIndex++) {
    const c = frame.node.children[frame.childIndex];
    if (c !== undefined) frame.children[frame.childIndex] = checkedRef(c);
  }
}

type Match = { kind: 'leafValue' } | { kind: 'branchValue' } | { kind: 'notFound' } | { kind: 'notOmitted' } | { kind: 'child'; prefixLen: number };

/** trie-db `match_key_to_node` against the node as found in the proof. */
function matchKey(key: Uint8Array, prefixLen: number, node: TrieNode): Match {
  if (node.kind === 'empty') return { kind: 'notFound' };
  if (!keyContains(key, node.partial, prefixLen)) return { kind: 'notFound' };
  const end = prefixLen + node.partial.length;
  if (node.kind === 'leaf') {
    if (key.length * 2 !== end) return { kind: 'notFound' };
    return node.value.kind === 'inline' && node.value.value.length === 0 ? { kind: 'leafValue' } : { kind: 'notOmitted' };
  }
  if (key.length * 2 === end) return node.value === undefined ? { kind: 'branchValue' } : { kind: 'notOmitted' };
  return node.children[nibbleAt(key, end)] !== undefined ? { kind: 'child', prefixLen: end + 1 } : { kind: 'notFound' };
}

function runVerify(root: Uint8Array, proof: readonly Uint8Array[], items: Array<readonly [Uint8Array, Uint8Array | undefined]>, version: TrieVersion, hash: TrieHasher): void {
  items.sort((a, b) => compareBytes(a[0], b[0]));
  if (items.length === 0) {
    if (proof.length !== 0) throw new Rejected('ExtraneousNode');
    return;
  }
  for (let i = 1; i < items.length; i++) if (compareBytes(items[i - 1]![0], items[i]![0]) === 0) throw new Rejected('DuplicateKey');
  let next = 0;
  const nextProofNode = (): Uint8Array => {
    const n = proof[next++];
    if (n === undefined) throw new Rejected('IncompleteProof');
    return n;
  };
  const claimValue = (v: Uint8Array): NodeValue => (isHashedValue(v.length, version) ? { kind: 'hashed', hash: hash(v) } : { kind: 'inline', value: v });
  let item = 0;
  const stack: Frame[] = [];
  let frame = newFrame(nextProofNode(), items[0]![0], 0, false);
  for (;;) {
    // Consume the items this node decides; stop at the first one leading into a child.
    let descendTo = -1;
    while (item < items.length) {
      const [key, value] = items[item]!;
      if (key.length * 2 < frame.prefixLen || !samePrefix(key, frame.prefixKey, frame.prefixLen)) break;
      const m = matchKey(key, frame.prefixLen, frame.node);
      if (m.kind === 'child') {
        descendTo = m.prefixLen;
        break;
      }
      switch (m.kind) {
        case 'leafValue':
          if (value === undefined) throw new Rejected('ValueMismatch');
          frame.value = claimValue(value);
          break;
        case 'branchValue':
          frame.value = value === undefined ? undefined : claimValue(value);
          break;
        case 'notFound':
          if (value !== undefined) throw new Rejected('ValueMismatch');
          break;
        case 'notOmitted':
          throw new Rejected('ExtraneousValue');
      }
      item++;
    }
    if (descendTo >= 0) {
      const key = items[item]![0];
      const nib = nibbleAt(key, descendTo - 1);
      settleChildren(frame, nib);
      const handle = (frame.node as Extract<TrieNode, { kind: 'branch' }>).children[nib]!;
      let child: Frame;
      if (handle.kind === 'hash') throw new Rejected('ExtraneousHashReference');
      if (handle.node.length === 0) child = newFrame(nextProofNode(), key, descendTo, false);
      else child = newFrame(handle.node, key, descendTo, true);
      stack.push(frame);
      frame = child;
      continue;
    }
    // Rebuild this node and hand its reference to the parent.
    settleChildren(frame, NIBBLE_COUNT);
    const enc = rebuild(frame);
    let ref: ChildRef;
    if (frame.inline) {
      if (enc.length > HASH_LENGTH) throw new Rejected('InvalidChildReference');
      ref = { kind: 'inline', node: enc };
    } else ref = { kind: 'hash', hash: hash(enc) };
    const parent = stack.pop();
    if (parent === undefined) {
      if (next < proof.length) throw new Rejected('ExtraneousNode');
      if (ref.kind !== 'hash' || !equalBytes(ref.hash, root)) throw new Rejected('RootMismatch');
      return;
    }
    parent.children[parent.childIndex++] = ref;
    frame = parent;
  }
}

function rebuild(frame: Frame): Uint8Array {
  const node = frame.node;
  switch (node.kind) {
    case 'empty':
      return encodeNode(node);
    case 'leaf':
      return encodeNode({ kind: 'leaf', partial: node.partial, value: frame.value! });
    case 'branch':
      return encodeNode({ kind: 'branch', partial: node.partial, value: frame.value, children: frame.children });
  }
}

/**
 * Checks a compact proof: `items` are `[key, value]` (the trie holds `value`
 * under `key`) or `[key, undefined]` (it holds nothing there). Same verdict as
 * sp-trie `verify_trie_proof::<LayoutV{version}>` (`Ok` ⇒ true).
 */
export function verifyProof(
  root: Uint8Array,
  proof: readonly Uint8Array[],
  items: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>,
  version: TrieVersion,
  hash: TrieHasher,
): boolean {
  return explainProof(root, proof, items, version, hash) === undefined;
}

/** Like `verifyProof`, returning why the proof is rejected, or undefined when it holds. */
export function explainProof(
  root: Uint8Array,
  proof: readonly Uint8Array[],
  items: ReadonlyArray<readonly [Uint8Array, Uint8Array | undefined]>,
  version: TrieVersion,
  hash: TrieHasher,
): ProofFailure | undefined {
  try {
    runVerify(root, proof, [...items], version, hash);
    return undefined;
  } catch (e) {
    if (e instanceof Rejected) return e.reason;
    throw e;
  }
}
