/**
 * The shape of SQL every dialect shares (SELECT, joins, set operations, CTEs, predicates),
 * printed indented for people to read in the query view. A dialect supplies only what differs:
 * its quoting file and the spelling of functions, lists, casts, joins and statements, and where
 * it needs the expression tree itself, its own spelling of that expression. `makePrinter` serves
 * DuckDB, PostgreSQL and ClickHouse.
 */
import type {
  AggregateFunction,
  ColumnType,
  ColumnTypeName,
  Expr,
  From,
  Literal,
  OrderItem,
  Query,
  ScalarFunction,
  Statement,
  TableEngine,
  TableName,
} from './ast';

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

/** A table name as a FROM clause has it: optionally in another attached database and/or a schema. */
export interface QualifiedName extends TableName {
  readonly schema?: string;
}

type StatementOf<K extends Statement['kind']> = Extract<Statement, { kind: K }>;

export interface DialectSyntax {
  readonly identifier: (name: string) => string;
  readonly literal: (literal: Literal) => string;
  /** A non-negative integer for LIMIT and OFFSET. */
  readonly integer: (value: number) => string;
  readonly list: (items: readonly string[]) => string;
  /** A scalar call; a spelling that is not a bare call must come back parenthesised. */
  readonly call: (fn: ScalarFunction, args: readonly string[]) => string;
  readonly lowerEach: (list: string) => string;
  /** A list function with a lambda over the printed list and body; a dialect without lambdas refuses it. */
  readonly listLambda?: (fn: Extract<Expr, { kind: 'listLambda' }>['fn'], list: string, body: string) => string;
  /** The lambda's parameter as the body names it. */
  readonly lambdaElement?: string;
  readonly aggregate: (fn: AggregateFunction, arg: string | undefined, distinct: boolean) => string;
  readonly castType: (type: Extract<Expr, { kind: 'cast' }>['type']) => string;
  /** A table of a FROM clause or a statement, unqualified when neither database nor schema is given. */
  readonly tableName: (table: QualifiedName) => string;
  /** A function returning rows; a dialect without one refuses it. */
  readonly tableFunction?: (fn: Extract<From, { kind: 'tableFunction' }>['fn'], args: readonly string[]) => string;
  /** Whether `*` as an operand stays unparenthesised (as DuckDB's printer has always printed it). */
  readonly bareStar?: boolean;
  /** The kinds printed as operands without parentheses, where they differ from the common list. */
  readonly atomic?: readonly Expr['kind'][];
  /**
   * The dialect's own spelling of an expression that needs more than its printed parts (the
   * expression tree itself); `undefined` leaves it to the common spelling.
   */
  readonly expr?: (expr: Expr, print: ExprPrinting) => string | undefined;
  /** The words before JOIN; by default the join's type. */
  readonly joinType?: (type: Extract<From, { kind: 'join' }>['type']) => string;
  /** Rewrites a whole query before it is printed (not its subqueries one by one). */
  readonly prepare?: (query: Query) => Query;
  /** A set operation over its printed operands; by default each operand parenthesised and indented. */
  readonly setOperation?: (op: Extract<Query, { kind: 'setOperation' }>['op'], left: string, right: string) => string;
  readonly createTableAs: (statement: StatementOf<'createTableAs'>, table: string, query: string) => string;
  readonly dropTable: (statement: StatementOf<'dropTable'>, table: string) => string;
  // The loaders' statements, which run on DuckDB only; a dialect without them refuses them.
  readonly createView?: (statement: StatementOf<'createView'>, table: string, query: string) => string;
  readonly insertInto?: (statement: StatementOf<'insertInto'>, table: string, query: string) => string;
  readonly dropView?: (statement: StatementOf<'dropView'>, table: string) => string;
  readonly attach?: (statement: StatementOf<'attach'>) => string;
  readonly use?: (statement: StatementOf<'use'>) => string;
  /** A CREATE TABLE column type (see `columnTypePrinter`). */
  readonly columnType: (type: ColumnType) => string;
  /** What follows CREATE TABLE's column list: ClickHouse's ENGINE clause (it refuses a table without one). */
  readonly tableEngine?: (engine: TableEngine | undefined, print: ExprPrinting) => string;
  /** The dialect's own statements (schemas, databases, COPY, SET, …); `undefined` refuses the statement. */
  readonly statement?: (statement: Statement, print: StatementPrinting) => string | undefined;
}

/** What a dialect's own statements may print their parts with. */
export interface StatementPrinting extends ExprPrinting {
  readonly table: (table: TableName) => string;
  readonly query: (query: Query) => string;
}

/**
 * A dialect's spelling of column types: `names` has the types it has (any other is refused),
 * `listOf` and `nullable` wrap a printed type (PostgreSQL's and DuckDB's columns are all nullable).
 */
