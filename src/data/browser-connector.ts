/**
 * The DuckDB-WASM connector for the browser: the engine runs in a worker, its wasm and worker
 * scripts are served with the app (no CDN), so the app works offline.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { startDuckDBWorker, type StartedDuckDBWorker } from './duckdb-worker-start';
import { mark } from './startup-marks';
import { arrowInsertOptions, PREPARE_DATABASE, tableToRows, type Connector } from './connector';

/**
 * Compiling DuckDB's module is the longest step of a first visit: `main.ts` starts the worker
 * (and with it the module's download) before the app's code is even loaded, and it is told to
 * instantiate before the first `await` here, that is before the caller goes on (mounting the page).
 */
export async function createBrowserConnector(started: StartedDuckDBWorker = startDuckDBWorker()): Promise<Connector> {
  const { worker, bundle } = started;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
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
