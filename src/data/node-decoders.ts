/** Parquet decoding in Node: parquet-wasm's Node build, which loads its wasm synchronously. */
import { readParquet } from 'parquet-wasm';
import type { Decoders } from './decode-file';
import { parquetChunks } from './parquet-chunks';

export const nodeDecoders: Decoders = {
  parquetToArrowStreams: (bytes) =>
    parquetChunks(bytes, (b, rowGroups) => readParquet(b, { rowGroups, batchSize: 131_072 }).intoIPCStream()),
};
