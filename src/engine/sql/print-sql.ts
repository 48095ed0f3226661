/**
 * The shape of SQL every dialect shares (SELECT, joins, set operations, CTEs, predicates),
 * printed indented for people to read in the query view. A dialect supplies only what differs:
 * its quoting file and the spelling of functions, lists, casts and statements.
 */
import type { AggregateFunction, Expr, From, Literal, OrderItem, Query, ScalarFunction, Statement, TableName } from './ast';

/** A dialect's quoting file: how each kind of literal value is spelt. */
export interface LiteralQuoting {
  readonly quoteString: (value: string) => string;
  readonly quoteNumber: (value: number) => string;
  readonly quoteBoolean: (value: boolean) => string;
  readonly quoteTimestamp: (instant: number) => string;
  readonly quoteDate: (date: string) => string;
}

export function literalPrinter(quote: LiteralQuoting): (literal: Literal) => string {
  return (literal) => {
    switch (literal.type) {
      case 'text':
        return quote.quoteString(literal.value);
      case 'number':
        return quote.quoteNumber(literal.value);
      case 'boolean':
        return quote.quoteBoolean(literal.value);
      case 'timestamp':
        return quote.quoteTimestamp(literal.value);
      case 'date':
        return quote.quoteDate(literal.value);
      case 'null':
        return 'NULL';
    }
  };
}

export interface DialectSyntax {
  readonly identifier: (name: string) => string;
  readonly literal: (literal: Literal) => string;
  /** A non-negative integer for LIMIT and OFFSET. */
  readonly integer: (value: number) => string;
  readonly list: (items: readonly string[]) => string;
  /** A scalar call; a spelling that is not a bare call must come back parenthesised. */
  readonly call: (fn: ScalarFunction, args: readonly string[]) => string;
  readonly lowerEach: (list: string) => string;
  readonly aggregate: (fn: AggregateFunction, arg: string | undefined, distinct: boolean) => string;
  readonly castType: (type: Extract<Expr, { kind: 'cast' }>['type']) => string;
  readonly tableName: (table: TableName) => string;
  readonly createTableAs: (statement: Extract<Statement, { kind: 'createTableAs' }>, table: string, query: string) => string;
  readonly dropTable: (statement: Extract<Statement, { kind: 'dropTable' }>, table: string) => string;
}

export interface SqlPrinter {
  printExpr(expr: Expr): string;
  printQuery(query: Query): string;
  printStatement(statement: Statement): string;
}

const INDENT = '  ';

export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => INDENT + line)
    .join('\n');
}

const ATOMIC: readonly Expr['kind'][] = ['literal', 'column', 'call', 'aggregate', 'list', 'lowerEach', 'cast', 'exists'];

