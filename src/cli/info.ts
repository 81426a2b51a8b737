/** `swx info`: a human summary of a runtime blob. */
import { toHex } from '../base/bytes.js';
import { runtimeVersionToJson } from '../blob/index.js';
import type { Runtime, RuntimeCode } from '../executor/index.js';

/** The summary, as text and as JSON fields. */
export interface CodeSummary {
  text: string;
  size: number;
  compressed: boolean;
  compressedSize: number;
  codeHash: string;
  /** blake2-256 of the blob as stored in `:code` (maybe compressed): what `authorizeUpgrade` takes. */
  blobHash: string;
  version: ReturnType<typeof runtimeVersionToJson> | null;
  versionSource: 'custom-section' | 'Core_version' | 'none';
  /** Why there is no version (`CODE: message`), when there is none. */
  versionError: string | null;
  imports: string[];
  missingImports: string[];
  memory: { initialPages: number; maxPages: number | null; imported: boolean };
  heapBase: number | null;
  exports: string[];
}

/** Describes `code` compiled as `runtime` (created with allowMissingImports so unknown imports are listed). */
export function describeCode(code: RuntimeCode, runtime: Runtime): CodeSummary {
  const m = code.module;
  const imports = m.imports.map((i) => `${i.module}:${i.name}`);
  const memImport = m.imports.find((i) => i.desc.kind === 'memory');
  const limits = memImport !== undefined && memImport.desc.kind === 'memory' ? memImport.desc.limits : m.memories[0];
  const heapBaseExport = m.exports.find((e) => e.name === '__heap_base' && e.kind === 'global');
  let heapBase: number | null = null;
  if (heapBaseExport !== undefined) {
    const importedGlobals = m.imports.filter((i) => i.desc.kind === 'global').length;
    const g = m.globals[heapBaseExport.index - importedGlobals];
    if (g !== undefined && g.init.op === 'i32.const') heapBase = g.init.value >>> 0;
  }
  const version = runtime.version !== undefined ? runtimeVersionToJson(runtime.version) : null;
  const exportsList = m.exports.filter((e) => e.kind === 'func').map((e) => e.name);
  const s: Omit<CodeSummary, 'text'> = {
    size: code.wasm.length,
    compressed: code.compressed,
    compressedSize: code.original.length,
    codeHash: toHex(code.hash),
    blobHash: toHex(code.services.hashers.blake2_256(code.original)),
    version,
    versionSource: code.embeddedVersion !== undefined ? 'custom-section' : version !== null ? 'Core_version' : 'none',
    versionError: version === null && runtime.versionError !== undefined ? `${runtime.versionError.code}: ${runtime.versionError.message}` : null,
    imports,
    missingImports: [...runtime.missingImports],
    memory: { initialPages: limits?.min ?? 0, maxPages: limits?.max ?? null, imported: memImport !== undefined },
    heapBase,
    exports: exportsList,
  };
  const lines = [
    `size:        ${s.size} bytes${s.compressed ? ` (zstd-compressed: ${s.compressedSize} bytes)` : ' (not compressed)'}`,
    `code hash:   ${s.codeHash} (blake2-256 of the Wasm)`,
    `blob hash:   ${s.blobHash} (blake2-256 of the blob as stored in :code${s.compressed ? ', compressed' : ''}: what authorizeUpgrade takes)`,
    version !== null
      ? `version:     ${version.specName}/${version.implName} spec ${version.specVersion} impl ${version.implVersion} tx ${version.transactionVersion} state V${version.stateVersion} (from ${s.versionSource})`
      : `version:     none (no runtime_version section; Core_version failed: ${s.versionError ?? 'unknown'})`,
    `apis:        ${version === null ? '-' : version.apis.map(([id, n]) => `${id}@${n}`).join(' ')}`,
    `memory:      ${s.memory.initialPages} pages initial, max ${s.memory.maxPages ?? 'none'}${s.memory.imported ? ' (imported)' : ''}`,
    `heap base:   ${heapBase ?? 'none'}`,
    `imports:     ${imports.length} (${s.missingImports.length} not provided by swx${s.missingImports.length > 0 ? ': ' + s.missingImports.join(', ') : ''})`,
    `exports:     ${exportsList.length} functions`,
  ];
  return { text: lines.join('\n'), ...s };
}
