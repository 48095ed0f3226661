/**
 * Starts DuckDB-WASM's worker and the download of its module, the longest steps of a first
 * visit, as early as a page can: this file imports nothing heavy, so `main.ts` runs it before the
 * app's own code is downloaded. The worker fetches the module as its first act, while DuckDB's
 * worker script is still being fetched and evaluated and before the app asks it to instantiate;
 * DuckDB's own request for the module is then answered by that early fetch.
 */
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { mark } from './startup-marks';

export interface DuckDBBundle {
  /** Absolute URLs: the worker runs from a `blob:` address, against which nothing relative resolves. */
  readonly mainModule: string;
  readonly mainWorker: string;
}

export interface StartedDuckDBWorker {
  readonly worker: Worker;
  readonly bundle: DuckDBBundle;
}

/** A module using wasm exceptions, the test `duckdb.selectBundle` makes, run without awaiting. */
const EXCEPTIONS_TEST = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);

/** The bundle `duckdb.selectBundle` would choose between these two (EH where wasm exceptions work). */
export function chooseBundle(): DuckDBBundle {
  const [module, worker] = WebAssembly.validate(EXCEPTIONS_TEST) ? [ehWasm, ehWorker] : [mvpWasm, mvpWorker];
  return { mainModule: new URL(module, location.href).href, mainWorker: new URL(worker, location.href).href };
}

/**
 * The worker's script: fetch the module at once, hand that response to DuckDB's first request
 * for it (DuckDB passes a `Request`), then run DuckDB's classic worker script as it is.
 */
export function workerSource(bundle: DuckDBBundle): string {
  return `"use strict";
const moduleUrl = ${JSON.stringify(bundle.mainModule)};
let early = fetch(moduleUrl, { credentials: "same-origin" });
early.catch(() => undefined);
const fetchLater = self.fetch.bind(self);
self.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (early && url === moduleUrl) {
    const response = early;
    early = undefined;
    return response;
  }
  return fetchLater(input, init);
};
importScripts(${JSON.stringify(bundle.mainWorker)});
`;
}

export function startDuckDBWorker(): StartedDuckDBWorker {
  const bundle = chooseBundle();
  const script = URL.createObjectURL(new Blob([workerSource(bundle)], { type: 'text/javascript' }));
  const worker = new Worker(script);
  mark('duckdb worker started');
  return { worker, bundle };
}
