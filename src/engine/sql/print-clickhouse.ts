/**
 * Prints the SQL tree as ClickHouse SQL that ClickHouse 18.16 and later run. The tree is first
 * lowered (`lower-for-clickhouse.ts`) into forms 18.16 has. Two storages (docs/CLICKHOUSE.md):
 * the engine's own tables (values in its storage types, text read from the lowered copies), and
 * a warehouse's own tables (`external`: DateTime/DateTime64 and Date columns, text lowercased
 * with lowerUTF8 in the query), for SQL copied out of the app.
 */
import type { CastType, Expr, Query, ScalarFunction, Statement, TableEngine } from './ast';
import { loweredColumn, lowerLikeDuckDb } from './clickhouse-lowered';
import { lowerForClickhouse } from './lower-for-clickhouse';
import { ATOMIC as COMMON_ATOMIC, columnTypePrinter, literalPrinter, makePrinter, type ExprPrinting, type SqlPrinter } from './print-sql';
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
  tuple: 'tuple',
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
  TINYINT: 'Nullable(Int8)',
  INTEGER: 'Nullable(Int32)',
  'VARCHAR[]': 'Array(Nullable(String))',
};

/** Column types; a boolean is stored as UInt8 and a timestamp as Int64 by the engine's own choice (clickhouse-types.ts). */
const columnType = columnTypePrinter({
  dialect: 'ClickHouse',
  names: {
    VARCHAR: 'String',
    TINYINT: 'Int8',
    UTINYINT: 'UInt8',
    SMALLINT: 'Int16',
    INTEGER: 'Int32',
    BIGINT: 'Int64',
    FLOAT: 'Float32',
    DOUBLE: 'Float64',
    DATE: 'Date',
  },
  decimal: 'Decimal',
  listOf: (element) => `Array(${element})`,
  nullable: (type) => `Nullable(${type})`,
  integer: QUOTING.quoteNumber,
});

function tableEngine(engine: TableEngine | undefined, print: ExprPrinting): string {
  if (engine === undefined) throw new Error('a ClickHouse table needs an engine');
  switch (engine.kind) {
    case 'mergeTree': {
      const order = engine.orderBy.length === 0 ? 'tuple()' : engine.orderBy.map(print.expr).join(', ');
      return ` ENGINE = MergeTree() ORDER BY ${engine.orderBy.length > 1 ? `(${order})` : order}`;
    }
    case 'distributed': {
      const args = [engine.cluster, engine.database, engine.table].map(quoteString);
      return ` ENGINE = Distributed(${args.join(', ')}, ${print.expr(engine.shardingKey)})`;
    }
  }
}

const callName = (fn: ScalarFunction): string => {
  const name = CALLS[fn];
  if (name === undefined) throw new Error(`${fn}() has no ClickHouse spelling`);
  return name;
};

