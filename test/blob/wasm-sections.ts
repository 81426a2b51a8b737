/**
 * Test helper: the payload of the first custom section with a given name in
 * a Wasm binary (a minimal walk over the section headers; the project's real
 * reader lives in src/wasm/).
 */

function leb128U32(bytes: Uint8Array, at: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (let i = at; ; i++) {
    const b = bytes[i];
    if (b === undefined) throw new Error(`LEB128 runs past the end at ${at}`);
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [result, i + 1];
  }
}

/** Payload of the first custom section named `name`, or undefined. */
export function customSection(wasm: Uint8Array, name: string): Uint8Array | undefined {
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at]!;
    const [size, bodyStart] = leb128U32(wasm, at + 1);
    const end = bodyStart + size;
    if (id === 0) {
      const [nameLen, nameStart] = leb128U32(wasm, bodyStart);
      const sectionName = new TextDecoder().decode(wasm.subarray(nameStart, nameStart + nameLen));
      if (sectionName === name) return wasm.subarray(nameStart + nameLen, end);
    }
    at = end;
  }
  return undefined;
}
