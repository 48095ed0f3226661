/**
 * The narrow interface the rest of the app uses to talk to DuckDB-WASM, in the browser (a
 * worker) and in Node (the blocking build). Only the data layer holds one.
 */
import { DataType, util, type Decimal, type Table } from 'apache-arrow';
import * as q from '../engine/sql/build';
import { printStatement } from '../engine/sql/print-duckdb';

export type Row = Record<string, unknown>;

export interface Connector {
  /** Runs SQL and returns the result as Arrow. */
  queryArrow(sql: string): Promise<Table>;
  /** Runs SQL and returns plain rows (BIGINT as number where safe, timestamps as epoch ms). */
  query(sql: string): Promise<Row[]>;
  /** Creates table `name` from Arrow IPC stream bytes, or appends to it. */
  insertArrowStream(name: string, ipc: Uint8Array, options?: InsertOptions): Promise<void>;
  /** Cancels the running query, if the engine can. */
  cancel?(): Promise<void>;
  close(): Promise<void>;
}

export interface InsertOptions {
  readonly append?: boolean;
  /** In the plain STAGING_DATABASE, not the compressed one the app's tables live in. */
  readonly staging?: boolean;
}

/**
 * DuckDB's default, uncompressed in-memory database: a loader's chunk waits here only to be copied
 * into its table, and appending to it costs a third as much as to the compressed one
 * (BENCHMARKS.md). A load small enough (`PLAIN_TABLES_UP_TO_BYTES`) keeps its tables here too.
 */
export const STAGING_DATABASE = 'memory';

/** The database where tables go by default: compressed where the connector asks for it. */
export const TABLES_DATABASE = 'data';

/**
 * Every connector's set-up, the one place that says where tables live. Tables go to `data`, in
 * memory, compressed in DuckDB-WASM: about a tenth of the memory, and scans as fast or faster
 * (BENCHMARKS.md), which is what lets 20M interactions fit in a browser tab. Unqualified names
 * are looked up in `data`, then in the plain `memory`, so a table the loader put there (a small
 * load, `PLAIN_TABLES_UP_TO_BYTES`) is read by the same name as any other.
 */
export function prepareDatabase(compress: boolean): string[] {
  return [
    q.attach(':memory:', TABLES_DATABASE, compress),
    q.use(TABLES_DATABASE),
    q.searchDatabases([TABLES_DATABASE, STAGING_DATABASE]),
  ].map(printStatement);
}

/** DuckDB-WASM's set-up, in the browser and in Node. */
export const PREPARE_DATABASE = prepareDatabase(true);

/**
 * Up to this many bytes of data files, a load builds its tables in the plain database: appending
 * to a compressed table costs several times as much, and compression only matters when the
 * tables would not fit in a tab otherwise (BENCHMARKS.md, "Issue 14, third round").
 */
export const PLAIN_TABLES_UP_TO_BYTES = 64 * 2 ** 20;

/**
 * Ids per slice of a plain load's duplicate-InteractionId check: each slice's GROUP BY is the
 * largest thing the load allocates once its tables are built, and smaller groupings are no slower.
 */
export const PLAIN_ID_CHECK_SLICE_ROWS = 500_000;

/** Ids per slice of the check for a load with compressed tables. */
export const ID_CHECK_SLICE_ROWS = 2_000_000;

/** DuckDB-WASM's insert options: a `schema` that names a database puts the table in that database's main schema. */
export function arrowInsertOptions(name: string, options: InsertOptions = {}) {
  return { name, create: !options.append, ...(options.staging ? { schema: STAGING_DATABASE } : {}) };
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value && typeof value === 'object' && 'toArray' in value && typeof (value as { toArray: unknown }).toArray === 'function') {
    return Array.from((value as { toArray(): ArrayLike<unknown> }).toArray(), plain);
  }
  return value;
}

/** A DECIMAL arrives as its unscaled integer in 32-bit words: its value, as native DuckDB gives it. */
function decimal(value: unknown, scale: number): unknown {
  return value === null || value === undefined ? value : util.bigNumToNumber(value as Parameters<typeof util.bigNumToNumber>[0], scale);
}

export function tableToRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const names = fields.map((f) => f.name);
  const columns = names.map((name) => table.getChild(name)!);
  const read = fields.map((field) => (DataType.isDecimal(field.type) ? (v: unknown) => decimal(v, (field.type as Decimal).scale) : plain));
  const rows: Row[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    names.forEach((name, c) => (row[name] = read[c]!(columns[c]!.get(i))));
    rows.push(row);
  }
  return rows;
}

/** The values of one text column, e.g. segment members. */
export function textColumn(table: Table, name: string): string[] {
  const column = table.getChild(name);
  if (!column) return [];
  const out: string[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const v = column.get(i);
    if (v !== null && v !== undefined) out.push(String(v));
  }
  return out;
}
