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

const printers: Partial<Record<Dialect, Printer>> = { duckdb, postgres, clickhouse };

export function printerFor(dialect: Dialect): Printer {
  return printers[dialect] ?? fail(dialect);
}

function fail(dialect: Dialect): never {
  throw new Error(`No SQL printer for ${dialect} yet`);
}

export const printQueryIn = (dialect: Dialect, query: Query): string => printerFor(dialect).printQuery(query);
export const printStatementIn = (dialect: Dialect, statement: Statement): string => printerFor(dialect).printStatement(statement);
