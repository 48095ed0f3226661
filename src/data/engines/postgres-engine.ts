/**
 * `--engine postgres --url postgres://user@host:port/db`. A data folder with files is loaded by
 * the project's loader on native DuckDB (so the catalog, errors and warnings are the other
 * engines'), then copied into a fresh schema, which is dropped on close. A folder holding only
 * a catalog.json with `"tables"` runs on the server's own tables instead.
 */
import { randomBytes } from 'node:crypto';
import { withoutSharedTables } from '../../engine/catalog';
import * as q from '../../engine/sql/build';
import { printStatement } from '../../engine/sql/print-postgres';
import { fileFormat } from '../decode-file';
import { loadData } from '../load-data';
import { parseCatalogFile } from '../plan-tables';
import { readDataFolder } from '../read-folder';
import type { Engine, LoadedData } from './engine';
import { nativeDecoders } from './native-engine';
import { openNativeDuckDb } from './native-duckdb';
import { connectPostgres } from './postgres-client';
import { catalogTables, copyTables } from './postgres-copy';
import { bindServerTables } from './postgres-server-tables';

export async function createPostgresEngine(url: string): Promise<Engine> {
  const client = await connectPostgres(url);
  const schema = `segment_studio_${randomBytes(6).toString('hex')}`;
  let created = false;

  async function loadFiles(folder: string): Promise<LoadedData> {
    const files = await readDataFolder(folder, (name) => fileFormat(name)?.format === 'parquet');
    if (!files.some((f) => fileFormat(f.name))) {
      const catalogFile = files.find((f) => f.name === 'catalog.json');
      const catalogJson = parseCatalogFile(catalogFile ? new TextDecoder().decode(catalogFile.bytes) : undefined);
      if (catalogJson.tables !== undefined) return bindServerTables(client, catalogJson);
    }
    const duckdb = await openNativeDuckDb({ threads: 1 });
    try {
      const loaded = await loadData(duckdb, files, nativeDecoders);
      await client.execute(printStatement(q.createSchema(schema)));
      created = true;
      await copyTables(duckdb, duckdb.folder, client, schema, catalogTables(loaded.catalog));
      await client.execute(printStatement(q.setSearchPath(schema)));
      return { catalog: withoutSharedTables(loaded.catalog), warnings: loaded.warnings };
    } finally {
      await duckdb.close();
    }
  }

  return {
    name: 'postgres',
    dialect: 'postgres',
    load: loadFiles,
    execute: (sql) => client.execute(sql),
    query: (sql) => client.query(sql),
    async close() {
      try {
        if (created) await client.execute(printStatement(q.dropSchema(schema)));
      } finally {
        await client.end();
      }
    },
  };
}
