/**
 * ClickHouse over HTTP (SPEC §4). Everything the engine creates lives in a fresh database, made on
 * every shard, and is dropped on close. A data folder of files is loaded by the app's own loader
 * on native DuckDB (so catalog, errors and warnings are the other engines'), then copied: profile entities into
 * plain tables on the queried server, interactions into a MergeTree table on each shard, sharded
 * by the contact link and read through a Distributed table. A folder holding only a catalog.json
 * with "tables" runs on existing server tables instead, through views in the fresh database.
 */
import { readFolder } from '../read-folder';
import { fileFormat } from '../decode-file';
import type { Engine, LoadedData } from './engine';
import { bindServerTables } from './clickhouse-bind-tables';
import { ClickhouseError, parseServerUrl, post, queryEngineRows, queryRows, type ClickhouseServer } from './clickhouse-http';
import { copyFolderToClickhouse } from './clickhouse-load-files';
import * as q from '../../engine/sql/build';
import { printQuery, printStatement } from '../../engine/sql/print-clickhouse';
import { parseCatalogFile } from '../plan-tables';

/** Where the engine's tables go: the queried server, and the shards of a cluster when there is one. */
export interface ClickhouseLayout {
  readonly server: ClickhouseServer;
  readonly database: string;
  /** The cluster interactions are spread over, with the HTTP address of each shard. */
  readonly cluster?: { readonly name: string; readonly shards: readonly ClickhouseServer[] };
}

async function clusterOf(server: ClickhouseServer, params: URLSearchParams): Promise<ClickhouseLayout['cluster']> {
  const name = params.get('cluster');
  const shardList = params.get('shards');
  if (name === null && shardList === null) return undefined;
  if (name === null || shardList === null)
    throw new ClickhouseError('--url: give both ?cluster=NAME and &shards=host:port,host:port (the HTTP address of each shard)');
  const shardCount = q.select([q.as(q.agg('count', q.col(undefined, 'shard_num'), true), 'n')], {
    from: q.tableIn({ database: 'system' }, 'clusters'),
    where: q.compare('=', q.col(undefined, 'cluster'), q.text(name)),
  });
  const rows = await queryRows(server, printQuery(shardCount));
  const known = Number(rows[0]?.n ?? 0);
  if (known === 0) throw new ClickhouseError(`--url: the server at ${server.origin} has no cluster "${name}" (see system.clusters)`);
  const shards = shardList.split(',').map((address) => ({ ...server, origin: `http://${address.trim()}` }));
  if (shards.length !== known) throw new ClickhouseError(`--url: cluster "${name}" has ${known} shard(s), shards= lists ${shards.length}`);
  return { name, shards };
}

function freshDatabaseName(): string {
  return `segment_studio_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function createClickhouseEngine(url: string): Promise<Engine> {
  const { server, params } = parseServerUrl(url);
  const cluster = await clusterOf(server, params);
  const layout: ClickhouseLayout = { server, database: freshDatabaseName(), ...(cluster ? { cluster } : {}) };
  const servers = [server, ...(cluster?.shards.filter((s) => s.origin !== server.origin) ?? [])];
  for (const s of servers) await post(s, printStatement(q.createDatabase(layout.database)));
  const run = (sql: string) => post(server, sql, layout.database);
  return {
    name: 'clickhouse',
    dialect: 'clickhouse',
    async load(folder): Promise<LoadedData> {
      const files = await readFolder(folder, (name) => fileFormat(name)?.format === 'parquet');
      const catalogFile = files.find((f) => f.name === 'catalog.json');
      if (catalogFile && files.length === 1) {
        const catalogJson = parseCatalogFile(new TextDecoder().decode(catalogFile.bytes));
        if (catalogJson.tables) return bindServerTables(layout, catalogJson);
      }
      return copyFolderToClickhouse(layout, files);
    },
    execute: async (sql) => void (await run(sql)),
    query: (sql) => queryEngineRows(server, sql, layout.database),
    async close() {
      for (const s of servers) await post(s, printStatement(q.dropDatabase(layout.database))).catch(() => undefined);
    },
  };
}
