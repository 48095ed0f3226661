import { startDuckDBWorker } from './data/duckdb-worker-start';
import './ui/global.css';

// DuckDB-WASM's worker fetches and compiles its module, the longest step of a first visit: it
// starts before the app's own code is downloaded (this entry imports nothing else).
const duckdb = startDuckDBWorker();
void import('./start-app').then(({ startApp }) => startApp(duckdb));
