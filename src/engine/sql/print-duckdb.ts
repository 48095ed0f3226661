/** Prints the SQL tree as DuckDB SQL (the app's engine, DuckDB-WASM, and native DuckDB). */
import type { Literal } from './ast';
import { makePrinter } from './print-sql';
import { quoteBoolean, quoteDate, quoteIdentifier, quoteNumber, quoteString, quoteTableIn, quoteTimestamp } from './quote';

function printLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'text':
      return quoteString(literal.value);
    case 'number':
      return quoteNumber(literal.value);
    case 'boolean':
      return quoteBoolean(literal.value);
    case 'timestamp':
      return quoteTimestamp(literal.value);
    case 'date':
      return quoteDate(literal.value);
    case 'null':
      return 'NULL';
  }
}

export const { printExpr, printQuery, printStatement } = makePrinter({
  identifier: quoteIdentifier,
  literal: printLiteral,
  integer: quoteNumber,
  list: (items) => `[${items.join(', ')}]`,
  call: (fn, args) => `${fn}(${args.join(', ')})`,
  lowerEach: (list) => `list_transform(${list}, lambda x: lower(x))`,
  aggregate: (fn, arg, distinct) => (arg === undefined ? `${fn}(*)` : `${fn}(${distinct ? 'DISTINCT ' : ''}${arg})`),
  castType: (type) => type,
  tableName: (table) => (table.database === undefined ? quoteIdentifier(table.name) : quoteTableIn(table.database, table.name)),
  createTableAs: (statement, table, query) =>
    `CREATE ${statement.orReplace ? 'OR REPLACE ' : ''}${statement.temporary ? 'TEMP ' : ''}TABLE ${table} AS\n${query}`,
  dropTable: (statement, table) => `DROP TABLE ${statement.ifExists ? 'IF EXISTS ' : ''}${table}`,
});