function clickhousePrinter(storage: ClickhouseStorage): SqlPrinter {
  const external = storage === 'external';

  /** A null list is stored as `[NULL]` (null elements are dropped at load): an array holding a NULL. */
  const listIsNullText = (list: string): string => `arrayExists(${ELEMENT} -> isNull(${ELEMENT}), ${list})`;

  /** A column lowercased is its stored lowercased copy; a text value is lowercased here. */
  function printLowercased(expr: Expr, print: ExprPrinting): string {
    if (external) return `lowerUTF8(${print.expr(expr)})`;
    if (expr.kind === 'column') return print.expr({ ...expr, name: loweredColumn(expr.name) });
    if (expr.kind === 'literal' && expr.type === 'text') return quoteString(lowerLikeDuckDb(expr.value));
    return `lowerUTF8(${print.expr(expr)})`;
  }

  /** ClickHouse's -If combinator: the aggregate over the rows where the condition holds. */
  function printFilteredAggregate(expr: Extract<Expr, { kind: 'aggregate' }>, filter: Expr, print: ExprPrinting): string {
    const arg = expr.arg === undefined ? '' : `${print.expr(expr.arg)}, `;
    const fn = expr.distinct ? 'uniqExact' : expr.fn === 'mode' ? 'topK(1)' : expr.fn;
    const call = `${fn === 'topK(1)' ? 'topKIf(1)' : `${fn}If`}(${arg}${print.expr(filter)})`;
    return expr.fn === 'mode' ? `${call}[1]` : call;
  }

  /** IS DISTINCT FROM, which 18.16 lacks: NULL equals NULL, and differs from every value. */
  function distinctFrom(left: Expr, right: Expr, print: ExprPrinting): string {
    const [a, b] = [print.expr(left), print.expr(right)];
    return `if(isNull(${a}) OR isNull(${b}), isNull(${a}) != isNull(${b}), ${a} != ${b})`;
  }

  /** The expressions ClickHouse spells from their tree; the rest take the common spelling. */
  function ownSpelling(expr: Expr, print: ExprPrinting): string | undefined {
    switch (expr.kind) {
      case 'call':
        if (expr.fn === 'lower') return printLowercased(expr.args[0]!, print);
        if (expr.fn !== 'list_has_any' && expr.fn !== 'list_has_all') return undefined;
        // A null list gives NULL, as DuckDB's list functions do, so `not` and two-valued logic agree.
        return `if(${listIsNullText(print.expr(listOf(expr.args[0]!)))}, NULL, ${expr.fn === 'list_has_any' ? 'hasAny' : 'hasAll'}(${expr.args.map(print.expr).join(', ')}))`;
      case 'lowerEach':
        return expr.list.kind === 'column' && !external ? print.expr({ ...expr.list, name: loweredColumn(expr.list.name) }) : undefined;
      case 'aggregate':
        return expr.filter === undefined ? undefined : printFilteredAggregate(expr, expr.filter, print);
      case 'compare':
        return expr.op === 'IS DISTINCT FROM' ? distinctFrom(expr.left, expr.right, print) : undefined;
      case 'isNull':
        return expr.list ? `${expr.negated ? 'NOT ' : ''}${listIsNullText(print.expr(expr.expr))}` : undefined;
      case 'inQuery':
        // GLOBAL: the subquery runs once on the queried server, also when the outer table is Distributed.
        return `${print.operand(expr.expr)} ${expr.negated ? 'GLOBAL NOT IN' : 'GLOBAL IN'} ${print.subquery(expr.query)}`;
      case 'exists':
        // ClickHouse 18.16 has no EXISTS; subqueries are never correlated there anyway.
        return `((SELECT count() FROM ${print.subquery(expr.query)}) > 0)`;
      case 'clickhouseCall':
        return `${expr.fn}(${expr.args.map(print.expr).join(', ')})`;
      default:
        return undefined;
    }
  }

  const tableName = (database: string | undefined, name: string) =>
    database === undefined ? quoteIdentifier(name) : quoteTableIn(database, name);

  return makePrinter({
    identifier: quoteIdentifier,
    literal: literalPrinter(external ? { ...QUOTING, quoteTimestamp: quoteExternalTimestamp, quoteDate: quoteExternalDate } : QUOTING),
    integer: QUOTING.quoteNumber,
    list: (items) => `[${items.join(', ')}]`,
    call: (fn, args) => (fn === 'contains' ? `(positionUTF8(${args[0]}, ${args[1]}) > 0)` : `${callName(fn)}(${args.join(', ')})`),
    lowerEach: (list) => `arrayMap(${ELEMENT} -> lowerUTF8(${ELEMENT}), ${list})`,
    listLambda: (fn, list, body) => `${fn === 'transform' ? 'arrayMap' : 'arrayFilter'}(${ELEMENT} -> ${body}, ${list})`,
    lambdaElement: ELEMENT,
    aggregate: (fn, arg, distinct) => {
      if (arg === undefined) return `${fn}()`;
      return fn === 'mode' ? `topK(1)(${arg})[1]` : `${fn}(${distinct ? 'DISTINCT ' : ''}${arg})`;
    },
    castType: (type) => CAST_TYPES[type],
    atomic: ATOMIC,
    expr: ownSpelling,
    // ClickHouse has databases, no schemas: a schema (information_schema) is its database.
    tableName: (table) => tableName(table.database ?? table.schema, table.name),
    joinType: (type) => `GLOBAL ${type === 'CROSS' ? 'CROSS' : type === 'LEFT' ? 'ALL LEFT' : 'ALL INNER'}`,
    setOperation: (op, left, right) => {
      // Only UNION ALL is left after lowering; 18.16 takes its operands unparenthesised.
      if (op !== 'UNION ALL') throw new Error(`ClickHouse has no ${op}`);
      return `${left}\nUNION ALL\n${right}`;
    },
    prepare: lowerForClickhouse,
    // A result table lives in the engine's own database as a Memory table; `temporary` and
    // `orReplace` have no 18.16 form over HTTP without sessions, and the evaluator drops its tables.
    createTableAs: (_statement, table, query) => `CREATE TABLE ${table}\nENGINE = Memory AS\n${query}`,
    createView: (statement, table, query) => {
      if (statement.temporary) throw new Error('ClickHouse over HTTP has no temporary views');
      return `CREATE VIEW ${table} AS\n${query}`;
    },
    insertInto: (_statement, table, query) => `INSERT INTO ${table}\n${query}`,
    dropTable: (statement, table) => `DROP TABLE ${statement.ifExists ? 'IF EXISTS ' : ''}${table}`,
    // 18.16 drops views with DROP TABLE too.
    dropView: (statement, table) => `DROP TABLE ${statement.ifExists ? 'IF EXISTS ' : ''}${table}`,
    use: (statement) => `USE ${quoteIdentifier(statement.database)}`,
    attach: () => {
      throw new Error('ClickHouse attaches no database files; the engine creates a database instead');
    },
    columnType,
    tableEngine,
    statement: (statement, print) => {
      switch (statement.kind) {
        case 'createDatabase':
          return `CREATE DATABASE ${quoteIdentifier(statement.name)}`;
        case 'dropDatabase':
          return `DROP DATABASE ${statement.ifExists ? 'IF EXISTS ' : ''}${quoteIdentifier(statement.name)}`;
        case 'insertRows':
          return `INSERT INTO ${print.table(statement.table)} FORMAT ${statement.format}`;
        default:
          return undefined;
      }
    },
  });
}

/** Printed as operands without parentheses; EXISTS is not among them (it is printed as a comparison). */
const ATOMIC: readonly Expr['kind'][] = COMMON_ATOMIC.filter((kind) => kind !== 'exists');

const PRINTERS: Record<ClickhouseStorage, SqlPrinter> = {
  engine: clickhousePrinter('engine'),
  external: clickhousePrinter('external'),
};

export function printQuery(query: Query, storage: ClickhouseStorage = 'engine'): string {
  return PRINTERS[storage].printQuery(query);
}

export function printStatement(statement: Statement): string {
  return PRINTERS.engine.printStatement(statement);
}

/** A query whose rows come back in `format` (the HTTP interface's output). */
export function inFormat(sql: string, format: 'JSON'): string {
  return `${sql}\nFORMAT ${format}`;
}