export function makePrinter(syntax: DialectSyntax): SqlPrinter {
  const id = syntax.identifier;

  /** Wraps an operand in parentheses unless it is atomic. */
  function operand(expr: Expr): string {
    const printed = printExpr(expr);
    return ATOMIC.includes(expr.kind) ? printed : `(${printed})`;
  }

  function subqueryText(query: Query): string {
    return `(\n${indent(printQuery(query))}\n)`;
  }

  function printExpr(expr: Expr): string {
    switch (expr.kind) {
      case 'literal':
        return syntax.literal(expr);
      case 'column':
        return expr.table === undefined ? id(expr.name) : `${id(expr.table)}.${id(expr.name)}`;
      case 'list':
        return syntax.list(expr.items.map(printExpr));
      case 'call':
        return syntax.call(expr.fn, expr.args.map(printExpr));
      case 'lowerEach':
        return syntax.lowerEach(printExpr(expr.list));
      case 'aggregate': {
        const call = syntax.aggregate(expr.fn, expr.arg === undefined ? undefined : printExpr(expr.arg), expr.distinct === true);
        return expr.filter === undefined ? call : `${call} FILTER (WHERE ${printExpr(expr.filter)})`;
      }
      case 'arithmetic':
        return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
      case 'star':
        return '*';
      case 'compare':
        return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
      case 'logical':
        return expr.items.map(operand).join(` ${expr.op} `);
      case 'not':
        return `NOT ${operand(expr.expr)}`;
      case 'isNull':
        return `${operand(expr.expr)} IS ${expr.negated ? 'NOT ' : ''}NULL`;
      case 'between':
        return `${operand(expr.expr)} BETWEEN ${operand(expr.low)} AND ${operand(expr.high)}`;
      case 'inList':
        return `${operand(expr.expr)} ${expr.negated ? 'NOT IN' : 'IN'} (${expr.items.map(printExpr).join(', ')})`;
      case 'inQuery':
        return `${operand(expr.expr)} ${expr.negated ? 'NOT IN' : 'IN'} ${subqueryText(expr.query)}`;
      case 'exists':
        return `EXISTS ${subqueryText(expr.query)}`;
      case 'cast':
        return `CAST(${printExpr(expr.expr)} AS ${syntax.castType(expr.type)})`;
    }
  }

  function printFrom(from: From): string {
    switch (from.kind) {
      case 'table': {
        const name =
          from.database === undefined && from.schema === undefined
            ? id(from.name)
            : syntax.tableName({ name: from.name, database: from.schema ?? from.database });
        return from.alias === undefined ? name : `${name} AS ${id(from.alias)}`;
      }
      case 'tableFunction':
        throw new Error(`${from.fn}() is DuckDB's own and has no equivalent in this dialect`);
      case 'subquery':
        return `${subqueryText(from.query)} AS ${id(from.alias)}`;
      case 'join':
        return `${printFrom(from.left)}\n${from.type} JOIN ${printFrom(from.right)} ON ${printExpr(from.on)}`;
    }
  }

  function printOrderItem(item: Expr | OrderItem): string {
    if ('kind' in item) return printExpr(item);
    return `${printExpr(item.expr)}${item.descending ? ' DESC' : ''}`;
  }

  function printQuery(query: Query): string {
    switch (query.kind) {
      case 'select': {
        const columns = query.columns
          .map((c) => (c.alias === undefined ? printExpr(c.expr) : `${printExpr(c.expr)} AS ${id(c.alias)}`))
          .join(', ');
        const lines = [`SELECT ${query.distinct ? 'DISTINCT ' : ''}${columns}`];
        if (query.from) lines.push(`FROM ${printFrom(query.from)}`);
        if (query.where) lines.push(`WHERE ${printExpr(query.where)}`);
        if (query.groupBy?.length) lines.push(`GROUP BY ${query.groupBy.map(printExpr).join(', ')}`);
        if (query.having) lines.push(`HAVING ${printExpr(query.having)}`);
        if (query.orderBy?.length) lines.push(`ORDER BY ${query.orderBy.map(printOrderItem).join(', ')}`);
        if (query.limit !== undefined) lines.push(`LIMIT ${syntax.integer(Math.max(0, Math.trunc(query.limit)))}`);
        if (query.offset !== undefined) lines.push(`OFFSET ${syntax.integer(Math.max(0, Math.trunc(query.offset)))}`);
        return lines.join('\n');
      }
      case 'setOperation':
        // Every operand is parenthesised: SQL binds INTERSECT tighter than UNION, the Flow folds left to right.
        return `(\n${indent(printQuery(query.left))}\n)\n${query.op}\n(\n${indent(printQuery(query.right))}\n)`;
      case 'with': {
        const ctes = query.ctes.map((cte) => `${id(cte.name)} AS ${cte.materialized ? 'MATERIALIZED ' : ''}${subqueryText(cte.query)}`);
        return `WITH ${ctes.join(',\n')}\n${printQuery(query.body)}`;
      }
    }
  }

  function printStatement(statement: Statement): string {
    switch (statement.kind) {
      case 'createTableAs':
        return syntax.createTableAs(statement, syntax.tableName(statement.table), printQuery(statement.query));
      case 'dropTable':
        return syntax.dropTable(statement, syntax.tableName(statement.table));
      default:
        // The loaders' statements run on DuckDB only; evaluating needs no more than the two above.
        throw new Error(`a ${statement.kind} statement is printed for DuckDB only`);
    }
  }

  return { printExpr, printQuery, printStatement };
}
