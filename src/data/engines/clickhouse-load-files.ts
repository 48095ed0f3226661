/**
 * Loads a data folder of files into ClickHouse: the app's own loader reads, checks and types the
 * files in native DuckDB (the same catalog, errors and warnings as every other engine), DuckDB
 * writes each table it built as CSV files (`clickhouse-csv.ts`) in the storage of
 * `clickhouse-types.ts`, and those stream to ClickHouse as HTTP inserts, a few in flight.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { withoutSharedTables } from '../../engine/catalog';
import type { TableEngine } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import * as clickhouse from '../../engine/sql/print-clickhouse';
import * as duckdb from '../../engine/sql/print-duckdb';
import type { InputFile } from '../decode-file';
import { loadData } from '../load-data';
import { ask } from '../load/check';
import { tableColumns } from '../load/tables';
import { connectorRunner } from './engine';
import type { ClickhouseLayout } from './clickhouse-engine';
import { post, postFile } from './clickhouse-http';
import { csvExport } from './clickhouse-csv';
import { storedColumns, type StoredColumn } from './clickhouse-types';
import type { LoadedData } from './engine';
import { nativeDecoders } from './native-engine';
import { openNativeDuckDb, type NativeDuckDb } from './native-duckdb';

/** Bytes per insert: large enough for few MergeTree parts, small enough to keep several in flight. */
const BYTES_PER_INSERT = 64_000_000;
const INSERTS_IN_FLIGHT = 3;

export async function copyFolderToClickhouse(layout: ClickhouseLayout, files: readonly InputFile[]): Promise<LoadedData> {
  const duck = await openNativeDuckDb();
  try {
    // Native DuckDB spills a GROUP BY past its memory limit: the InteractionIds need no slicing.
    const { catalog, warnings } = await loadData(duck, files, nativeDecoders, { idCheckSliceRows: Number.POSITIVE_INFINITY });
    let index = 0;
    for (const [, entity] of Object.entries(catalog.entities)) {
      const columns = await tableStoredColumns(duck, entity.table, new Set([entity.key]));
      await createTable(layout, entity.table, columns, entity.key);
      await copyRows(duck, layout, entity.table, columns, index++);
    }
    for (const type of Object.values(catalog.interactions.types)) {
      const columns = await tableStoredColumns(duck, type.table, new Set());
      await createInteractionTable(layout, type.table, columns, type.links[0] ?? catalog.interactions.contactLinks[0]!);
      await copyRows(duck, layout, type.table, columns, index++);
    }
    return { catalog: withoutSharedTables(catalog), warnings };
  } finally {
    await duck.close();
  }
}

async function tableStoredColumns(duck: NativeDuckDb, table: string, keys: ReadonlySet<string>): Promise<StoredColumn[]> {
  return (await ask(connectorRunner(duck), tableColumns(table))).flatMap((c) => storedColumns(c.name, c.type, keys.has(c.name)));
}

const createStatement = (table: string, columns: readonly StoredColumn[], engine: TableEngine): string =>
  clickhouse.printStatement(
    q.createTable(
      table,
      columns.map((c) => ({ name: c.name, type: c.type })),
      engine,
    ),
  );

async function createTable(layout: ClickhouseLayout, table: string, columns: readonly StoredColumn[], orderBy?: string) {
  const engine = orderBy === undefined ? q.mergeTree() : q.mergeTree(q.col(undefined, orderBy));
  await post(layout.server, createStatement(table, columns, engine), layout.database);
}

/** On a cluster: a MergeTree table on each shard and a Distributed table over them, sharded by the contact link. */
async function createInteractionTable(layout: ClickhouseLayout, table: string, columns: readonly StoredColumn[], link: string) {
  if (!layout.cluster) return createTable(layout, table, columns);
  const local = `${table}:local`;
  for (const shard of layout.cluster.shards) await post(shard, createStatement(local, columns, q.mergeTree()), layout.database);
  const shardingKey = q.call('hash', q.chCall('ifNull', q.col(undefined, link), q.text('')));
  await post(
    layout.server,
    createStatement(table, columns, q.distributed(layout.cluster.name, layout.database, local, shardingKey)),
    layout.database,
  );
}

/**
 * DuckDB writes the table as CSV files of about BYTES_PER_INSERT each, and each file is one insert; an insert into the Distributed table
 * returns once its rows are on their shards.
 */
async function copyRows(duck: NativeDuckDb, layout: ClickhouseLayout, table: string, columns: readonly StoredColumn[], index: number) {
  const folder = path.join(duck.folder, `clickhouse-${index}`);
  await mkdir(folder);
  try {
    await duck.query(duckdb.printStatement(csvExport(table, columns, folder, BYTES_PER_INSERT)));
    const parts: string[] = [];
    for (const name of (await readdir(folder)).sort())
      if ((await stat(path.join(folder, name))).size > 0) parts.push(path.join(folder, name));
    const insert = clickhouse.printStatement(q.insertCsvRows(table));
    let next = 0;
    const worker = async () => {
      while (next < parts.length) await postFile(layout.server, insert, parts[next++]!, layout.database);
    };
    await Promise.all(Array.from({ length: Math.min(INSERTS_IN_FLIGHT, parts.length) }, worker));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
