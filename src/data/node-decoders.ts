/** Parquet decoding in Node: parquet-wasm's Node build, which loads its wasm synchronously. */
import { readParquet } from 'parquet-wasm';
import type { Decoders } from './decode-file';

export const nodeDecoders: Decoders = {
  parquetToArrowStream: (bytes) => readParquet(bytes).intoIPCStream(),
};
