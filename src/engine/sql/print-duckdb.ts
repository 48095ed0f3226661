/** Prints the SQL tree as DuckDB SQL (the app's engine, DuckDB-WASM, and native DuckDB). */
import { literalPrinter, makePrinter } from './print-sql';
import * as quote from './quote';

export const { printExpr, printQuery, printStatement } = makePrinter({
  identifier: quote.quoteIdentifier,
  literal: literalPrinter(quote),
  integer: quote.quoteNumber,
  list: (items) => `[${items.join(', ')}]`,
  call: (fn, args) => `${fn}(${args.join(', ')})`,
  lowerEach: (list) => `list_transform(${list}, lambda x: lower(x))`,
  aggregate: (fn, arg, distinct) => (arg === undefined ? `${fn}(*)` : `${fn}(${distinct ? 'DISTINCT ' : ''}${arg})`),
  castType: (type) => type,
  tableName: (table) => (table.database === undefined ? quote.quoteIdentifier(table.name) : quote.quoteTableIn(table.database, table.name)),
  createTableAs: (statement, table, query) =>
    `CREATE ${statement.orReplace ? 'OR REPLACE ' : ''}${statement.temporary ? 'TEMP ' : ''}TABLE ${table} AS\n${query}`,
  dropTable: (statement, table) => `DROP TABLE ${statement.ifExists ? 'IF EXISTS ' : ''}${table}`,
});
