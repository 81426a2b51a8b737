/** `swx compress` / `swx decompress`: the Substrate-prefixed zstd form of a blob and back. */
import { compress as compressBlob } from '../../blob/index.js';
import { createServices } from '../../executor/index.js';
import type { CommandSpec } from '../command.js';
import { readInputFile } from '../io.js';
import { writeOutput } from '../output.js';
import { INPUT_OPTION, inputLimitsOf } from '../options.js';

export const COMPRESS_COMMAND: CommandSpec = {
  name: 'compress',
  summary: 'a runtime blob in the Substrate-prefixed zstd form (52bc537646db8e05)',
  args: [{ name: 'IN' }, { name: 'OUT' }],
  options: [INPUT_OPTION],
  examples: ['swx compress runtime.wasm runtime.compact.compressed.wasm'],
  async run(args, io) {
    const [inPath, outPath] = args.positionals as [string, string];
    const { decompressor } = await createServices();
    const raw = decompressor.decompress(readInputFile(inPath, { kind: 'runtime', ...inputLimitsOf(args) })).code;
    const packed = await compressBlob(raw);
    writeOutput(outPath, packed, io);
    if (outPath !== '-') io.out(`${inPath}: ${raw.length} bytes -> ${outPath}: ${packed.length} bytes`);
  },
};

export const DECOMPRESS_COMMAND: CommandSpec = {
  name: 'decompress',
  summary: 'the raw Wasm of a (maybe compressed) runtime blob',
  args: [{ name: 'IN' }, { name: 'OUT' }],
  options: [INPUT_OPTION],
  examples: ['swx decompress runtime.compact.compressed.wasm runtime.wasm'],
  async run(args, io) {
    const [inPath, outPath] = args.positionals as [string, string];
    const { decompressor } = await createServices();
    const { code, compressed } = decompressor.decompress(readInputFile(inPath, { kind: 'runtime', ...inputLimitsOf(args) }));
    writeOutput(outPath, code, io);
    if (outPath !== '-') io.out(`${inPath}: ${compressed ? 'compressed' : 'not compressed'} -> ${outPath}: ${code.length} bytes`);
  },
};
