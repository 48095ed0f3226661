/**
 * A check is a query and how to read its answer. It knows nothing of the engine that runs it:
 * the DuckDB-WASM loader, and the native engines, print it in their own dialect and ask.
 */
import type { Query, Statement } from '../../engine/sql/ast';
import { printerFor } from '../../engine/sql/dialect';
import type { Row } from '../connector';
import type { SqlRunner } from '../engines/engine';

export interface Check<T> {
  readonly query: Query;
  read(rows: readonly Row[]): T;
}

export async function ask<T>(runner: SqlRunner, check: Check<T>): Promise<T> {
  return check.read(await runner.query(printerFor(runner.dialect).printQuery(check.query)));
}

export async function execute(runner: SqlRunner, statement: Statement): Promise<void> {
  await runner.execute(printerFor(runner.dialect).printStatement(statement));
}

/** A column of the first row, absent when there is no row or the value is NULL. */
export function firstValue(rows: readonly Row[], column: string): unknown {
  const value = rows[0]?.[column];
  return value === null ? undefined : value;
}
