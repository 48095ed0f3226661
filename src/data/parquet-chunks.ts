/**
 * Parquet decoded a few row groups at a time: the whole file as Arrow would not fit in memory at
 * 20M rows (the decoder's heap never shrinks), one chunk always does.
 */
import { parquetMetadata } from 'hyparquet';

/**
 * Rows per chunk handed to DuckDB: a chunk closes at the first row group that reaches it, so a
 * file written in DuckDB's or Spark's row groups is decoded one row group at a time. The
 * decoder's heap grows to the largest chunk and never shrinks, and each chunk's bytes linger in
 * DuckDB's worker as garbage after their append, so small chunks keep the tab's peak down;
 * appends cost about the same per row at any size measured (BENCHMARKS.md, "straight appends").
 */
export const CHUNK_ROWS = 100_000;

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
