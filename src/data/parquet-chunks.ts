/**
 * Parquet decoded a few row groups at a time: the whole file as Arrow would not fit in memory at
 * 20M rows (the decoder's heap never shrinks), one chunk always does.
 */
import { parquetMetadata } from 'hyparquet';

/** Rows per chunk handed to DuckDB: large enough to keep appends cheap, small enough to stay light. */
export const CHUNK_ROWS = 500_000;

/** Decodes the given row groups of a Parquet file to an Arrow IPC stream; none gives the schema alone. */
export type ReadRowGroups = (bytes: Uint8Array, rowGroups: number[]) => Uint8Array;

export function* parquetChunks(bytes: Uint8Array, read: ReadRowGroups, chunkRows = CHUNK_ROWS): Generator<Uint8Array> {
  const groups = parquetMetadata(bytes).row_groups.map((g) => Number(g.num_rows));
  if (groups.length === 0) {
    yield read(bytes, []);
    return;
  }
  let chunk: number[] = [];
  let rows = 0;
  for (const [index, count] of groups.entries()) {
    chunk.push(index);
    rows += count;
    if (rows >= chunkRows || index === groups.length - 1) {
      yield read(bytes, chunk);
      chunk = [];
      rows = 0;
    }
  }
}
