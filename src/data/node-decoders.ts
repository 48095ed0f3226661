/**
 * Parquet decoding in Node: parquet-wasm's Node build, which loads its wasm synchronously. It is
 * required on first use: a native load reads Parquet in place and never needs it.
 */
import { createRequire } from 'node:module';
import type { Decoders } from './decode-file';

const require = createRequire(import.meta.url);
export const parquetWasm = (): typeof import('parquet-wasm') => require('parquet-wasm') as typeof import('parquet-wasm');

export const nodeDecoders: Decoders = {
  readParquetRowGroups: (bytes, rowGroups) => parquetWasm().readParquet(bytes, { rowGroups, batchSize: 131_072 }).intoIPCStream(),
};
