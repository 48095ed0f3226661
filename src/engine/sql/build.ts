/** Constructors for SQL nodes, so the compiler reads like the SQL it builds. */
import type {
  AggregateFunction,
  Arithmetic,
  CastType,
  ClickhouseFunction,
  ColumnDefinition,
  ColumnType,
  ColumnTypeName,
  Comparison,
  Expr,
  From,
  Literal,
  Query,
  ScalarFunction,
  SelectColumn,
  SetOperator,
  Statement,
  TableEngine,
  TableName,
} from './ast';

export const text = (value: string): Literal => ({ kind: 'literal', type: 'text', value });
export const num = (value: number): Literal => ({ kind: 'literal', type: 'number', value });
export const bool = (value: boolean): Literal => ({ kind: 'literal', type: 'boolean', value });
export const timestamp = (instant: number): Literal => ({ kind: 'literal', type: 'timestamp', value: instant });
export const date = (value: string): Literal => ({ kind: 'literal', type: 'date', value });
export const NULL: Literal = { kind: 'literal', type: 'null' };
export const TRUE = bool(true);
export const FALSE = bool(false);

export const col = (table: string | undefined, name: string): Expr =>
  table === undefined ? { kind: 'column', name } : { kind: 'column', table, name };
export const list = (items: readonly Expr[]): Expr => ({ kind: 'list', items });
export const call = (fn: ScalarFunction, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });
export const lower = (expr: Expr): Expr => call('lower', expr);
export const lowerEach = (listExpr: Expr): Expr => ({ kind: 'lowerEach', list: listExpr });
export const agg = (fn: AggregateFunction, arg?: Expr, distinct = false): Expr =>
  arg === undefined ? { kind: 'aggregate', fn } : { kind: 'aggregate', fn, arg, distinct };
/** An aggregate over only the rows where `filter` holds. */
export const aggWhere = (fn: AggregateFunction, arg: Expr | undefined, filter: Expr): Expr =>
  arg === undefined ? { kind: 'aggregate', fn, filter } : { kind: 'aggregate', fn, arg, filter };
/** An aggregate (from `agg`) over only the rows where `filter` holds, keeping its DISTINCT. */
export function filtered(aggregate: Expr, filter: Expr): Expr {
  if (aggregate.kind !== 'aggregate') throw new Error(`only an aggregate can be filtered, not ${aggregate.kind}`);
  return { ...aggregate, filter: aggregate.filter === undefined ? filter : and(aggregate.filter, filter) };
}
export const arithmetic = (op: Arithmetic, left: Expr, right: Expr): Expr => ({ kind: 'arithmetic', op, left, right });
export const cast = (expr: Expr, type: CastType): Expr => ({ kind: 'cast', expr, type });
export const STAR: Expr = { kind: 'star' };
/** DuckDB's row number of a table: its place in the order rows were inserted. */
export const ROWID: Expr = { kind: 'column', name: 'rowid' };
export const compare = (op: Comparison, left: Expr, right: Expr): Expr => ({ kind: 'compare', op, left, right });
export const isNull = (expr: Expr, negated = false): Expr => ({ kind: 'isNull', expr, negated });
/** IS [NOT] NULL on a list column (ClickHouse stores a null list differently, docs/CLICKHOUSE.md). */
export const listIsNull = (expr: Expr, negated = false): Expr => ({ kind: 'isNull', expr, negated, list: true });
export const between = (expr: Expr, low: Expr, high: Expr): Expr => ({ kind: 'between', expr, low, high });
export const inList = (expr: Expr, items: readonly Expr[], negated = false): Expr => ({ kind: 'inList', expr, items, negated });
export const inQuery = (expr: Expr, query: Query, negated = false): Expr => ({ kind: 'inQuery', expr, query, negated });
export const exists = (query: Query): Expr => ({ kind: 'exists', query });
export const not = (expr: Expr): Expr => ({ kind: 'not', expr });
export const coalesce = (...args: Expr[]): Expr => call('coalesce', ...args);
/** `CASE WHEN … THEN … [ELSE …] END`. */
export const caseWhen = (whens: readonly [Expr, Expr][], otherwise?: Expr): Expr => ({
  kind: 'case',
  whens: whens.map(([when, then]) => ({ when, then })),
  ...(otherwise === undefined ? {} : { else: otherwise }),
});
/** The element inside a `listTransform` or `listFilter` body. */
export const ELEMENT: Expr = { kind: 'lambdaElement' };
export const listTransform = (listExpr: Expr, body: Expr): Expr => ({ kind: 'listLambda', fn: 'transform', list: listExpr, body });
export const listFilter = (listExpr: Expr, body: Expr): Expr => ({ kind: 'listLambda', fn: 'filter', list: listExpr, body });
export const atTimeZone = (expr: Expr, zone: string): Expr => ({ kind: 'atTimeZone', expr, zone });
export const previous = (expr: Expr, orderBy: Expr): Expr => ({ kind: 'previous', expr, orderBy });
export const concat = (...items: Expr[]): Expr => items.reduce((left, right) => arithmetic('||', left, right));
/** A function only ClickHouse has (the ClickHouse engine's storage conversions). */
export const chCall = (fn: ClickhouseFunction, ...args: Expr[]): Expr => ({ kind: 'clickhouseCall', fn, args });

function logical(op: 'AND' | 'OR', items: readonly Expr[]): Expr {
  const flat = items.flatMap((item) => (item.kind === 'logical' && item.op === op ? item.items : [item]));
  return flat.length === 1 ? flat[0]! : { kind: 'logical', op, items: flat };
}
export const and = (...items: Expr[]): Expr => logical('AND', items);
export const or = (...items: Expr[]): Expr => logical('OR', items);

