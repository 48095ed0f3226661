/**
 * Prints the SQL tree as ClickHouse SQL that ClickHouse 18.16 and later run. The tree is first
 * lowered (`lower-for-clickhouse.ts`) into forms 18.16 has. Two storages (docs/CLICKHOUSE.md):
 * the engine's own tables (values in its storage types, text read from the lowered copies), and
 * a warehouse's own tables (`external`: DateTime/DateTime64 and Date columns, text lowercased
 * with lowerUTF8 in the query), for SQL copied out of the app.
 */
import type { CastType, Expr, From, Query, ScalarFunction, Statement, TableName } from './ast';
import { loweredColumn, lowerLikeDuckDb } from './clickhouse-lowered';
import { lowerForClickhouse } from './lower-for-clickhouse';
import { indent, literalPrinter, printSelect } from './print-sql';
import * as QUOTING from './quote-clickhouse';
import { quoteExternalDate, quoteExternalTimestamp, quoteIdentifier, quoteString, quoteTableIn } from './quote-clickhouse';

/** Whose tables the SQL reads: the ClickHouse engine's, or a warehouse's own. */
export type ClickhouseStorage = 'engine' | 'external';

/** The lambda parameter of list functions; a lambda's parameter shadows any column of that name. */
const ELEMENT = 'element';

/** The list column a list function reads, under its lowercasing. */
const listOf = (expr: Expr): Expr => (expr.kind === 'lowerEach' ? expr.list : expr);

const CALLS: Partial<Record<ScalarFunction, string>> = {
  starts_with: 'startsWith',
  ends_with: 'endsWith',
  coalesce: 'coalesce',
  unnest: 'arrayJoin',
  hash: 'cityHash64',
  current_setting: 'getSetting',
};

/** Casts into the engine's storage types (timestamps are Int64 microseconds, booleans UInt8). */
const CAST_TYPES: Record<CastType, string> = {
  VARCHAR: 'Nullable(String)',
  DOUBLE: 'Nullable(Float64)',
  TIMESTAMP: 'Nullable(Int64)',
  BIGINT: 'Nullable(Int64)',
  BOOLEAN: 'Nullable(UInt8)',
  DATE: 'Nullable(Date)',
  TIMESTAMPTZ: 'Nullable(DateTime)',
};

