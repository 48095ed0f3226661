/**
 * Copies the tables a load built in native DuckDB into a PostgreSQL schema: DuckDB writes each
 * as CSV (lists as PostgreSQL array text), which streams into `COPY … FROM STDIN`. Only the
 * tables the catalog reads are copied; a type's view over the long table becomes a table.
 */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { Catalog } from '../../engine/catalog';
import * as duck from '../../engine/sql/quote';
import * as pgq from '../../engine/sql/quote-postgres';
import type { Connector } from '../connector';
import { DataError } from '../data-error';
import type { PostgresClient } from './postgres-client';

const INTEGER_TYPES: Record<string, string> = {
  TINYINT: 'SMALLINT',
  UTINYINT: 'SMALLINT',
  SMALLINT: 'SMALLINT',
  USMALLINT: 'INTEGER',
  INTEGER: 'INTEGER',
  UINTEGER: 'BIGINT',
  BIGINT: 'BIGINT',
  UBIGINT: 'NUMERIC',
  HUGEINT: 'NUMERIC',
  UHUGEINT: 'NUMERIC',
};

/** The PostgreSQL column type for a DuckDB type; anything the segments cannot compare is kept as text. */
export function postgresType(duckType: string): string {
  const t = duckType.toUpperCase();
  if (t === 'VARCHAR') return 'TEXT';
  if (t === 'BOOLEAN') return 'BOOLEAN';
  if (t in INTEGER_TYPES) return INTEGER_TYPES[t]!;
  if (t === 'FLOAT' || t === 'REAL') return 'REAL';
  if (t === 'DOUBLE') return 'DOUBLE PRECISION';
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (decimal) return `NUMERIC(${decimal[1]}, ${decimal[2]})`;
  if (t === 'DATE') return 'DATE';
  if (t.startsWith('TIMESTAMP')) return 'TIMESTAMP';
  if (t === 'VARCHAR[]') return 'TEXT[]';
  return 'TEXT';
}

/** The DuckDB expression that writes a column as PostgreSQL's CSV COPY reads it. */
function exportExpr(name: string, duckType: string): string {
  const column = duck.quoteIdentifier(name);
  const pgType = postgresType(duckType);
  if (pgType === 'TEXT[]') {
    // Array text: every element quoted, `"` and `\` escaped, a NULL element spelt NULL.
    const element = `CASE WHEN x IS NULL THEN 'NULL' ELSE '"' || replace(replace(x, '\\', '\\\\'), '"', '\\"') || '"' END`;
    return `CASE WHEN ${column} IS NULL THEN NULL ELSE '{' || array_to_string(list_transform(${column}, lambda x: ${element}), ',') || '}' END`;
  }
  if (pgType === 'TEXT' && duckType.toUpperCase() !== 'VARCHAR') return `CAST(${column} AS VARCHAR)`;
  return column;
}

async function columnsOf(duckdb: Connector, table: string): Promise<{ name: string; type: string }[]> {
  const rows = await duckdb.query(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ${duck.quoteString(table)} ORDER BY ordinal_position`,
  );
  return rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
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
    const columns = await columnsOf(duckdb, table);
    const target = pgq.quoteTableIn(schema, table);
    const definition = columns.map((c) => `${pgq.quoteIdentifier(c.name)} ${postgresType(c.type)}`).join(', ');
    await postgres.execute(`CREATE TABLE ${target} (${definition})`);
    const file = path.join(folder, `copy-${index}.csv`);
    const select = columns.map((c) => `${exportExpr(c.name, c.type)} AS ${duck.quoteIdentifier(c.name)}`).join(', ');
    try {
      await duckdb.query(
        `COPY (SELECT ${select} FROM ${duck.quoteIdentifier(table)}) TO ${duck.quoteString(file)} (FORMAT csv, HEADER false)`,
      );
      await postgres.copyFromFile(`COPY ${target} FROM STDIN (FORMAT csv)`, file).catch((error: unknown) => {
        // e.g. a NUL character, which PostgreSQL text cannot hold.
        throw new DataError(holds, `PostgreSQL cannot take the data (${(error as Error).message})`);
      });
    } finally {
      await rm(file, { force: true });
    }
    await postgres.execute(`ANALYZE ${target}`);
  }
}
