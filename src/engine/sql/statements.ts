/** Statements around queries: materialising a result as a temporary table, counting it, dropping it. */
import type { Query } from './ast';
import * as q from './build';
import { printQuery } from './print-duckdb';
import { quoteIdentifier } from './quote';

export function createTempTable(name: string, query: Query): string {
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} AS\n${printQuery(query)}`;
}

export function dropTable(name: string): string {
  return `DROP TABLE IF EXISTS ${quoteIdentifier(name)}`;
}

/** `SELECT count(*) AS n FROM name`. */
export function countRows(name: string, column = 'n'): string {
  return printQuery(q.select([q.as(q.agg('count'), column)], { from: q.table(name) }));
}
