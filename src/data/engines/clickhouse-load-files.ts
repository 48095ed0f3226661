/**
 * Loads a data folder of files into ClickHouse: the app's own loader reads, checks and types the
 * files in DuckDB-WASM (the same catalog, errors and warnings as every other engine), and each
 * table it built is then sent to ClickHouse as JSONEachRow in the storage of `clickhouse-types.ts`.
 */
import type { Vector } from 'apache-arrow';
import type { Catalog } from '../../engine/catalog';
import type { TableEngine } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import * as clickhouse from '../../engine/sql/print-clickhouse';
import * as duckdb from '../../engine/sql/print-duckdb';
import type { Connector } from '../connector';
import type { InputFile } from '../decode-file';
import { dropTables, loadData } from '../load-data';
import { ask } from '../load/check';
import { tableColumns } from '../load/tables';
import { connectorRunner } from './engine';
import { createNodeConnector } from '../node-connector';
import { nodeDecoders } from '../node-decoders';
import type { ClickhouseLayout } from './clickhouse-engine';
import { post } from './clickhouse-http';
import { storedColumns, type StoredColumn } from './clickhouse-types';
import type { LoadedData } from './engine';

/** Rows per INSERT: large enough for few MergeTree parts, small enough for a modest request body. */
const ROWS_PER_INSERT = 100_000;

/** A DuckDB-WASM the caller keeps for many loads (the property test), each with its own generation. */
export interface SharedLoader {
  readonly connector: Connector;
  readonly generation: number;
}

export async function copyFolderToClickhouse(
  layout: ClickhouseLayout,
  files: readonly InputFile[],
  shared?: SharedLoader,
): Promise<LoadedData> {
  const duck = shared?.connector ?? (await createNodeConnector());
  let loadedTables: readonly string[] = [];
  try {
    const { catalog, warnings, tables } = await loadData(duck, files, nodeDecoders, shared ? { generation: shared.generation } : {});
    loadedTables = tables;
    for (const [, entity] of Object.entries(catalog.entities)) {
      const columns = await tableStoredColumns(duck, entity.table, new Set([entity.key]));
      await createTable(layout, entity.table, columns, entity.key);
      await copyRows(duck, layout, entity.table, columns);
    }
    for (const type of Object.values(catalog.interactions.types)) {
      const columns = await tableStoredColumns(duck, type.table, new Set());
      await createInteractionTable(layout, type.table, columns, type.links[0] ?? catalog.interactions.contactLinks[0]!);
      await copyRows(duck, layout, type.table, columns);
    }
    return { catalog: catalog satisfies Catalog, warnings };
  } finally {
    if (shared) await dropTables(duck, loadedTables);
    else await duck.close();
  }
}

async function tableStoredColumns(duck: Connector, table: string, keys: ReadonlySet<string>): Promise<StoredColumn[]> {
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

function jsonValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && Symbol.iterator in value) return `[${[...(value as Iterable<unknown>)].map(jsonValue).join(',')}]`;
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '"nan"' : value > 0 ? '"inf"' : '"-inf"';
  return JSON.stringify(value);
}

async function copyRows(duck: Connector, layout: ClickhouseLayout, table: string, columns: readonly StoredColumn[]) {
  const arrow = await duck.queryArrow(
    duckdb.printQuery(
      q.select(
        columns.map((c) => q.as(c.read, c.name)),
        { from: q.table(table) },
      ),
    ),
  );
  const vectors = columns.map((c) => arrow.getChild(c.name) as Vector);
  const keys = columns.map((c) => `${JSON.stringify(c.name)}:`);
  // The rows follow the statement on the lines after it.
  const insert = `${clickhouse.printStatement(q.insertJsonRows(table))}\n`;
  let lines: string[] = [];
  for (let row = 0; row < arrow.numRows; row++) {
    lines.push(`{${vectors.map((v, i) => keys[i] + jsonValue(v.get(row))).join(',')}}`);
    if (lines.length === ROWS_PER_INSERT) {
      await post(layout.server, insert + lines.join('\n'), layout.database);
      lines = [];
    }
  }
  if (lines.length > 0) await post(layout.server, insert + lines.join('\n'), layout.database);
}
