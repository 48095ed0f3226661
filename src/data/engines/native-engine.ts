/**
 * `--engine native`: the app's loader and evaluator on native DuckDB, all cores, spilling to a
 * temporary folder past its memory limit. Parquet is read in place by DuckDB; CSV and Arrow are
 * decoded by the project's own code (CSV typed by SPEC §2's rules, exactly as in the app).
 */
import * as q from '../../engine/sql/build';
import { fileFormat, type Decoders } from '../decode-file';
import { loadData } from '../load-data';
import { nodeDecoders } from '../node-decoders';
import { readDataFolder } from '../read-folder';
import type { Engine } from './engine';
import { openNativeDuckDb } from './native-duckdb';

const isParquet = (name: string) => fileFormat(name)?.format === 'parquet';

export const nativeDecoders: Decoders = {
  ...nodeDecoders,
  readInPlace: (file, format) => (format === 'parquet' && file.path !== undefined ? q.readParquet(file.path) : undefined),
};

export async function createNativeEngine(): Promise<Engine> {
  const db = await openNativeDuckDb();
  return {
    name: 'native',
    dialect: 'duckdb',
    async load(folder) {
      // Native DuckDB spills a sort past its memory limit: the InteractionIds' hashes are sorted whole, with no slicing.
      return loadData(db, await readDataFolder(folder, isParquet), nativeDecoders, { idCheckSliceRows: Number.POSITIVE_INFINITY });
    },
    execute: async (sql) => void (await db.connection.run(sql)),
    query: (sql) => db.query(sql),
    close: () => db.close(),
  };
}
