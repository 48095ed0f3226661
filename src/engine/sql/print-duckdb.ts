/**
 * Prints the SQL tree as DuckDB SQL, indented for people to read in the query view: the shared
 * printer (`print-sql.ts`) with DuckDB's spelling, its table functions, attached databases and
 * the loaders' statements.
 */
import type { ColumnTypeName, Statement } from './ast';
import { columnTypePrinter, literalPrinter, makePrinter } from './print-sql';
import * as quote from './quote';

const COLUMN_TYPES: readonly ColumnTypeName[] = [
  'VARCHAR',
  'BOOLEAN',
  'TINYINT',
  'UTINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'FLOAT',
  'DOUBLE',
  'DATE',
  'TIMESTAMP',
];

export const { printExpr, printQuery, printStatement } = makePrinter({
  identifier: quote.quoteIdentifier,
  literal: literalPrinter(quote),
  integer: quote.quoteNumber,
  list: (items) => `[${items.join(', ')}]`,
  call: (fn, args) => `${fn}(${args.join(', ')})`,
  lowerEach: (list) => `list_transform(${list}, lambda x: lower(x))`,
  listLambda: (fn, list, body) => `list_${fn}(${list}, lambda x: ${body})`,
  lambdaElement: 'x',
  aggregate: (fn, arg, distinct) => (arg === undefined ? `${fn}(*)` : `${fn}(${distinct ? 'DISTINCT ' : ''}${arg})`),
  castType: (type) => type,
  tableName: (table) => quote.quoteQualified(table.name, table.database, table.schema),
  tableFunction: (fn, args) => `${fn}(${args.join(', ')})`,
  bareStar: true,
  createTableAs: (statement, table, query) =>
    `CREATE ${statement.orReplace ? 'OR REPLACE ' : ''}${statement.temporary ? 'TEMP ' : ''}TABLE ${table} AS\n${query}`,
  createView: (statement, table, query) => `CREATE ${statement.temporary ? 'TEMP ' : ''}VIEW ${table} AS\n${query}`,
  insertInto: (_statement, table, query) => `INSERT INTO ${table}\n${query}`,
  dropTable: (statement, table) => `DROP TABLE ${statement.ifExists ? 'IF EXISTS ' : ''}${table}`,
  dropView: (statement, table) => `DROP VIEW ${statement.ifExists ? 'IF EXISTS ' : ''}${table}`,
  attach: (statement) =>
    `ATTACH ${quote.quoteString(statement.path)} AS ${quote.quoteIdentifier(statement.alias)}${statement.compress ? ' (COMPRESS)' : ''}`,
  use: (statement) => `USE ${quote.quoteIdentifier(statement.database)}`,
  columnType: columnTypePrinter({
    dialect: 'DuckDB',
    names: Object.fromEntries(COLUMN_TYPES.map((name) => [name, name])),
    decimal: 'DECIMAL',
    listOf: (element) => `${element}[]`,
    nullable: (type) => type,
    integer: quote.quoteNumber,
  }),
  statement: (statement, print) => {
    switch (statement.kind) {
      case 'copyToFile':
        return `COPY ${print.subquery(statement.query)} TO ${quote.quoteString(statement.path)} (${copyOptions(statement).join(', ')})`;
      case 'setTimeZone':
        return `SET TimeZone = ${quote.quoteString(statement.zone)}`;
      case 'searchDatabases':
        return `SET search_path = ${quote.quoteString(statement.databases.map((d) => `${quote.quoteIdentifier(d)}.main`).join(','))}`;
      default:
        return undefined;
    }
  },
});

function copyOptions(statement: Extract<Statement, { kind: 'copyToFile' }>): string[] {
  const { header, nullString, forceQuote, fileSizeBytes } = statement;
  return [
    'FORMAT csv',
    `HEADER ${header ? 'true' : 'false'}`,
    ...(nullString === undefined ? [] : [`NULLSTR ${quote.quoteString(nullString)}`]),
    ...(forceQuote?.length ? [`FORCE_QUOTE (${forceQuote.map(quote.quoteIdentifier).join(', ')})`] : []),
    ...(fileSizeBytes === undefined ? [] : [`FILE_SIZE_BYTES ${quote.quoteNumber(fileSizeBytes)}`, 'OVERWRITE_OR_IGNORE true']),
  ];
}
