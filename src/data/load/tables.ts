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

/**
 * Several tables' columns with their DuckDB types, in order, in one query; `database` picks one
 * attached database. Reading information_schema costs as much as the database has tables, so a
 * load of many files asks once for all of them rather than once per file.
 */
export function tablesColumns(tables: readonly string[], database?: string): Check<Map<string, Column[]>> {
  const named = q.inList(q.col(undefined, 'table_name'), tables.map(q.text));
  return {
    query: q.select(
      [
        q.as(q.col(undefined, 'table_name'), 'table'),
        q.as(q.col(undefined, 'column_name'), 'name'),
        q.as(q.col(undefined, 'data_type'), 'type'),
      ],
      {
        from: q.tableIn(INFORMATION_SCHEMA, 'columns'),
        where: database === undefined ? named : q.and(q.compare('=', q.col(undefined, 'table_catalog'), q.text(database)), named),
        orderBy: [q.col(undefined, 'table_name'), q.col(undefined, 'ordinal_position')],
      },
    ),
    read: (rows) => {
      const columns = new Map<string, Column[]>(tables.map((t) => [t, []]));
      for (const r of rows) columns.get(String(r.table))?.push({ name: String(r.name), type: String(r.type) });
      return columns;
    },
  };
}

/** A table's columns with their DuckDB types, in order; `database` picks one attached database. */
export function tableColumns(table: string, database?: string): Check<Column[]> {
  const check = tablesColumns([table], database);
  return { query: check.query, read: (rows) => check.read(rows).get(table)! };
}

const asFields = (columns: readonly Column[]): Fields => Object.fromEntries(columns.map((c) => [c.name, fieldTypeOf(c.type)]));

/** A loaded table's fields as the engine types them. */
export async function tableFields(runner: SqlRunner, table: string): Promise<Fields> {
  return asFields(await ask(runner, tableColumns(table)));
}

/** Several loaded tables' fields, in one query. */
export async function tablesFields(runner: SqlRunner, tables: readonly string[]): Promise<Map<string, Fields>> {
  if (tables.length === 0) return new Map();
  const columns = await ask(runner, tablesColumns(tables));
  return new Map([...columns].map(([table, c]) => [table, asFields(c)]));
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
