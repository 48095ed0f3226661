// Runs one of the TypeScript CLIs in src/cli/. Each is bundled once with esbuild into .cache/cli/
// and rebuilt whenever a source file is newer, so a run starts in a fraction of tsx's time.
import { buildSync } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(path.join(root, 'src'))) {
    buildSync({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
  }
  await import(pathToFileURL(bundle).href);
}
