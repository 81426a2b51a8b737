/** Compiles WebAssembly text to a binary with wabt (a devDependency), for small test modules. */
import wabtInit from 'wabt';

const wabtReady = wabtInit();

/** The binary of a WAT module (all wabt features that Substrate runtimes may use). */
export async function wat(text: string): Promise<Uint8Array> {
  const wabt = await wabtReady;
  const m = wabt.parseWat('test.wat', text, { mutable_globals: true, sign_extension: true, sat_float_to_int: true, multi_value: true, bulk_memory: true });
  try {
    return m.toBinary({}).buffer;
  } finally {
    m.destroy();
  }
}
