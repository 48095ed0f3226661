/**
 * The DuckDB-WASM connector for the browser: the engine runs in a worker, its wasm and worker
 * scripts are served with the app (no CDN), so the app works offline.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { mark } from './startup-marks';
import { arrowInsertOptions, PREPARE_DATABASE, tableToRows, type Connector } from './connector';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

export async function createBrowserConnector(): Promise<Connector> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  mark('duckdb worker started');
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  mark('duckdb instantiated');
  const connection = await db.connect();
  for (const statement of PREPARE_DATABASE) await connection.query(statement);
  return {
    queryArrow: async (sql) => (await connection.query(sql)) as never,
    query: async (sql) => tableToRows((await connection.query(sql)) as never),
    insertArrowStream: async (name, ipc, options) => {
      await connection.insertArrowFromIPCStream(ipc, arrowInsertOptions(name, options));
    },
    cancel: async () => {
      await connection.cancelSent();
    },
    close: async () => {
      await connection.close();
      await db.terminate();
      worker.terminate();
    },
  };
}
