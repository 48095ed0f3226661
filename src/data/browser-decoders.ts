/** Parquet decoding in the browser: parquet-wasm, its wasm served with the app. */
import initParquet, { readParquet } from 'parquet-wasm/esm';
import parquetWasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { Decoders } from './decode-file';

let ready: Promise<unknown> | undefined;

export async function createBrowserDecoders(): Promise<Decoders> {
  ready ??= initParquet({ module_or_path: parquetWasm });
  await ready;
  return {
    readParquetRowGroups: (bytes, rowGroups) => readParquet(bytes, { rowGroups, batchSize: 131_072 }).intoIPCStream(),
  };
}
