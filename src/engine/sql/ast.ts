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
  /** The schema unqualified names resolve in (PostgreSQL). */
  | 'current_schema'
  // DuckDB's own, for the rows the loaders hand to the server engines.
  | 'replace'
  | 'array_to_string'
  | 'epoch_us'
  | 'datediff'
  /** The character of a code point (a NUL cannot be spelled inside a literal). */
  | 'chr'
  /** Several values as one, for `(a, b) IN (SELECT a, b …)`; only the ClickHouse lowering builds it. */
  | 'tuple';

/**
 * ClickHouse's own functions, which bring a server table's columns to the engine's storage
 * (`clickhouse-types.ts`) and shard its tables; only the ClickHouse printer prints them.
 */
export type ClickhouseFunction =
  | 'toString'
  | 'toUInt8'
  | 'toInt8'
  | 'toInt32'
  | 'toInt64'
  | 'toFloat64'
  | 'toNullable'
  | 'toUnixTimestamp64Micro'
  | 'assumeNotNull'
  | 'isNull'
  | 'isNotNull'
  | 'ifNull'
  | 'if'
  | 'lowerUTF8';
/** `mode`: the most frequent value (the usual spelling of a text value that varies in case). */
export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'mode';
export type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'IS DISTINCT FROM';
/** `||` joins text. */
export type Arithmetic = '+' | '-' | '*' | '/' | '%' | '||';
export type CastType =
  'VARCHAR' | 'DOUBLE' | 'TIMESTAMP' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'TIMESTAMPTZ' | 'TINYINT' | 'INTEGER' | 'VARCHAR[]';

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
  | { readonly kind: 'cast'; readonly expr: Expr; readonly type: CastType }
  | {
      readonly kind: 'case';
      readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
      readonly else?: Expr;
    }
  /**
   * Each element of a list through `body` (`transform`), or the elements where `body` holds
   * (`filter`); inside `body`, `lambdaElement` is the element. The dialect names the parameter.
   */
  | { readonly kind: 'listLambda'; readonly fn: 'transform' | 'filter'; readonly list: Expr; readonly body: Expr }
  | { readonly kind: 'lambdaElement' }
  /** A `timestamp with time zone` as the wall-clock TIMESTAMP of a zone. */
  | { readonly kind: 'atTimeZone'; readonly expr: Expr; readonly zone: string }
  /** `expr` in the row before, rows taken in order of `orderBy`: `lag(expr) OVER (ORDER BY orderBy)`. */
  | { readonly kind: 'previous'; readonly expr: Expr; readonly orderBy: Expr }
  | { readonly kind: 'clickhouseCall'; readonly fn: ClickhouseFunction; readonly args: readonly Expr[] };

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
  | { readonly kind: 'join'; readonly type: 'LEFT' | 'INNER'; readonly left: From; readonly right: From; readonly on: Expr }
  /** Every pair of rows; only the ClickHouse lowering builds it (a join on more than equalities, its condition moved to WHERE). */
  | { readonly kind: 'join'; readonly type: 'CROSS'; readonly left: From; readonly right: From };

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

/** A column type of CREATE TABLE, by DuckDB's name; each printer spells it in its dialect or refuses one it lacks. */
export type ColumnTypeName =
  | 'VARCHAR'
  | 'BOOLEAN'
  | 'TINYINT'
  | 'UTINYINT'
  | 'SMALLINT'
  | 'INTEGER'
  | 'BIGINT'
  /** An integer wider than 64 bits (PostgreSQL's NUMERIC). */
  | 'HUGEINT'
  | 'FLOAT'
  | 'DOUBLE'
  | 'DATE'
  | 'TIMESTAMP';

export type ColumnType =
  | { readonly kind: 'type'; readonly name: ColumnTypeName }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'listOf'; readonly element: ColumnType }
  /** ClickHouse's columns hold no NULL unless they say so; elsewhere every column may. */
  | { readonly kind: 'nullable'; readonly type: ColumnType };

export interface ColumnDefinition {
  readonly name: string;
  readonly type: ColumnType;
}

/** A ClickHouse table's storage: its ENGINE clause. */
export type TableEngine =
  /** Sorted by `orderBy`; none is `tuple()` (insertion order). */
  | { readonly kind: 'mergeTree'; readonly orderBy: readonly Expr[] }
  /** A table spread over a cluster's shards, each holding `database`.`table`, a row going to the shard its key picks. */
  | {
      readonly kind: 'distributed';
      readonly cluster: string;
      readonly database: string;
      readonly table: string;
      readonly shardingKey: Expr;
    };

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
  | { readonly kind: 'createView'; readonly table: TableName; readonly query: Query; readonly temporary?: boolean }
  /** `engine`: ClickHouse's table engine, which it requires (other dialects have none). */
  | {
      readonly kind: 'createTable';
      readonly table: TableName;
      readonly columns: readonly ColumnDefinition[];
      readonly engine?: TableEngine;
    }
  | { readonly kind: 'insertInto'; readonly table: TableName; readonly query: Query }
  | { readonly kind: 'dropTable'; readonly table: TableName; readonly ifExists: boolean }
  | { readonly kind: 'dropView'; readonly table: TableName; readonly ifExists: boolean }
  /** Attaches a database; `path` ':memory:' is one in memory, `compress` compresses its tables. */
  | { readonly kind: 'attach'; readonly path: string; readonly alias: string; readonly compress?: boolean }
  /** Makes a database the default for unqualified names. */
  | { readonly kind: 'use'; readonly database: string }
  /** A PostgreSQL schema; dropping it drops what it holds (CASCADE). */
  | { readonly kind: 'createSchema'; readonly name: string }
  | { readonly kind: 'dropSchema'; readonly name: string; readonly ifExists: boolean }
  /** Unqualified names resolve in this PostgreSQL schema. */
  | { readonly kind: 'setSearchPath'; readonly schema: string }
  /** Unqualified names resolve in these DuckDB databases' main schemas, the first first; new tables go to the first. */
  | { readonly kind: 'searchDatabases'; readonly databases: readonly string[] }
  /** The session's zone (DuckDB, PostgreSQL), which casts from timestamps with a zone use. */
  | { readonly kind: 'setTimeZone'; readonly zone: string }
  /** A ClickHouse database. */
  | { readonly kind: 'createDatabase'; readonly name: string }
  | { readonly kind: 'dropDatabase'; readonly name: string; readonly ifExists: boolean }
  /** DuckDB writes a query's rows to a CSV file. */
  | {
      readonly kind: 'copyToFile';
      readonly query: Query;
      /** A file, or with `fileSizeBytes` a folder of files of about that size each. */
      readonly path: string;
      readonly format: 'csv';
      readonly header: boolean;
      /** How NULL is written (an empty field when absent). */
      readonly nullString?: string;
      /** Columns quoted in every row, so an empty text is told from a NULL. */
      readonly forceQuote?: readonly string[];
      readonly fileSizeBytes?: number;
    }
  /** PostgreSQL reads CSV rows sent after the statement into a table. */
  | { readonly kind: 'copyFromStdin'; readonly table: TableName; readonly format: 'csv' }
  /** PostgreSQL gathers a table's statistics for its planner. */
  | { readonly kind: 'analyze'; readonly table: TableName }
  /** ClickHouse's INSERT whose rows, as CSV, follow the statement. */
  | { readonly kind: 'insertRows'; readonly table: TableName; readonly format: 'CSV' };
