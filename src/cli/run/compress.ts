/** The work of `swx compress`; its spec (options, help) is commands/compress.ts. */
import { compress as compressBlob } from '../../blob/index.js';
import { createServices } from '../../executor/index.js';
import type { CliIo } from '../command.js';
import { readInputFile } from '../io.js';
import { writeOutput } from '../output.js';
import { inputLimitsOf } from '../options.js';
import type { ParsedArgs } from '../args.js';

/** Runs `swx compress` (spec: commands/compress.ts). */
export async function runCompress(args: ParsedArgs, io: CliIo): Promise<void> {
  const [inPath, outPath] = args.positionals as [string, string];
  const { decompressor } = await createServices();
  const raw = decompressor.decompress(readInputFile(inPath, { kind: 'runtime', ...inputLimitsOf(args) })).code;
  const packed = await compressBlob(raw);
  writeOutput(outPath, packed, io);
  if (outPath !== '-') io.out(`${inPath}: ${raw.length} bytes -> ${outPath}: ${packed.length} bytes`);
}

/** Runs `swx decompress` (spec: commands/compress.ts). */
export async function runDecompress(args: ParsedArgs, io: CliIo): Promise<void> {
  const [inPath, outPath] = args.positionals as [string, string];
  const { decompressor } = await createServices();
  const { code, compressed } = decompressor.decompress(readInputFile(inPath, { kind: 'runtime', ...inputLimitsOf(args) }));
  writeOutput(outPath, code, io);
  if (outPath !== '-') io.out(`${inPath}: ${compressed ? 'compressed' : 'not compressed'} -> ${outPath}: ${code.length} bytes`);
}
