/**
 * The DuckDB-WASM connector for Node (tests and `npm run evaluate --engine wasm`): the same engine
 * as the browser. DuckDB-WASM is imported when a connector is made, so that a process running
 * another engine does not pay for loading it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { arrowInsertOptions, PREPARE_DATABASE, tableToRows, type Connector } from './connector';

const require = createRequire(import.meta.url);

export async function createNodeConnector(): Promise<Connector> {
  const duckdb = await import('@duckdb/duckdb-wasm/blocking');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const connection = db.connect();
  for (const statement of PREPARE_DATABASE) connection.query(statement);
  return {
    queryArrow: async (sql) => connection.query(sql),
    query: async (sql) => tableToRows(connection.query(sql)),
    insertArrowStream: async (name, ipc, options) => {
      connection.insertArrowFromIPCStream(ipc, arrowInsertOptions(name, options));
    },
    close: async () => {
      connection.close();
      await db.reset();
    },
  };
}