export function columnTypePrinter(spelling: {
  readonly dialect: string;
  readonly names: Partial<Record<ColumnTypeName, string>>;
  readonly decimal: string;
  readonly listOf: (element: string) => string;
  readonly nullable: (type: string) => string;
  readonly integer: (value: number) => string;
}): (type: ColumnType) => string {
  const print = (type: ColumnType): string => {
    switch (type.kind) {
      case 'type': {
        const name = spelling.names[type.name];
        if (name === undefined) throw new Error(`${spelling.dialect} has no column type for ${type.name}`);
        return name;
      }
      case 'decimal':
        return `${spelling.decimal}(${spelling.integer(type.precision)}, ${spelling.integer(type.scale)})`;
      case 'listOf':
        return spelling.listOf(print(type.element));
      case 'nullable':
        return spelling.nullable(print(type.type));
    }
  };
  return print;
}

/** What a dialect's own expression spelling may print its parts with. */
export interface ExprPrinting {
  readonly expr: (expr: Expr) => string;
  /** As an operand: parenthesised unless atomic. */
  readonly operand: (expr: Expr) => string;
  readonly subquery: (query: Query) => string;
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

export interface SelectPrinter {
  readonly identifier: (name: string) => string;
  /** A non-negative integer for LIMIT and OFFSET. */
  readonly integer: (value: number) => string;
  printExpr(expr: Expr): string;
  printFrom(from: From): string;
}

/** SELECT … FROM … WHERE … GROUP BY … HAVING … ORDER BY … LIMIT … OFFSET …, one clause a line. */
export function printSelect(printer: SelectPrinter, query: Extract<Query, { kind: 'select' }>): string {
  const { identifier, integer } = printer;
  const expr = (e: Expr) => printer.printExpr(e);
  const orderItem = (item: Expr | OrderItem) => ('kind' in item ? expr(item) : `${expr(item.expr)}${item.descending ? ' DESC' : ''}`);
  const columns = query.columns.map((c) => (c.alias === undefined ? expr(c.expr) : `${expr(c.expr)} AS ${identifier(c.alias)}`));
  const lines = [`SELECT ${query.distinct ? 'DISTINCT ' : ''}${columns.join(', ')}`];
  if (query.from) lines.push(`FROM ${printer.printFrom(query.from)}`);
  if (query.where) lines.push(`WHERE ${expr(query.where)}`);
  if (query.groupBy?.length) lines.push(`GROUP BY ${query.groupBy.map(expr).join(', ')}`);
  if (query.having) lines.push(`HAVING ${expr(query.having)}`);
  if (query.orderBy?.length) lines.push(`ORDER BY ${query.orderBy.map(orderItem).join(', ')}`);
  if (query.limit !== undefined) lines.push(`LIMIT ${integer(Math.max(0, Math.trunc(query.limit)))}`);
  if (query.offset !== undefined) lines.push(`OFFSET ${integer(Math.max(0, Math.trunc(query.offset)))}`);
  return lines.join('\n');
}

/** The kinds printed as operands without parentheses. */
export const ATOMIC: readonly Expr['kind'][] = [
  'literal',
  'column',
  'call',
  'aggregate',
  'list',
  'lowerEach',
  'cast',
  'exists',
  'case',
  'listLambda',
  'lambdaElement',
  'clickhouseCall',
];

export function makePrinter(syntax: DialectSyntax): SqlPrinter {
  const id = syntax.identifier;

  /** Wraps an operand in parentheses unless it is atomic. */
  const atomic = syntax.atomic ?? ATOMIC;
  function operand(expr: Expr): string {
    const printed = printExpr(expr);
    return atomic.includes(expr.kind) || (expr.kind === 'star' && syntax.bareStar === true) ? printed : `(${printed})`;
  }

  function subqueryText(query: Query): string {
    return `(\n${indent(printQueryText(query))}\n)`;
  }

  const printing: ExprPrinting = { expr: (e) => printExpr(e), operand: (e) => operand(e), subquery: (query) => subqueryText(query) };

  function printExpr(expr: Expr): string {
    const own = syntax.expr?.(expr, printing);
    if (own !== undefined) return own;
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
      case 'case': {
        const whens = expr.whens.map((w) => `WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`);
        return `CASE ${whens.join(' ')}${expr.else === undefined ? '' : ` ELSE ${printExpr(expr.else)}`} END`;
      }
      case 'listLambda':
        if (syntax.listLambda === undefined) throw new Error('this dialect has no list lambdas');
        return syntax.listLambda(expr.fn, printExpr(expr.list), printExpr(expr.body));
      case 'lambdaElement':
        if (syntax.lambdaElement === undefined) throw new Error('this dialect has no list lambdas');
        return syntax.lambdaElement;
      case 'previous':
        return `lag(${printExpr(expr.expr)}) OVER (ORDER BY ${printExpr(expr.orderBy)})`;
      case 'atTimeZone':
        return `${operand(expr.expr)} AT TIME ZONE ${syntax.literal({ kind: 'literal', type: 'text', value: expr.zone })}`;
      case 'clickhouseCall':
        throw new Error(`${expr.fn}() is ClickHouse's own and has no equivalent in this dialect`);
    }
  }

