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

/** A module using wasm exceptions, the test `duckdb.selectBundle` makes, run without awaiting. */
const EXCEPTIONS_TEST = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);

/**
 * Compiling DuckDB's module is the longest step of a first visit, so the worker is created and
 * told to fetch and instantiate it before the first `await`, that is before the caller goes on
 * (mounting the page): the bundle is chosen, without awaiting, as `duckdb.selectBundle` chooses
 * between these two.
 */
export async function createBrowserConnector(): Promise<Connector> {
  const bundle = WebAssembly.validate(EXCEPTIONS_TEST) ? BUNDLES.eh! : BUNDLES.mvp;
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  mark('duckdb worker started');
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
