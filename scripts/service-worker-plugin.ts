/**
 * Writes `sw.js` into the built site: the hand-written service worker of
 * `src/offline/service-worker.js` behind a manifest of every file the build wrote, versioned by
 * a hash of their contents, so a new build installs a new cache and the old one is deleted.
 * Only `vite build` runs it; the dev server has no service worker.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

export const SERVICE_WORKER_FILE = 'sw.js';

/** The DuckDB bundles: the service worker caches the one the browser will run. */
const DUCKDB_BUNDLE = /^assets\/duckdb-(?:browser-)?(eh|mvp)[.-]/;

export interface OfflineManifest {
  version: string;
  /** Every file of the site but the DuckDB bundles, relative to the site's folder. */
  shell: string[];
  /** The wasm and worker of each DuckDB bundle. */
  bundles: { eh: string[]; mvp: string[] };
}

function filesUnder(root: string, folder = ''): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const name = folder ? `${folder}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(root, name) : [name];
  });
}

export function offlineManifest(outDir: string): OfflineManifest {
  const files = filesUnder(outDir)
    .filter((name) => name !== SERVICE_WORKER_FILE)
    .sort();
  const hash = createHash('sha256');
  const manifest: OfflineManifest = { version: '', shell: [], bundles: { eh: [], mvp: [] } };
  for (const name of files) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(path.join(outDir, name)));
    const bundle = DUCKDB_BUNDLE.exec(name)?.[1] as 'eh' | 'mvp' | undefined;
    (bundle ? manifest.bundles[bundle] : manifest.shell).push(name);
  }
  manifest.version = hash.digest('hex').slice(0, 16);
  return manifest;
}

export function serviceWorkerPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'segment-studio-service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const manifest = offlineManifest(outDir);
      const source = readFileSync(path.resolve(config.root, 'src/offline/service-worker.js'), 'utf8');
      writeFileSync(path.join(outDir, SERVICE_WORKER_FILE), `const MANIFEST = ${JSON.stringify(manifest)};\n${source}`);
    },
  };
}
