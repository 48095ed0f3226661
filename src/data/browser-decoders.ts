/** Parquet decoding in the browser: parquet-wasm, its wasm served with the app. */
import initParquet, { readParquet } from 'parquet-wasm/esm';
import parquetWasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { Decoders } from './decode-file';
import { parquetChunks } from './parquet-chunks';

let ready: Promise<unknown> | undefined;

export async function createBrowserDecoders(): Promise<Decoders> {
  ready ??= initParquet({ module_or_path: parquetWasm });
  await ready;
  return {
    parquetToArrowStreams: (bytes) =>
      parquetChunks(bytes, (b, rowGroups) => readParquet(b, { rowGroups, batchSize: 131_072 }).intoIPCStream()),
  };
}
