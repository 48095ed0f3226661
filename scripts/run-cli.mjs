// Runs one of the TypeScript CLIs in src/cli/. Each is bundled once with esbuild into .cache/cli/
// and rebuilt whenever a source file is newer, so a run starts in a fraction of tsx's time.
// esbuild is imported only to rebuild: a run of an up-to-date bundle does not load it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBundleOptions } from './cli-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Bundles src/cli/<name>.ts if needed and runs it. */
export async function runCli(name) {
  const entry = path.join(root, `src/cli/${name}.ts`);
  const bundle = path.join(root, `.cache/cli/${name}.mjs`);
  const bundler = path.join(root, 'scripts/cli-bundle.mjs');
  const newest = Math.max(newestSource(path.join(root, 'src')), statSync(bundler).mtimeMs);
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest) {
    const { buildSync } = await import('esbuild');
    buildSync(cliBundleOptions(entry, bundle));
  }
  await import(pathToFileURL(bundle).href);
}
