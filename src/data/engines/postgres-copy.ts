/**
 * Copies the tables a load built in native DuckDB into a PostgreSQL schema: DuckDB writes each
 * as CSV (lists as PostgreSQL array text), which streams into `COPY … FROM STDIN`. Only the
 * tables the catalog reads are copied; a type's view over the long table becomes a table.
 */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { Catalog } from '../../engine/catalog';
import type { ColumnType, ColumnTypeName, Expr } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import * as duck from '../../engine/sql/print-duckdb';
import * as pg from '../../engine/sql/print-postgres';
import type { Connector } from '../connector';
import { DataError } from '../data-error';
import { ask } from '../load/check';
import { tableColumns } from '../load/tables';
import { connectorRunner } from './engine';
import type { PostgresClient } from './postgres-client';

/** DuckDB's integer types by the PostgreSQL column that holds every value (PostgreSQL has no unsigned integers). */
const INTEGER_TYPES: Record<string, ColumnTypeName> = {
  TINYINT: 'SMALLINT',
  UTINYINT: 'SMALLINT',
  SMALLINT: 'SMALLINT',
  USMALLINT: 'INTEGER',
  INTEGER: 'INTEGER',
  UINTEGER: 'BIGINT',
  BIGINT: 'BIGINT',
  UBIGINT: 'HUGEINT',
  HUGEINT: 'HUGEINT',
  UHUGEINT: 'HUGEINT',
};

const TEXT = q.columnType('VARCHAR');
const TEXT_LIST = q.listOf(TEXT);

/** The PostgreSQL column type for a DuckDB type; anything the segments cannot compare is kept as text. */
export function postgresType(duckType: string): ColumnType {
  const t = duckType.toUpperCase();
  if (t === 'VARCHAR') return TEXT;
  if (t === 'BOOLEAN') return q.columnType('BOOLEAN');
  if (t in INTEGER_TYPES) return q.columnType(INTEGER_TYPES[t]!);
  if (t === 'FLOAT' || t === 'REAL') return q.columnType('FLOAT');
  if (t === 'DOUBLE') return q.columnType('DOUBLE');
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (decimal) return q.decimalType(Number(decimal[1]), Number(decimal[2]));
  if (t === 'DATE') return q.columnType('DATE');
  if (t.startsWith('TIMESTAMP')) return q.columnType('TIMESTAMP');
  if (t === 'VARCHAR[]') return TEXT_LIST;
  return TEXT;
}

/** PostgreSQL array text of one element: quoted, `"` and `\` escaped, a NULL element spelt NULL. */
const ARRAY_ELEMENT = q.caseWhen(
  [[q.isNull(q.ELEMENT), q.text('NULL')]],
  q.concat(
    q.text('"'),
    q.call('replace', q.call('replace', q.ELEMENT, q.text('\\'), q.text('\\\\')), q.text('"'), q.text('\\"')),
    q.text('"'),
  ),
);

/** The DuckDB expression that writes a column as PostgreSQL's CSV COPY reads it. */
function exportExpr(name: string, duckType: string): Expr {
  const column = q.col(undefined, name);
  const pgType = postgresType(duckType);
  if (pgType === TEXT_LIST) {
    const elements = q.call('array_to_string', q.listTransform(column, ARRAY_ELEMENT), q.text(','));
    return q.caseWhen([[q.isNull(column), q.NULL]], q.concat(q.text('{'), elements, q.text('}')));
  }
  if (pgType === TEXT && duckType.toUpperCase() !== 'VARCHAR') return q.cast(column, 'VARCHAR');
  return column;
}

/** The tables the compiled segments read, each with what it holds (an entity or an interaction type) for messages. */
export function catalogTables(catalog: Catalog): { table: string; holds: string }[] {
  const tables = new Map<string, string>();
  for (const [name, e] of Object.entries(catalog.entities)) tables.set(e.table, name);
  for (const [type, t] of Object.entries(catalog.interactions.types)) if (!tables.has(t.table)) tables.set(t.table, type);
  return [...tables].map(([table, holds]) => ({ table, holds }));
}

export async function copyTables(
  duckdb: Connector,
  folder: string,
  postgres: PostgresClient,
  schema: string,
  tables: readonly { table: string; holds: string }[],
): Promise<void> {
  for (const [index, { table, holds }] of tables.entries()) {
    const columns = await ask(connectorRunner(duckdb), tableColumns(table));
    const target = q.tableName(table, schema);
    await postgres.execute(
      pg.printStatement(
        q.createTable(
          target,
          columns.map((c) => ({ name: c.name, type: postgresType(c.type) })),
        ),
      ),
    );
    const file = path.join(folder, `copy-${index}.csv`);
    const select = q.select(
      columns.map((c) => q.as(exportExpr(c.name, c.type), c.name)),
      { from: q.table(table) },
    );
    try {
      await duckdb.query(duck.printStatement(q.copyToCsv(select, file)));
      await postgres.copyFromFile(pg.printStatement(q.copyCsvFromStdin(target)), file).catch((error: unknown) => {
        // e.g. a NUL character, which PostgreSQL text cannot hold.
        throw new DataError(holds, `PostgreSQL cannot take the data (${(error as Error).message})`);
      });
    } finally {
      await rm(file, { force: true });
    }
    await postgres.execute(pg.printStatement(q.analyze(target)));
  }
}
