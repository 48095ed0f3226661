/**
 * The data folder a benchmark runs on: the app's own seeded sample data (src/data/sample) at
 * the scale asked, written as Parquet by a child process with a large heap (20M interactions
 * are generated in memory). Folders are cached under .bench/data, keyed by scale, seed, layout
 * and a hash of the generator's sources.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_NOW, scaleNamed, type Layout, type Scale } from './scales';

/** The generator's own sources: any change to them gives a new folder, never stale data. */
const GENERATOR_SOURCES = ['bench/write-sample.ts', 'bench/generate-data.ts'];
/** A streamed scale is written by native DuckDB SQL alone, never held in memory. */
const STREAMED_SOURCES = ['bench/write-streamed.ts'];
const SAMPLE_DIR = 'src/data/sample';

function generatorHash(scale: Scale, source?: string): string {
  const hash = createHash('sha256').update(source ?? '');
  const sample = readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => path.join(SAMPLE_DIR, f));
  const sources = scale.streamed ? [...STREAMED_SOURCES, ...sample] : [...GENERATOR_SOURCES, ...sample];
  for (const file of sources) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 8);
}

export interface DataFolder {
  readonly dir: string;
  readonly layout: Layout;
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
}

function listFiles(dir: string, layout: Layout): DataFolder {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.parquet') || name === 'catalog.json')
    .sort();
  return { dir, layout, files: names.map((name) => ({ name, bytes: statSync(path.join(dir, name)).size })) };
}

export function ensureDataFolder(root: string, scale: Scale, seed: number, layout: Layout, log: (line: string) => void): DataFolder {
  const source = scale.streamed ? ensureDataFolder(root, scaleNamed(scale.streamed.from), seed, layout, log).dir : undefined;
  const dir = path.join(root, 'data', `${scale.name}-${layout}-s${seed}-${generatorHash(scale, source)}`);
  const marker = path.join(dir, 'complete.json');
  if (existsSync(marker)) return listFiles(dir, layout);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`generating ${scale.name} sample data (${layout} layout, seed ${seed}) into ${dir}`);
  const started = performance.now();
  const job = {
    dir,
    contacts: scale.contacts,
    interactions: scale.interactions,
    seed,
    now: BENCH_NOW,
    layout,
    source,
    copies: scale.streamed?.copies,
  };
  const child = scale.streamed
    ? spawnSync(process.execPath, ['--import', 'tsx', 'bench/write-streamed.ts', JSON.stringify(job)], {
        stdio: ['ignore', 'inherit', 'inherit'],
      })
    : spawnSync(process.execPath, ['--max-old-space-size=16384', '--import', 'tsx', 'bench/write-sample.ts', JSON.stringify(job)], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
  if (child.status !== 0) throw new Error(`generating the data failed (exit ${child.status ?? child.signal})`);
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(marker, JSON.stringify({ job, seconds }));
  log(`generated in ${seconds.toFixed(1)} s`);
  return listFiles(dir, layout);
}

/** Reads the marker of a cached folder (for the report). */
export function generationSeconds(folder: DataFolder): number | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(folder.dir, 'complete.json'), 'utf8')) as { seconds: number }).seconds;
  } catch {
    return undefined;
  }
}
