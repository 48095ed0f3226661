/**
 * Loads a data folder of files into ClickHouse: the app's own loader reads, checks and types the
 * files in native DuckDB (the same catalog, errors and warnings as every other engine), DuckDB
 * writes each table it built as CSV files (`clickhouse-csv.ts`) in the storage of
 * `clickhouse-types.ts`, and those stream to ClickHouse as HTTP inserts, a few in flight.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../../engine/catalog';
import { quoteIdentifier as id, quoteString as str } from '../../engine/sql/quote-clickhouse';
import { quoteIdentifier as duckId, quoteString as duckStr } from '../../engine/sql/quote';
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
const BYTES_PER_INSERT = '64MB';
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
    return { catalog: catalog satisfies Catalog, warnings };
  } finally {
    await duck.close();
  }
}

async function tableStoredColumns(duck: NativeDuckDb, table: string, keys: ReadonlySet<string>): Promise<StoredColumn[]> {
  return (await ask(connectorRunner(duck), tableColumns(table))).flatMap((c) => storedColumns(c.name, c.type, keys.has(c.name)));
}

const columnList = (columns: readonly StoredColumn[]) => columns.map((c) => `${id(c.name)} ${c.type}`).join(', ');

async function createTable(layout: ClickhouseLayout, table: string, columns: readonly StoredColumn[], orderBy?: string) {
  await post(
    layout.server,
    `CREATE TABLE ${id(table)} (${columnList(columns)}) ENGINE = MergeTree() ORDER BY ${orderBy === undefined ? 'tuple()' : id(orderBy)}`,
    layout.database,
  );
}

/** On a cluster: a MergeTree table on each shard and a Distributed table over them, sharded by the contact link. */
async function createInteractionTable(layout: ClickhouseLayout, table: string, columns: readonly StoredColumn[], link: string) {
  if (!layout.cluster) return createTable(layout, table, columns);
  const local = `${table}:local`;
  for (const shard of layout.cluster.shards)
    await post(shard, `CREATE TABLE ${id(local)} (${columnList(columns)}) ENGINE = MergeTree() ORDER BY tuple()`, layout.database);
  const engine = `Distributed(${str(layout.cluster.name)}, ${str(layout.database)}, ${str(local)}, cityHash64(ifNull(${id(link)}, '')))`;
  await post(layout.server, `CREATE TABLE ${id(table)} (${columnList(columns)}) ENGINE = ${engine}`, layout.database);
}

/**
 * DuckDB writes the table as CSV files of about BYTES_PER_INSERT each, and each file is one insert; an insert into the Distributed table
 * returns once its rows are on their shards.
 */
async function copyRows(duck: NativeDuckDb, layout: ClickhouseLayout, table: string, columns: readonly StoredColumn[], index: number) {
  const folder = path.join(duck.folder, `clickhouse-${index}`);
  await mkdir(folder);
  try {
    const { select, options } = csvExport(columns);
    await duck.query(
      `COPY (SELECT ${select} FROM ${duckId(table)}) TO ${duckStr(folder)} ` +
        `(${options}, FILE_SIZE_BYTES '${BYTES_PER_INSERT}', OVERWRITE_OR_IGNORE true)`,
    );
    const parts: string[] = [];
    for (const name of (await readdir(folder)).sort())
      if ((await stat(path.join(folder, name))).size > 0) parts.push(path.join(folder, name));
    const insert = `INSERT INTO ${id(table)} FORMAT CSV`;
    let next = 0;
    const worker = async () => {
      while (next < parts.length) await postFile(layout.server, insert, parts[next++]!, layout.database);
    };
    await Promise.all(Array.from({ length: Math.min(INSERTS_IN_FLIGHT, parts.length) }, worker));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
