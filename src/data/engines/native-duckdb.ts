/**
 * Native DuckDB (@duckdb/node-api) behind the same `Connector` as DuckDB-WASM, so the one loader
 * runs on it unchanged: all cores, a memory limit, and a temporary folder for what DuckDB
 * spills past it and for converted chunks, removed on close. Nothing is fetched: extensions are
 * neither installed nor loaded on demand (Parquet is built in).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  DataType,
  Int32,
  Table as ArrowTable,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
  type Table,
  type Vector,
} from 'apache-arrow';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SelectColumn } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import { printStatement } from '../../engine/sql/print-duckdb';
import { prepareDatabase, STAGING_DATABASE, type Connector, type InsertOptions, type Row } from '../connector';
import { parquetWasm } from '../node-decoders';

export const MEMORY_LIMIT_VARIABLE = 'SEGMENT_STUDIO_MEMORY_LIMIT';

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i;

/**
 * DuckDB's share of the machine: half of its memory (or of the container's limit), leaving the
 * rest to Node, which decodes CSV and Arrow files and holds the results.
 */
export function defaultMemoryLimit(): string {
  const constrained = process.constrainedMemory?.() ?? 0;
  const total = constrained > 0 ? Math.min(constrained, os.totalmem()) : os.totalmem();
  return `${Math.max(256, Math.floor(total / 2 / 2 ** 20))}MiB`;
}

export function memoryLimit(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[MEMORY_LIMIT_VARIABLE];
  if (given === undefined || given.trim() === '') return defaultMemoryLimit();
  const m = SIZE.exec(given);
  if (!m) throw new Error(`${MEMORY_LIMIT_VARIABLE}: "${given}" is not a size such as 4GB or 512MiB`);
  return `${m[1]}${m[2]!.toUpperCase().replace('IB', 'iB')}`;
}

/** A value as the wasm connector gives it: BIGINT as number where safe, timestamps and dates as epoch ms. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

export interface NativeDuckDb extends Connector {
  /** The temporary folder: spilled blocks, converted chunks. */
  readonly folder: string;
  readonly connection: DuckDBConnection;
}

export async function openNativeDuckDb(options: { threads?: number; memoryLimit?: string } = {}): Promise<NativeDuckDb> {
  const limit = options.memoryLimit ?? memoryLimit();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'segment-studio-duckdb-'));
  let instance: DuckDBInstance | undefined;
  try {
    instance = await DuckDBInstance.create(':memory:', {
      threads: String(options.threads ?? os.availableParallelism()),
      memory_limit: limit,
      temp_directory: path.join(folder, 'spill'),
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      allow_community_extensions: 'false',
    });
    const connection = await instance.connect();
    // Timestamps are plain UTC TIMESTAMPs; the zone only matters to casts from TIMESTAMPTZ, which must be UTC.
    await connection.run(printStatement(q.setTimeZone('UTC')));
    // The app's layout: tables in `data`, chunks staged in `memory`. Both are in memory, uncompressed
    // (a database file took three times as long to build); past the limit DuckDB evicts their blocks
    // to the temporary folder.
    for (const statement of prepareDatabase(false)) await connection.run(statement);
    return nativeConnector(instance, connection, folder);
  } catch (error) {
    instance?.closeSync();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

function nativeConnector(instance: DuckDBInstance, connection: DuckDBConnection, folder: string): NativeDuckDb {
  let chunkCount = 0;
  const query = async (sql: string): Promise<Row[]> => {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  };
  return {
    folder,
    connection,
    query,
    queryArrow: async (sql): Promise<Table> => {
      throw new Error(`native DuckDB returns rows, not Arrow (${sql.slice(0, 40)}…)`);
    },
    // Native DuckDB has no Arrow reader offline: a chunk becomes a Parquet file (parquet-wasm), which it reads.
    async insertArrowStream(name: string, ipc: Uint8Array, insert: InsertOptions = {}) {
      const file = path.join(folder, `chunk-${chunkCount++}.parquet`);
      const { parquetIpc, columns } = withoutNullBooleans(ipc);
      const { Table: WasmTable, writeParquet } = parquetWasm();
      await writeFile(file, writeParquet(WasmTable.fromIPCStream(parquetIpc)));
      try {
        const table = q.tableName(name, insert.staging ? STAGING_DATABASE : undefined);
        const rows = q.select(columns ?? [q.STAR], { from: q.readParquet(file) });
        await connection.run(printStatement(insert.append ? q.insertInto(table, rows) : q.createTableAs(table, rows)));
      } finally {
        await rm(file, { force: true });
      }
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

const PLACEHOLDER = '__segment_studio_rows';

/**
 * apache-arrow writes a Boolean column of nulls alone with an empty buffer, which parquet-wasm
 * refuses: such a column is left out of the Parquet file and put back as NULL by the select list
 * (a placeholder column keeps the row count when no other is left).
 */
function withoutNullBooleans(ipc: Uint8Array): { parquetIpc: Uint8Array; columns?: SelectColumn[] } {
  const table = tableFromIPC(ipc);
  const allNull = (name: string) => table.numRows > 0 && table.getChild(name)!.nullCount === table.numRows;
  const dropped = new Set(table.schema.fields.filter((f) => DataType.isBool(f.type) && allNull(f.name)).map((f) => f.name));
  if (dropped.size === 0) return { parquetIpc: ipc };
  const kept: Record<string, Vector> = {};
  for (const field of table.schema.fields) if (!dropped.has(field.name)) kept[field.name] = table.getChild(field.name)!;
  if (Object.keys(kept).length === 0) {
    kept[PLACEHOLDER] = makeVector(makeData({ type: new Int32(), length: table.numRows, data: new Int32Array(table.numRows) }));
  }
  const columns = table.schema.fields.map((f) =>
    dropped.has(f.name) ? q.as(q.cast(q.NULL, 'BOOLEAN'), f.name) : { expr: q.col(undefined, f.name) },
  );
  return { parquetIpc: tableToIPC(new ArrowTable(kept), 'stream'), columns };
}
