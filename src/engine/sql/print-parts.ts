/**
 * What every dialect's printer prints alike: indentation, literals through the dialect's quoting
 * file, and the clauses of a SELECT. Each printer passes its own expression and FROM printers.
 */
import type { Expr, From, Literal, OrderItem, Query } from './ast';

/** A dialect's quoting file, the only place its names and values become text. */
export interface Quoting {
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
  quoteNumber(value: number): string;
  quoteBoolean(value: boolean): string;
  quoteTimestamp(instant: number): string;
  quoteDate(date: string): string;
}

const INDENT = '  ';

export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => INDENT + line)
    .join('\n');
}

export function printLiteral(quoting: Quoting, literal: Literal): string {
  switch (literal.type) {
    case 'text':
      return quoting.quoteString(literal.value);
    case 'number':
      return quoting.quoteNumber(literal.value);
    case 'boolean':
      return quoting.quoteBoolean(literal.value);
    case 'timestamp':
      return quoting.quoteTimestamp(literal.value);
    case 'date':
      return quoting.quoteDate(literal.value);
    case 'null':
      return 'NULL';
  }
}

export interface SelectPrinter {
  readonly quoting: Quoting;
  printExpr(expr: Expr): string;
  printFrom(from: From): string;
}

/** SELECT … FROM … WHERE … GROUP BY … HAVING … ORDER BY … LIMIT … OFFSET …, one clause a line. */
export function printSelect(printer: SelectPrinter, query: Extract<Query, { kind: 'select' }>): string {
  const { quoteIdentifier, quoteNumber } = printer.quoting;
  const expr = (e: Expr) => printer.printExpr(e);
  const orderItem = (item: Expr | OrderItem) => ('kind' in item ? expr(item) : `${expr(item.expr)}${item.descending ? ' DESC' : ''}`);
  const columns = query.columns.map((c) => (c.alias === undefined ? expr(c.expr) : `${expr(c.expr)} AS ${quoteIdentifier(c.alias)}`));
  const lines = [`SELECT ${query.distinct ? 'DISTINCT ' : ''}${columns.join(', ')}`];
  if (query.from) lines.push(`FROM ${printer.printFrom(query.from)}`);
  if (query.where) lines.push(`WHERE ${expr(query.where)}`);
  if (query.groupBy?.length) lines.push(`GROUP BY ${query.groupBy.map(expr).join(', ')}`);
  if (query.having) lines.push(`HAVING ${expr(query.having)}`);
  if (query.orderBy?.length) lines.push(`ORDER BY ${query.orderBy.map(orderItem).join(', ')}`);
  if (query.limit !== undefined) lines.push(`LIMIT ${quoteNumber(Math.max(0, Math.trunc(query.limit)))}`);
  if (query.offset !== undefined) lines.push(`OFFSET ${quoteNumber(Math.max(0, Math.trunc(query.offset)))}`);
  return lines.join('\n');
}
