/**
 * Prints the SQL tree as PostgreSQL SQL. Keys are text, set operations, zero-count LEFT JOINs
 * and `NOT coalesce(…)` mean the same as in DuckDB; what differs is spelt here: text search
 * and list functions, arrays, casts, and temporary tables (no CREATE OR REPLACE).
 */
import type { CastType, ScalarFunction } from './ast';
import { columnTypePrinter, literalPrinter, makePrinter } from './print-sql';
import * as quote from './quote-postgres';

function printCall(fn: ScalarFunction, args: readonly string[]): string {
  const [a, b] = args;
  switch (fn) {
    case 'contains':
      // strpos, not LIKE: `%`, `_` and `\` in the value stay ordinary characters.
      return `(strpos(${a}, ${b}) > 0)`;
    case 'ends_with':
      return `(right(${a}, length(${b})) = ${b})`;
    case 'list_has_any':
      // Array overlap compares elements with =, so NULL elements never match, as DuckDB ignores them.
      return `(${a} && ${b})`;
    case 'list_has_all':
      return `(${a} @> ${b})`;
    default:
      return `${fn}(${args.join(', ')})`;
  }
}

const CAST_TYPES: Record<CastType, string> = {
  VARCHAR: 'TEXT',
  DOUBLE: 'DOUBLE PRECISION',
  TIMESTAMP: 'TIMESTAMP',
  BIGINT: 'BIGINT',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMPTZ: 'TIMESTAMPTZ',
  TINYINT: 'SMALLINT',
  INTEGER: 'INTEGER',
  'VARCHAR[]': 'TEXT[]',
};

const columnType = columnTypePrinter({
  dialect: 'PostgreSQL',
  names: {
    VARCHAR: 'TEXT',
    BOOLEAN: 'BOOLEAN',
    TINYINT: 'SMALLINT',
    SMALLINT: 'SMALLINT',
    INTEGER: 'INTEGER',
    BIGINT: 'BIGINT',
    HUGEINT: 'NUMERIC',
    FLOAT: 'REAL',
    DOUBLE: 'DOUBLE PRECISION',
    DATE: 'DATE',
    TIMESTAMP: 'TIMESTAMP',
  },
  decimal: 'NUMERIC',
  listOf: (element) => `${element}[]`,
  nullable: (type) => type,
  integer: quote.quoteNumber,
});

export const { printExpr, printQuery, printStatement } = makePrinter({
  identifier: quote.quoteIdentifier,
  literal: literalPrinter(quote),
  integer: quote.quoteNumber,
  list: (items) => `ARRAY[${items.join(', ')}]::TEXT[]`,
  call: printCall,
  // A NULL list stays NULL (unnest of NULL would give an empty array, which containsNone would match).
  lowerEach: (list) => `(CASE WHEN ${list} IS NULL THEN NULL ELSE ARRAY(SELECT lower(x) FROM unnest(${list}) AS u(x)) END)`,
  aggregate: (fn, arg, distinct) => {
    if (arg === undefined) return `${fn}(*)`;
    if (fn === 'mode') return `mode() WITHIN GROUP (ORDER BY ${arg})`;
    return `${fn}(${distinct ? 'DISTINCT ' : ''}${arg})`;
  },
  castType: (type) => CAST_TYPES[type],
  tableName: (table) => {
    // PostgreSQL has schemas, no attached databases: a database is its schema.
    const schema = table.schema ?? table.database;
    return schema === undefined ? quote.quoteIdentifier(table.name) : quote.quoteTableIn(schema, table.name);
  },
  createTableAs: (statement, table, query) => {
    // Temporary tables live in pg_temp; naming it there keeps the DROP from reaching a data table.
    const target = statement.temporary && statement.table.database === undefined ? `pg_temp.${table}` : table;
    const create = `CREATE ${statement.temporary ? 'TEMP ' : ''}TABLE ${target} AS\n${query}`;
    return statement.orReplace ? `DROP TABLE IF EXISTS ${target};\n${create}` : create;
  },
  dropTable: (statement, table) => `DROP TABLE ${statement.ifExists ? 'IF EXISTS ' : ''}${table}`,
  createView: (statement, table, query) => `CREATE ${statement.temporary ? 'TEMP ' : ''}VIEW ${table} AS\n${query}`,
  columnType,
  statement: (statement, print) => {
    switch (statement.kind) {
      case 'createSchema':
        return `CREATE SCHEMA ${quote.quoteIdentifier(statement.name)}`;
      case 'dropSchema':
        return `DROP SCHEMA ${statement.ifExists ? 'IF EXISTS ' : ''}${quote.quoteIdentifier(statement.name)} CASCADE`;
      case 'setSearchPath':
        return `SET search_path TO ${quote.quoteIdentifier(statement.schema)}`;
      case 'setTimeZone':
        return `SET TimeZone = ${quote.quoteString(statement.zone)}`;
      case 'copyFromStdin':
        return `COPY ${print.table(statement.table)} FROM STDIN (FORMAT csv)`;
      case 'analyze':
        return `ANALYZE ${print.table(statement.table)}`;
      default:
        return undefined;
    }
  },
});
