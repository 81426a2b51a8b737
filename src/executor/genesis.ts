/**
 * Genesis facts of a raw chain spec's state: the genesis state root, in the
 * layout of the state version its `:code` runtime declares, and the genesis
 * block hash (state/genesis.ts). As sc-chain-spec's
 * `resolve_state_version_from_wasm`, a state without `:code`, or whose
 * runtime's version cannot be read, has no genesis: an error, not V0.
 */
import { SwxError } from '../base/errors.js';
import { CODE_KEY, genesisHash, genesisStateRoot, type StateVersion, type StorageBackend } from '../state/index.js';
import { runtimeFromState, type StateRuntimeOpts } from './block.js';
import { createServices } from './services.js';
import { stateVersionOfRuntime } from './call-state.js';

/** Genesis facts of a state. */
export interface GenesisInfo {
  stateVersion: StateVersion;
  stateRoot: Uint8Array;
  genesisHash: Uint8Array;
}

/** Genesis state root (layout per the `:code` runtime's state version) and genesis hash. */
export async function genesisInfo(state: StorageBackend, opts: Pick<StateRuntimeOpts, 'services'> = {}): Promise<GenesisInfo> {
  const services = opts.services ?? (await createServices());
  if (state.get(CODE_KEY) === undefined) {
    throw new SwxError('CHAIN_SPEC_INVALID', 'the state has no :code: the genesis layout (state version) comes from the runtime\'s version');
  }
  const runtime = await runtimeFromState(state, { services, allowMissingImports: true, instantiationStrategy: 'recreate' });
  if (runtime.version === undefined) {
    const why = runtime.versionError;
    throw why ?? new SwxError('VERSION_INVALID', 'the :code runtime has no version; the genesis layout cannot be read');
  }
  const version: StateVersion = stateVersionOfRuntime(runtime.version);
  const stateRoot = genesisStateRoot(state, version, services.hashers.blake2_256);
  return { stateVersion: version, stateRoot, genesisHash: genesisHash(stateRoot, services.hashers) };
}
