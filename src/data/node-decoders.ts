/** Parquet decoding in Node: parquet-wasm's Node build, which loads its wasm synchronously. */
import { readParquet } from 'parquet-wasm';
import type { Decoders } from './decode-file';

export const nodeDecoders: Decoders = {
  readParquetRowGroups: (bytes, rowGroups) => readParquet(bytes, { rowGroups, batchSize: 131_072 }).intoIPCStream(),
};
