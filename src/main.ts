import { startDuckDBWorker } from './data/duckdb-worker-start';
import { startSampleEarly } from './data/sample/browser-sample';
import { DEFAULT_SAMPLE_SIZE, DEFAULT_SEED, sampleHour } from './data/sample/sample-defaults';
import './ui/global.css';

// DuckDB-WASM's worker fetches and compiles its module, the longest step of a first visit: it
// starts before the app's own code is downloaded (this entry imports nothing else heavy).
const duckdb = startDuckDBWorker();
// A first visit shows the sample: its generator starts now too, unless a `?data=` link brings data.
if (!new URLSearchParams(location.search).has('data'))
  startSampleEarly({ ...DEFAULT_SAMPLE_SIZE, seed: DEFAULT_SEED, now: sampleHour(Date.now()) });
void import('./start-app').then(({ startApp }) => startApp(duckdb));
