/**
 * Genesis facts of a raw chain spec's state: the genesis state root, in the
 * layout of the state version its `:code` runtime declares (V0 without
 * `:code`), and the genesis block hash (state/genesis.ts).
 */
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
  let version: StateVersion = 0;
  if (state.get(CODE_KEY) !== undefined) {
    const runtime = await runtimeFromState(state, { services, allowMissingImports: true, instantiationStrategy: 'recreate' });
    version = stateVersionOfRuntime(runtime.version);
  }
  const stateRoot = genesisStateRoot(state, version, services.hashers.blake2_256);
  return { stateVersion: version, stateRoot, genesisHash: genesisHash(stateRoot, services.hashers) };
}
