/** Statements around queries, printed for DuckDB: materialising a result as a temporary table, counting it, dropping it. */
import type { Query } from './ast';
import * as q from './build';
import { printQuery, printStatement } from './print-duckdb';

export function createTempTable(name: string, query: Query): string {
  return printStatement(q.createTempTableAs(name, query));
}

export function dropTable(name: string): string {
  return printStatement(q.dropTable(name));
}

/** `SELECT count(*) AS n FROM name`. */
export function countRows(name: string, column = 'n'): string {
  return printQuery(q.select([q.as(q.agg('count'), column)], { from: q.table(name) }));
}
