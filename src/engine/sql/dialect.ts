/**
 * The SQL dialects segments are printed in. Each has its own printer and its own quoting file;
 * the compiler builds one AST for all of them.
 */
import type { Query, Statement } from './ast';
import * as clickhouse from './print-clickhouse';
import * as duckdb from './print-duckdb';
import * as postgres from './print-postgres';

export type Dialect = 'duckdb' | 'postgres' | 'clickhouse';

export const DIALECTS: readonly Dialect[] = ['duckdb', 'postgres', 'clickhouse'];

export interface Printer {
  printQuery(query: Query): string;
  printStatement(statement: Statement): string;
}

/**
 * Whose tables a query reads: the engine's own (the default), or a warehouse's (`external`, SQL
 * copied out of the app). Only ClickHouse prints them apart: its engine stores timestamps as
 * microseconds and text beside a lowercased copy, where a warehouse has DateTime and String.
 */
export type TableStorage = 'engine' | 'external';

const printers: Partial<Record<Dialect, Printer>> = { duckdb, postgres, clickhouse };
const externalClickhouse: Printer = { ...clickhouse, printQuery: (query) => clickhouse.printQuery(query, 'external') };

export function printerFor(dialect: Dialect, storage: TableStorage = 'engine'): Printer {
  if (dialect === 'clickhouse' && storage === 'external') return externalClickhouse;
  return printers[dialect] ?? fail(dialect);
}

function fail(dialect: Dialect): never {
  throw new Error(`No SQL printer for ${dialect} yet`);
}

export const printQueryIn = (dialect: Dialect, query: Query): string => printerFor(dialect).printQuery(query);
export const printStatementIn = (dialect: Dialect, statement: Statement): string => printerFor(dialect).printStatement(statement);
