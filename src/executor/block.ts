/**
 * Executing a block on a parent state: `Core_execute_block` of the block
 * (header without its seal, extrinsics), with the runtime found in that
 * state's `:code`, prepared as for any call (call-state.ts: child roots,
 * `:heappages`). The runtime checks the state root and extrinsics root
 * itself; a failing block is the runtime's error. The parent state is never
 * modified; the state after the block is returned with its root.
 */
import { SwxError } from '../base/errors.js';
import { CODE_KEY, StateMachine, encodeBlock, type CallLimits, type InMemoryBackend, type StorageBackend } from '../state/index.js';
import { createRuntime, type LocalCallResult, type Runtime } from './runtime.js';
import { loadRuntimeCodeSync } from './runtime-code.js';
import { createServices, type Services } from './services.js';
import type { SemanticsOpts } from './semantics.js';
import { stateVersionOfRuntime } from './call-state.js';

/** A block as `Core_execute_block` takes it. */
export interface BlockInput {
  /** SCALE header without the seal. */
  header: Uint8Array;
  /** SCALE-encoded extrinsics (each with its length prefix). */
  extrinsics: Uint8Array[];
}

/** Options of the state-level helpers: semantics, plus services to share (created when absent). */
export interface StateRuntimeOpts extends SemanticsOpts {
  services?: Services;
  /** Memory caps of the block's call (see CallOpts.limits). */
  limits?: Partial<CallLimits>;
}

/** Result of `executeBlock`. */
export interface ExecuteBlockResult {
  /** Storage root after the block (the runtime checked it against the header). */
  stateRoot: Uint8Array;
  /** Parent state ⊕ the block's changes. */
  state: InMemoryBackend;
  call: LocalCallResult;
  runtime: Runtime;
}

/** Creates the runtime stored in `state`'s `:code`. */
export async function runtimeFromState(state: StorageBackend, opts: StateRuntimeOpts = {}): Promise<Runtime> {
  const { services, ...semantics } = opts;
  const blob = state.get(CODE_KEY);
  if (blob === undefined) throw new SwxError('CHAIN_SPEC_INVALID', 'the state has no :code');
  return createRuntime(loadRuntimeCodeSync(blob, services ?? (await createServices())), semantics);
}

/** Runs `Core_execute_block` of `block` on `state`; throws the runtime's error (exit code 1 in the CLI) on failure. */
export async function executeBlock(state: StorageBackend, block: BlockInput, opts: StateRuntimeOpts = {}): Promise<ExecuteBlockResult> {
  const { limits, ...rest } = opts;
  const runtime = await runtimeFromState(state, rest);
  const call = runtime.callSync('Core_execute_block', encodeBlock(block.header, block.extrinsics), { state, ...(limits !== undefined ? { limits } : {}) });
  const machine = call.storage;
  if (!(machine instanceof StateMachine)) throw new SwxError('INTERNAL', 'a call on a state runs on a StateMachine');
  const version = stateVersionOfRuntime(runtime.version);
  return { stateRoot: machine.storageRoot(version), state: machine.toBackend(version), call, runtime };
}
