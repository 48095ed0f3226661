/**
 * The one interface every engine a library can run on implements: DuckDB-WASM (the app's),
 * native DuckDB, PostgreSQL and ClickHouse. The evaluator, `--explain` and `--timeline` talk
 * only to this; each engine prints SQL in its own dialect.
 */
import type { Catalog } from '../../engine/catalog';
import type { Dialect } from '../../engine/sql/dialect';
import type { Connector, Row } from '../connector';

export type EngineName = 'wasm' | 'native' | 'postgres' | 'clickhouse';

export const ENGINE_NAMES: readonly EngineName[] = ['wasm', 'native', 'postgres', 'clickhouse'];

export interface LoadedData {
  readonly catalog: Catalog;
  readonly warnings: readonly string[];
}

/** What evaluating needs of an engine: SQL in its dialect, in and rows out. */
export interface SqlRunner {
  readonly dialect: Dialect;
  /** Runs a statement that returns no rows. */
  execute(sql: string): Promise<void>;
  /** Runs a query and returns plain rows (numbers, strings, booleans, epoch ms for timestamps). */
  query(sql: string): Promise<Row[]>;
}

/** DuckDB-WASM's connector, as the app and the tests hold it, seen as a runner. */
export function connectorRunner(db: Connector): SqlRunner {
  return { dialect: 'duckdb', execute: async (sql) => void (await db.query(sql)), query: (sql) => db.query(sql) };
}

export interface Engine extends SqlRunner {
  readonly name: EngineName;
  /** Loads a data folder, or binds the server tables its `catalog.json` names. */
  load(folder: string): Promise<LoadedData>;
  /** Drops what `load` created and disconnects. */
  close(): Promise<void>;
}