function clickhousePrinter(storage: ClickhouseStorage): (query: Query) => string {
  const external = storage === 'external';
  const printLiteral = literalPrinter(
    external ? { ...QUOTING, quoteTimestamp: quoteExternalTimestamp, quoteDate: quoteExternalDate } : QUOTING,
  );

  function operand(expr: Expr): string {
    const printed = printExpr(expr);
    return ['literal', 'column', 'call', 'aggregate', 'list', 'lowerEach', 'cast'].includes(expr.kind) ? printed : `(${printed})`;
  }

  function subqueryText(query: Query): string {
    return `(\n${indent(printQueryText(query))}\n)`;
  }

  /** A null list is stored as `[NULL]` (null elements are dropped at load): an array holding a NULL. */
  const listIsNullText = (list: Expr): string => `arrayExists(${ELEMENT} -> isNull(${ELEMENT}), ${printExpr(list)})`;

  /** A column lowercased is its stored lowercased copy; a text value is lowercased here. */
  function printLowercased(expr: Expr): string {
    if (external) return `lowerUTF8(${printExpr(expr)})`;
    if (expr.kind === 'column') return printExpr({ ...expr, name: loweredColumn(expr.name) });
    if (expr.kind === 'literal' && expr.type === 'text') return quoteString(lowerLikeDuckDb(expr.value));
    return `lowerUTF8(${printExpr(expr)})`;
  }

  function printCall(fn: ScalarFunction, args: readonly Expr[]): string {
    const printed = args.map(printExpr);
    switch (fn) {
      case 'lower':
        return printLowercased(args[0]!);
      case 'contains':
        return `(positionUTF8(${printed[0]}, ${printed[1]}) > 0)`;
      case 'list_has_any':
      case 'list_has_all':
        // A null list gives NULL, as DuckDB's list functions do, so `not` and two-valued logic agree.
        return `if(${listIsNullText(listOf(args[0]!))}, NULL, ${fn === 'list_has_any' ? 'hasAny' : 'hasAll'}(${printed[0]}, ${printed[1]}))`;
      default:
        return `${CALLS[fn]}(${printed.join(', ')})`;
    }
  }

  function printAggregate(expr: Extract<Expr, { kind: 'aggregate' }>): string {
    const arg = expr.arg === undefined ? undefined : printExpr(expr.arg);
    if (expr.filter !== undefined) {
      // ClickHouse's -If combinator: the aggregate over the rows where the condition holds.
      const fn = expr.distinct ? 'uniqExact' : expr.fn === 'mode' ? 'topK' : expr.fn;
      const call = `${fn}If(${arg === undefined ? '' : `${arg}, `}${printExpr(expr.filter)})`;
      return expr.fn === 'mode' ? `${call.replace(/^topKIf/, 'topKIf(1)')}[1]` : call;
    }
    if (arg === undefined) return `${expr.fn}()`;
    if (expr.fn === 'mode') return `topK(1)(${arg})[1]`;
    return `${expr.fn}(${expr.distinct ? 'DISTINCT ' : ''}${arg})`;
  }

  /** IS DISTINCT FROM, which 18.16 lacks: NULL equals NULL, and differs from every value. */
  function distinctFrom(left: Expr, right: Expr): string {
    const [a, b] = [printExpr(left), printExpr(right)];
    return `if(isNull(${a}) OR isNull(${b}), isNull(${a}) != isNull(${b}), ${a} != ${b})`;
  }

  function printExpr(expr: Expr): string {
    switch (expr.kind) {
      case 'literal':
        return printLiteral(expr);
      case 'column':
        return expr.table === undefined ? quoteIdentifier(expr.name) : `${quoteIdentifier(expr.table)}.${quoteIdentifier(expr.name)}`;
      case 'list':
        return `[${expr.items.map(printExpr).join(', ')}]`;
      case 'call':
        return printCall(expr.fn, expr.args);
      case 'lowerEach':
        if (expr.list.kind === 'column' && !external) return printExpr({ ...expr.list, name: loweredColumn(expr.list.name) });
        return `arrayMap(${ELEMENT} -> lowerUTF8(${ELEMENT}), ${printExpr(expr.list)})`;
      case 'aggregate':
        return printAggregate(expr);
      case 'arithmetic':
        return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
      case 'star':
        return '*';
      case 'compare':
        if (expr.op === 'IS DISTINCT FROM') return distinctFrom(expr.left, expr.right);
        return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
      case 'logical':
        return expr.items.map(operand).join(` ${expr.op} `);
      case 'not':
        return `NOT ${operand(expr.expr)}`;
      case 'isNull':
        if (expr.list) return `${expr.negated ? 'NOT ' : ''}${listIsNullText(expr.expr)}`;
        return `${operand(expr.expr)} IS ${expr.negated ? 'NOT ' : ''}NULL`;
      case 'between':
        return `${operand(expr.expr)} BETWEEN ${operand(expr.low)} AND ${operand(expr.high)}`;
      case 'inList':
        return `${operand(expr.expr)} ${expr.negated ? 'NOT IN' : 'IN'} (${expr.items.map(printExpr).join(', ')})`;
      case 'inQuery':
        // GLOBAL: the subquery runs once on the queried server, also when the outer table is Distributed.
        return `${operand(expr.expr)} ${expr.negated ? 'GLOBAL NOT IN' : 'GLOBAL IN'} ${subqueryText(expr.query)}`;
      case 'exists':
        // ClickHouse 18.16 has no EXISTS; subqueries are never correlated there anyway.
        return `((SELECT count() FROM ${subqueryText(expr.query)}) > 0)`;
      case 'cast':
        return `CAST(${printExpr(expr.expr)} AS ${CAST_TYPES[expr.type]})`;
    }
  }

  function printFrom(from: From): string {
    switch (from.kind) {
      case 'table': {
        // ClickHouse has databases, no schemas: a schema (information_schema) is its database.
        const database = from.database ?? from.schema;
        const name = database === undefined ? quoteIdentifier(from.name) : quoteTableIn(database, from.name);
        return from.alias === undefined ? name : `${name} AS ${quoteIdentifier(from.alias)}`;
      }
      case 'tableFunction':
        throw new Error(`ClickHouse has no table function ${from.fn}`);
      case 'subquery':
        return `${subqueryText(from.query)} AS ${quoteIdentifier(from.alias)}`;
      case 'join':
        return `${printFrom(from.left)}\nGLOBAL ${from.type === 'LEFT' ? 'ALL LEFT' : 'ALL INNER'} JOIN ${printFrom(from.right)} ON ${printExpr(from.on)}`;
    }
  }

  function printQueryText(query: Query): string {
    switch (query.kind) {
      case 'select':
        return printSelect({ identifier: quoteIdentifier, integer: QUOTING.quoteNumber, printExpr, printFrom }, query);
      case 'setOperation':
        // Only UNION ALL is left after lowering; 18.16 takes its operands unparenthesised.
        if (query.op !== 'UNION ALL') throw new Error(`ClickHouse has no ${query.op}`);
        return `${printQueryText(query.left)}\nUNION ALL\n${printQueryText(query.right)}`;
      case 'with':
        throw new Error('WITH is inlined before printing for ClickHouse');
    }
  }

  return (query) => printQueryText(lowerForClickhouse(query));
}

const PRINTERS: Record<ClickhouseStorage, (query: Query) => string> = {
  engine: clickhousePrinter('engine'),
  external: clickhousePrinter('external'),
};

export function printQuery(query: Query, storage: ClickhouseStorage = 'engine'): string {
  return PRINTERS[storage](query);
}

function printTableName(table: TableName): string {
  return table.database === undefined ? quoteIdentifier(table.name) : quoteTableIn(table.database, table.name);
}

/**
 * A result table lives in the engine's own database as a Memory table; `temporary` and
 * `orReplace` have no 18.16 form over HTTP without sessions, and the evaluator drops its tables.
 */
export function printStatement(statement: Statement): string {
  switch (statement.kind) {
    case 'createTableAs':
      return `CREATE TABLE ${printTableName(statement.table)}\nENGINE = Memory AS\n${printQuery(statement.query)}`;
    case 'createView':
      return `CREATE VIEW ${printTableName(statement.table)} AS\n${printQuery(statement.query)}`;
    case 'insertInto':
      return `INSERT INTO ${printTableName(statement.table)}\n${printQuery(statement.query)}`;
    case 'dropTable':
    case 'dropView':
      // 18.16 drops views with DROP TABLE too.
      return `DROP TABLE ${statement.ifExists ? 'IF EXISTS ' : ''}${printTableName(statement.table)}`;
    case 'use':
      return `USE ${quoteIdentifier(statement.database)}`;
    case 'attach':
      throw new Error('ClickHouse attaches no database files; the engine creates a database instead');
  }
}
