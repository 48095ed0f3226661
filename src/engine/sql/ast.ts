/**
 * A small SQL syntax tree: immutable, kind-tagged nodes. The compiler builds these; only
 * a dialect's printer (`print-duckdb.ts`, `print-clickhouse.ts`, …) turns them into text, and only
 * that dialect's quoting file turns names and values into text.
 */

export type Literal =
  | { readonly kind: 'literal'; readonly type: 'text'; readonly value: string }
  | { readonly kind: 'literal'; readonly type: 'number'; readonly value: number }
  | { readonly kind: 'literal'; readonly type: 'boolean'; readonly value: boolean }
  | { readonly kind: 'literal'; readonly type: 'timestamp'; readonly value: number }
  | { readonly kind: 'literal'; readonly type: 'date'; readonly value: string }
  | { readonly kind: 'literal'; readonly type: 'null' };

export type ScalarFunction =
  | 'lower'
  | 'contains'
  | 'starts_with'
  | 'ends_with'
  | 'list_has_any'
  | 'list_has_all'
  | 'coalesce'
  /** One row per list element, in a SELECT list (statistics of multi-option fields). */
  | 'unnest'
  /** A 64-bit hash of any value (the loader's duplicate-id check). */
  | 'hash'
  /** A setting's current value, e.g. `memory_limit`. */
  | 'current_setting'
  /** Several values as one, for `(a, b) IN (SELECT a, b …)`; only the ClickHouse lowering builds it. */
  | 'tuple';
/** `mode`: the most frequent value (the usual spelling of a text value that varies in case). */
export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'mode';
export type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'IS DISTINCT FROM';
export type Arithmetic = '+' | '-' | '*' | '/' | '%';
export type CastType = 'VARCHAR' | 'DOUBLE' | 'TIMESTAMP' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMPTZ';

export type Expr =
  | Literal
  | { readonly kind: 'column'; readonly table?: string; readonly name: string }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  | { readonly kind: 'call'; readonly fn: ScalarFunction; readonly args: readonly Expr[] }
  /** Every element of a text list lowercased: `list_transform(e, lambda x: lower(x))`. */
  | { readonly kind: 'lowerEach'; readonly list: Expr }
  | {
      readonly kind: 'aggregate';
      readonly fn: AggregateFunction;
      readonly arg?: Expr;
      readonly distinct?: boolean;
      /** Only the rows where this holds are aggregated: `FILTER (WHERE …)`. */
      readonly filter?: Expr;
    }
  | { readonly kind: 'arithmetic'; readonly op: Arithmetic; readonly left: Expr; readonly right: Expr }
  /** Every column of the FROM clause, in a SELECT list. */
  | { readonly kind: 'star' }
  | { readonly kind: 'compare'; readonly op: Comparison; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'logical'; readonly op: 'AND' | 'OR'; readonly items: readonly Expr[] }
  | { readonly kind: 'not'; readonly expr: Expr }
  /** `list`: the operand is a list column, which ClickHouse cannot make Nullable (docs/CLICKHOUSE.md). */
  | { readonly kind: 'isNull'; readonly expr: Expr; readonly negated: boolean; readonly list?: boolean }
  | { readonly kind: 'between'; readonly expr: Expr; readonly low: Expr; readonly high: Expr }
  | { readonly kind: 'inList'; readonly expr: Expr; readonly items: readonly Expr[]; readonly negated: boolean }
  | { readonly kind: 'inQuery'; readonly expr: Expr; readonly query: Query; readonly negated: boolean }
  | { readonly kind: 'exists'; readonly query: Query }
  | { readonly kind: 'cast'; readonly expr: Expr; readonly type: CastType };

export type From =
  | {
      readonly kind: 'table';
      readonly name: string;
      readonly alias?: string;
      /** Another attached database (its `main` schema unless `schema` says otherwise). */
      readonly database?: string;
      readonly schema?: string;
    }
  /** A function that returns rows: `duckdb_memory()`, or `read_parquet(path)` (native DuckDB reading a file in place). */
  | {
      readonly kind: 'tableFunction';
      readonly fn: 'duckdb_memory' | 'read_parquet';
      readonly args?: readonly Expr[];
      readonly alias?: string;
    }
  | { readonly kind: 'subquery'; readonly query: Query; readonly alias: string }
  | { readonly kind: 'join'; readonly type: 'LEFT' | 'INNER'; readonly left: From; readonly right: From; readonly on: Expr };

export interface SelectColumn {
  readonly expr: Expr;
  readonly alias?: string;
}

/** An ORDER BY item; a bare expression sorts ascending. */
export interface OrderItem {
  readonly expr: Expr;
  readonly descending?: boolean;
}

/**
 * `UNION ALL` keeps duplicates (the ClickHouse lowering uses it where 18.16 lacks the others);
 * `UNION ALL BY NAME` (DuckDB) matches columns by name and pads missing ones with NULL.
 */
export type SetOperator = 'UNION' | 'INTERSECT' | 'EXCEPT' | 'UNION ALL' | 'UNION ALL BY NAME';

export type Query =
  | {
      readonly kind: 'select';
      readonly distinct?: boolean;
      readonly columns: readonly SelectColumn[];
      readonly from?: From;
      readonly where?: Expr;
      readonly groupBy?: readonly Expr[];
      readonly having?: Expr;
      readonly orderBy?: readonly (Expr | OrderItem)[];
      readonly limit?: number;
      /** Rows skipped before the first returned (paging). */
      readonly offset?: number;
    }
  | { readonly kind: 'setOperation'; readonly op: SetOperator; readonly left: Query; readonly right: Query }
  | {
      readonly kind: 'with';
      readonly ctes: readonly { readonly name: string; readonly query: Query; readonly materialized?: boolean }[];
      readonly body: Query;
    };

/** A table, optionally in another attached database (DuckDB) or schema (PostgreSQL, ClickHouse). */
export interface TableName {
  readonly name: string;
  readonly database?: string;
}

/** Statements around queries (DDL and DML), printed by the same printers as queries. */
export type Statement =
  | {
      readonly kind: 'createTableAs';
      readonly table: TableName;
      readonly query: Query;
      /** A session-local table that disappears with the connection. */
      readonly temporary?: boolean;
      readonly orReplace?: boolean;
    }
  | { readonly kind: 'createView'; readonly table: TableName; readonly query: Query }
  | { readonly kind: 'insertInto'; readonly table: TableName; readonly query: Query }
  | { readonly kind: 'dropTable'; readonly table: TableName; readonly ifExists: boolean }
  | { readonly kind: 'dropView'; readonly table: TableName; readonly ifExists: boolean }
  /** Attaches a database; `path` ':memory:' is one in memory, `compress` compresses its tables. */
  | { readonly kind: 'attach'; readonly path: string; readonly alias: string; readonly compress?: boolean }
  /** Makes a database the default for unqualified names. */
  | { readonly kind: 'use'; readonly database: string };
