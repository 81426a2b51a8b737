/**
 * The `swx --help` text, in a module of its own that imports nothing: the
 * executable prints it without loading the executor.
 */

/** Usage of the W3F host-API adapter (`swx hostapi`). */
export const HOSTAPI_USAGE = `  swx hostapi [host-api] --function F [--input a,b,...] [--runtime PATH]
                                                 a W3F host-API conformance case (ADAPTER.md)
  swx hostapi state-trie trie-root|insert-and-delete [--keys-in-hex] --state-file F`;

/** `swx --help`. */
export const USAGE = `swx — run Substrate/Polkadot runtimes on V8

usage:
  swx info RUNTIME [--json]                      size, compression, version, APIs, imports, memory
  swx version RUNTIME [--json]                   the runtime version
  swx metadata RUNTIME [-o FILE] [--json]        Metadata_metadata: length and blake2-256 (-o writes the bytes)
  swx call RUNTIME METHOD [INPUT_HEX] [--state STATE] [--timeout MS] [--json]
                                                 call any runtime API; prints output, storage changes, logs
                                                 (--timeout runs it in a worker thread stopped after MS)
  swx genesis STATE [--json]                     genesis state root and block hash of a raw chain spec
  swx execute-block --state STATE --block BLOCK.json [--json]
  swx compress IN OUT | swx decompress IN OUT    Substrate-prefixed zstd form and back
  swx demo [--json]                              (npm start) the embedded asset-hub-rococo genesis runtime
${HOSTAPI_USAGE}

RUNTIME: a runtime blob (raw Wasm or zstd behind 52bc537646db8e05) or a chain spec JSON with a raw genesis
STATE:   a chain spec JSON with a raw genesis
options: --strategy recreate|pooled|legacy-reuse  --heap-pages N  --allow-missing-imports
         --no-cache (bypass the artifact cache in $SWX_CACHE_DIR, default ~/.cache/swx)  --timings (phase times on stderr)
exit codes: 0 success, 1 the runtime failed, 2 bad input`;
