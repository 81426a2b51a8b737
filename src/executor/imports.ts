/**
 * Resolving a module's imports against the host registry (sc-executor
 * `imports.rs`): only module `env` is served; function imports are matched by
 * exact name and their signature must equal the registered one; any other
 * import kind is refused (the memory import was turned into an export during
 * preparation). Unknown functions are an error listing every one of them,
 * unless `allowMissingImports`, which links a stub that traps when called
 * ("call to a missing function env:NAME").
 */
import { EXIT, SwxError, errorCodeInfo, isSwxError } from '../base/errors.js';
import type { WasmModule } from '../wasm/index.js';
import type { HostRegistry } from '../host/registry.js';
import type { HostContext, HostFunction, HostImpl, ValType } from '../host/types.js';

/** The one import module Substrate serves. */
export const HOST_MODULE = 'env';

/** One function import of the module and what serves it. */
export interface ImportBinding {
  name: string;
  /** The host function, or undefined for a trapping stub (allowMissingImports). */
  fn: HostFunction | undefined;
}

/** The resolved imports of a module, ready to bind to each instance. */
export interface ImportPlan {
  bindings: ImportBinding[];
  missing: string[];
}

function sig(params: readonly string[], results: readonly string[]): string {
  return `(${params.join(', ')}) -> (${results.join(', ')})`;
}

/** Resolves every import of `m`; throws HOST_MISSING_IMPORTS / HOST_SIGNATURE_MISMATCH / HOST_UNSUPPORTED_IMPORT. */
export function resolveImports(m: Pick<WasmModule, 'imports' | 'types'>, registry: HostRegistry, allowMissing: boolean): ImportPlan {
  const bindings: ImportBinding[] = [];
  const missing: string[] = [];
  for (const imp of m.imports) {
    const where = `${imp.module}:${imp.name}`;
    if (imp.desc.kind !== 'func') {
      throw new SwxError('HOST_UNSUPPORTED_IMPORT', `unsupported ${imp.desc.kind} import ${where}: only function imports from "env" are allowed`, { import: where });
    }
    if (imp.module !== HOST_MODULE) {
      throw new SwxError('HOST_UNSUPPORTED_IMPORT', `unsupported import module "${imp.module}" (${where}): only "env" is served`, { import: where });
    }
    const type = m.types[imp.desc.typeIndex];
    if (type === undefined) throw new SwxError('WASM_INVALID', `import ${where} has an unknown type index ${imp.desc.typeIndex}`);
    const fn = registry.get(imp.name);
    if (fn === undefined) {
      missing.push(imp.name);
      bindings.push({ name: imp.name, fn: undefined });
      continue;
    }
    const want = sig(fn.params, fn.results);
    const got = sig(type.params, type.results);
    if (want !== got) {
      throw new SwxError('HOST_SIGNATURE_MISMATCH', `host function ${imp.name} has signature ${want} but the runtime imports it as ${got}`, { hostFunction: imp.name, expected: want, got });
    }
    bindings.push({ name: imp.name, fn });
  }
  if (missing.length > 0 && !allowMissing) {
    throw new SwxError(
      'HOST_MISSING_IMPORTS',
      `runtime requires function imports which are not present on the host: ${missing.map((n) => `env:${n}`).join(', ')}`,
      { missing },
    );
  }
  return { bindings, missing };
}

/**
 * Adds the host function's name to an error thrown while serving it. What
 * the runtime handed a host function is the runtime's doing: an error that
 * would mean bad input elsewhere (e.g. undecodable SCALE) becomes
 * HOST_BAD_ARGUMENT, a runtime failure.
 */
function annotate(e: unknown, name: string): unknown {
  if (!isSwxError(e)) return e;
  if (errorCodeInfo(e.code).exit === EXIT.badInput) {
    return new SwxError('HOST_BAD_ARGUMENT', `${name}: ${e.message}`, { ...e.context, hostFunction: name, cause: e.code }, { cause: e });
  }
  if (e.context.hostFunction === undefined) e.context.hostFunction = name;
  return e;
}

type Callable = (...a: Array<number | bigint>) => number | bigint | void;

/** Wraps `impl` so that its errors carry the host function's name; fixed arities avoid rest-argument allocation. */
function wrap(name: string, impl: HostImpl, params: readonly ValType[]): Callable {
  const f = impl as unknown as Callable;
  switch (params.length) {
    case 0:
      return () => { try { return f(); } catch (e) { throw annotate(e, name); } };
    case 1:
      return (a) => { try { return f(a!); } catch (e) { throw annotate(e, name); } };
    case 2:
      return (a, b) => { try { return f(a!, b!); } catch (e) { throw annotate(e, name); } };
    case 3:
      return (a, b, c) => { try { return f(a!, b!, c!); } catch (e) { throw annotate(e, name); } };
    case 4:
      return (a, b, c, d) => { try { return f(a!, b!, c!, d!); } catch (e) { throw annotate(e, name); } };
    default:
      return (...args) => { try { return f(...args); } catch (e) { throw annotate(e, name); } };
  }
}

/** The `WebAssembly.Imports` object binding `plan` to `ctx`. */
export function buildImportObject(plan: ImportPlan, ctx: HostContext): WebAssembly.Imports {
  const env: Record<string, Callable> = {};
  for (const b of plan.bindings) {
    if (b.fn === undefined) {
      const name = b.name;
      env[name] = () => {
        throw new SwxError('HOST_MISSING_FUNCTION_CALLED', `call to a missing function env:${name}`, { hostFunction: name });
      };
    } else {
      env[b.name] = wrap(b.name, b.fn.bind(ctx), b.fn.params);
    }
  }
  return { [HOST_MODULE]: env };
}