export const table = (name: string, alias?: string): From =>
  alias === undefined ? { kind: 'table', name } : { kind: 'table', name, alias };
/** A table in another attached database, or in a schema (`information_schema`). */
export const tableIn = (where: { database?: string; schema?: string }, name: string, alias?: string): From => ({
  kind: 'table',
  name,
  ...(alias === undefined ? {} : { alias }),
  ...where,
});
/** Native DuckDB reading a Parquet file in place. */
export const readParquet = (path: string): From => ({ kind: 'tableFunction', fn: 'read_parquet', args: [text(path)] });
export const subquery = (query: Query, alias: string): From => ({ kind: 'subquery', query, alias });
export const leftJoin = (left: From, right: From, on: Expr): From => ({ kind: 'join', type: 'LEFT', left, right, on });
export const innerJoin = (left: From, right: From, on: Expr): From => ({ kind: 'join', type: 'INNER', left, right, on });
export const crossJoin = (left: From, right: From): From => ({ kind: 'join', type: 'CROSS', left, right });

export function select(
  columns: readonly (Expr | SelectColumn)[],
  parts: Omit<Extract<Query, { kind: 'select' }>, 'kind' | 'columns'> = {},
): Query {
  const normalized = columns.map((c) => ('expr' in c && !('kind' in c) ? c : { expr: c as Expr }));
  return { kind: 'select', columns: normalized, ...parts };
}
export const as = (expr: Expr, alias: string): SelectColumn => ({ expr, alias });
export const setOperation = (op: SetOperator, left: Query, right: Query): Query => ({ kind: 'setOperation', op, left, right });

/**
 * Many queries combined by one set operator as a balanced tree: a chain of thousands (one per
 * file of a folder of many) would nest past the parser's expression depth; a tree nests log2(n).
 */
export function setOperations(op: SetOperator, queries: readonly Query[]): Query {
  if (queries.length === 0) throw new Error('setOperations needs at least one query');
  if (queries.length === 1) return queries[0]!;
  const half = Math.ceil(queries.length / 2);
  return setOperation(op, setOperations(op, queries.slice(0, half)), setOperations(op, queries.slice(half)));
}

export const tableName = (name: string, database?: string): TableName => (database === undefined ? { name } : { name, database });
export const createTempTableAs = (name: string, query: Query): Statement => ({
  kind: 'createTableAs',
  table: tableName(name),
  query,
  temporary: true,
  orReplace: true,
});
const named = (table: TableName | string): TableName => (typeof table === 'string' ? tableName(table) : table);
export const dropTable = (table: TableName | string, ifExists = true): Statement => ({ kind: 'dropTable', table: named(table), ifExists });
export const dropView = (table: TableName | string): Statement => ({ kind: 'dropView', table: named(table), ifExists: true });
export const createTableAs = (table: TableName | string, query: Query): Statement => ({
  kind: 'createTableAs',
  table: named(table),
  query,
});
export const insertInto = (table: TableName | string, query: Query): Statement => ({ kind: 'insertInto', table: named(table), query });
export const attach = (path: string, alias: string, compress = false): Statement => ({ kind: 'attach', path, alias, compress });
export const use = (database: string): Statement => ({ kind: 'use', database });
export const createView = (table: TableName | string, query: Query, temporary = false): Statement => ({
  kind: 'createView',
  table: named(table),
  query,
  ...(temporary ? { temporary } : {}),
});

export const columnType = (name: ColumnTypeName): ColumnType => ({ kind: 'type', name });
export const decimalType = (precision: number, scale: number): ColumnType => ({ kind: 'decimal', precision, scale });
export const listOf = (element: ColumnType): ColumnType => ({ kind: 'listOf', element });
export const nullable = (type: ColumnType): ColumnType => ({ kind: 'nullable', type });
export const createTable = (table: TableName | string, columns: readonly ColumnDefinition[], engine?: TableEngine): Statement => ({
  kind: 'createTable',
  table: named(table),
  columns,
  ...(engine === undefined ? {} : { engine }),
});
export const mergeTree = (...orderBy: Expr[]): TableEngine => ({ kind: 'mergeTree', orderBy });
export const distributed = (cluster: string, database: string, localTable: string, shardingKey: Expr): TableEngine => ({
  kind: 'distributed',
  cluster,
  database,
  table: localTable,
  shardingKey,
});
export const createSchema = (name: string): Statement => ({ kind: 'createSchema', name });
export const dropSchema = (name: string): Statement => ({ kind: 'dropSchema', name, ifExists: true });
export const setSearchPath = (schema: string): Statement => ({ kind: 'setSearchPath', schema });
export const searchDatabases = (databases: readonly string[]): Statement => ({ kind: 'searchDatabases', databases });
export const setTimeZone = (zone: string): Statement => ({ kind: 'setTimeZone', zone });
export const createDatabase = (name: string): Statement => ({ kind: 'createDatabase', name });
export const dropDatabase = (name: string): Statement => ({ kind: 'dropDatabase', name, ifExists: true });
export const copyToCsv = (
  query: Query,
  path: string,
  options: { header?: boolean; nullString?: string; forceQuote?: readonly string[]; fileSizeBytes?: number } = {},
): Statement => ({ kind: 'copyToFile', query, path, format: 'csv', ...options, header: options.header ?? false });
export const copyCsvFromStdin = (table: TableName | string): Statement => ({ kind: 'copyFromStdin', table: named(table), format: 'csv' });
export const analyze = (table: TableName | string): Statement => ({ kind: 'analyze', table: named(table) });
export const insertCsvRows = (table: TableName | string): Statement => ({ kind: 'insertRows', table: named(table), format: 'CSV' });