  function printFrom(from: From): string {
    switch (from.kind) {
      case 'table': {
        const name = syntax.tableName({ name: from.name, database: from.database, schema: from.schema });
        return from.alias === undefined ? name : `${name} AS ${id(from.alias)}`;
      }
      case 'tableFunction': {
        if (syntax.tableFunction === undefined) throw new Error(`${from.fn}() is DuckDB's own and has no equivalent in this dialect`);
        const call = syntax.tableFunction(from.fn, (from.args ?? []).map(printExpr));
        return from.alias === undefined ? call : `${call} AS ${id(from.alias)}`;
      }
      case 'subquery':
        return `${subqueryText(from.query)} AS ${id(from.alias)}`;
      case 'join': {
        const joined = `${printFrom(from.left)}\n${syntax.joinType?.(from.type) ?? from.type} JOIN ${printFrom(from.right)}`;
        return from.type === 'CROSS' ? joined : `${joined} ON ${printExpr(from.on)}`;
      }
    }
  }

  const selectPrinter: SelectPrinter = { identifier: id, integer: syntax.integer, printExpr, printFrom };

  function printQueryText(query: Query): string {
    switch (query.kind) {
      case 'select':
        return printSelect(selectPrinter, query);
      case 'setOperation':
        if (syntax.setOperation) return syntax.setOperation(query.op, printQueryText(query.left), printQueryText(query.right));
        // Every operand is parenthesised: SQL binds INTERSECT tighter than UNION, the Flow folds left to right.
        // The operator is printed as is, UNION ALL BY NAME (DuckDB's) included.
        return `(\n${indent(printQueryText(query.left))}\n)\n${query.op}\n(\n${indent(printQueryText(query.right))}\n)`;
      case 'with': {
        const ctes = query.ctes.map((cte) => `${id(cte.name)} AS ${cte.materialized ? 'MATERIALIZED ' : ''}${subqueryText(cte.query)}`);
        return `WITH ${ctes.join(',\n')}\n${printQueryText(query.body)}`;
      }
    }
  }

  function printQuery(query: Query): string {
    return printQueryText(syntax.prepare ? syntax.prepare(query) : query);
  }

  function printStatement(statement: Statement): string {
    // Evaluating needs no more than CREATE TABLE AS and DROP TABLE; the rest are the loaders' and engines'.
    const refuse = (): never => {
      throw new Error(`a ${statement.kind} statement has no form in this dialect`);
    };
    const table = (name: TableName) => syntax.tableName({ name: name.name, database: name.database });
    switch (statement.kind) {
      case 'createTable': {
        const columns = statement.columns.map((c) => `${id(c.name)} ${syntax.columnType(c.type)}`);
        if (statement.engine !== undefined && syntax.tableEngine === undefined) throw new Error('this dialect has no table engines');
        return `CREATE TABLE ${table(statement.table)} (${columns.join(', ')})${syntax.tableEngine?.(statement.engine, printing) ?? ''}`;
      }
      case 'createSchema':
      case 'dropSchema':
      case 'setSearchPath':
      case 'searchDatabases':
      case 'setTimeZone':
      case 'createDatabase':
      case 'dropDatabase':
      case 'copyToFile':
      case 'copyFromStdin':
      case 'analyze':
      case 'insertRows':
        return syntax.statement?.(statement, { ...printing, table, query: printQuery }) ?? refuse();
      case 'createTableAs':
        return syntax.createTableAs(statement, table(statement.table), printQuery(statement.query));
      case 'dropTable':
        return syntax.dropTable(statement, table(statement.table));
      case 'createView':
        return (syntax.createView ?? refuse())(statement, table(statement.table), printQuery(statement.query));
      case 'insertInto':
        return (syntax.insertInto ?? refuse())(statement, table(statement.table), printQuery(statement.query));
      case 'dropView':
        return (syntax.dropView ?? refuse())(statement, table(statement.table));
      case 'attach':
        return (syntax.attach ?? refuse())(statement);
      case 'use':
        return (syntax.use ?? refuse())(statement);
    }
  }

  return { printExpr, printQuery, printStatement };
}
