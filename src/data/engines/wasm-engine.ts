/** The app's own engine, DuckDB-WASM, in Node: the loader of the browser, reading the folder's files. */
import { loadData } from '../load-data';
import { createNodeConnector } from '../node-connector';
import { nodeDecoders } from '../node-decoders';
import { readFolder } from '../read-folder';
import type { Engine } from './engine';

export async function createWasmEngine(): Promise<Engine> {
  const db = await createNodeConnector();
  return {
    name: 'wasm',
    dialect: 'duckdb',
    async load(folder) {
      return loadData(db, await readFolder(folder), nodeDecoders);
    },
    execute: async (sql) => void (await db.query(sql)),
    query: (sql) => db.query(sql),
    close: () => db.close(),
  };
}
