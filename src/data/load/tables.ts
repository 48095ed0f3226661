/** What the database holds: a table's columns and fields, its rows, and dropping what a load made. */
import type { FieldType, Fields } from '../../engine/catalog';
import type { Expr, From } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import type { SqlRunner } from '../engines/engine';
import { ask, execute, firstValue, type Check } from './check';

export interface Column {
  readonly name: string;
  readonly type: string;
}

export function fieldTypeOf(duckType: string): FieldType {
  const t = duckType.toUpperCase();
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'text';
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(t))
    return 'number';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'VARCHAR[]') return 'textList';
  return 'other';
}

const INFORMATION_SCHEMA = { schema: 'information_schema' };

/** A table's columns with their DuckDB types, in order; `database` picks one attached database. */
export function tableColumns(table: string, database?: string): Check<Column[]> {
  const named = q.compare('=', q.col(undefined, 'table_name'), q.text(table));
  return {
    query: q.select([q.as(q.col(undefined, 'column_name'), 'name'), q.as(q.col(undefined, 'data_type'), 'type')], {
      from: q.tableIn(INFORMATION_SCHEMA, 'columns'),
      where: database === undefined ? named : q.and(q.compare('=', q.col(undefined, 'table_catalog'), q.text(database)), named),
      orderBy: [q.col(undefined, 'ordinal_position')],
    }),
    read: (rows) => rows.map((r) => ({ name: String(r.name), type: String(r.type) })),
  };
}

/** A loaded table's fields as the engine types them. */
export async function tableFields(runner: SqlRunner, table: string): Promise<Fields> {
  return Object.fromEntries((await ask(runner, tableColumns(table))).map((c) => [c.name, fieldTypeOf(c.type)]));
}

/** Rows of a table (a name, or any FROM such as a table in another database), optionally only those where `where` holds. */
export function rowCount(from: string | From, where?: Expr): Check<number> {
  return {
    query: q.select([q.as(q.agg('count'), 'n')], { from: typeof from === 'string' ? q.table(from) : from, ...(where ? { where } : {}) }),
    read: (rows) => Number(firstValue(rows, 'n') ?? 0),
  };
}

function tableKinds(tables: readonly string[]): Check<Map<string, 'table' | 'view'>> {
  return {
    query: q.select([q.as(q.col(undefined, 'table_name'), 'name'), q.as(q.col(undefined, 'table_type'), 'type')], {
      from: q.tableIn(INFORMATION_SCHEMA, 'tables'),
      where: q.inList(q.col(undefined, 'table_name'), tables.map(q.text)),
    }),
    read: (rows) => new Map(rows.map((r) => [String(r.name), String(r.type) === 'VIEW' ? 'view' : 'table'])),
  };
}

/** Drops tables and views a load created, newest first (views before the table they read). */
export async function dropTables(runner: SqlRunner, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  const kinds = await ask(runner, tableKinds(tables));
  for (const table of [...tables].reverse()) {
    const kind = kinds.get(table);
    if (kind) await execute(runner, kind === 'view' ? q.dropView(table) : q.dropTable(table));
  }
}
