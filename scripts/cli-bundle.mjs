// How the CLIs (scripts/run-cli.mjs) and the bench's evaluate child are bundled with esbuild.
// Loading a package from node_modules costs Node a module resolution and compilation per file
// (@duckdb/node-api alone is 124 files), so the pure JavaScript packages go into the bundle; only
// what must stay a file of its own is left outside: native and wasm code loaded from its package
// folder, and packages loaded on first use by another engine.
export const KEPT_OUTSIDE = ['@duckdb/node-bindings', '@duckdb/duckdb-wasm', 'parquet-wasm', 'pg', 'esbuild'];

/** esbuild options for `entry` bundled into `outfile`. */
export function cliBundleOptions(entry, outfile) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: KEPT_OUTSIDE,
    // CommonJS packages in the bundle (@duckdb/node-api) call require() for those left outside.
    banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
    logLevel: 'error',
  };
}
