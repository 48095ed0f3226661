import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The benchmark harness page, built apart from the app (its own root and output folder).
export default defineConfig({
  root: fileURLToPath(new URL('./harness', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    target: 'es2022',
    // bench/benchmark.ts passes a folder of its own per run.
    outDir: fileURLToPath(new URL('../.bench/harness-dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
  },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  worker: { format: 'es' },
});
