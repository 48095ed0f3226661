/**
 * `npm run bench -- --evaluate`: what `npm run evaluate` does, as a whole process (files on disk
 * to counts), on native DuckDB, on PostgreSQL with `--postgres URL` and on ClickHouse with
 * `--clickhouse URL`, against hand-written native DuckDB on one thread over the same Parquet
 * files: tables straight from `read_parquet`, a view per interaction type, and the same ten
 * segments' SQL, with no checks and no Node start-up. Each process times its load and its
 * segments apart (bench/evaluate-phases.ts); the size of DuckDB's temporary folder is sampled.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalog } from '../src/engine/catalog';
import type { EngineName } from '../src/data/engines/engine';
import { createNativeEngine } from '../src/data/engines/native-engine';
import { quoteIdentifier as id, quoteString as str } from '../src/engine/sql/quote';
import { cliBundleOptions } from '../scripts/cli-bundle.mjs';
import { benchLibrary, segmentStatements } from './compile';
import { ensureDataFolder, type DataFolder } from './generate-data';
import { BENCH_NOW, scaleNamed } from './scales';
import { BENCH_SEGMENTS } from './segments';

export interface EvaluateRun {
  readonly engine: string;
  /** The whole process, spawn to exit. */
  readonly seconds: number;
  /** `engine.load(folder)`: reading, checking and (on a server) copying the data. */
  readonly loadSeconds: number;
  /** `evaluateLibrary` of the ten segments, once loaded. */
  readonly segmentsSeconds: number;
  readonly peakMiB: number;
  /** The largest the process's temporary folder (DuckDB's spilled blocks) grew. */
  readonly peakSpillMiB: number;
  /** The machine's 1-minute load average at the start and the end of the run. */
  readonly loadAverage: readonly [number, number];
  readonly counts: Record<string, number>;
}

export interface EvaluateBench {
  readonly scale: string;
  readonly runs: readonly EvaluateRun[];
  readonly baseline?: { readonly seconds: number; readonly counts: Record<string, number> };
  readonly memoryLimit?: string;
}

export interface EvaluateOptions {
  readonly rounds: number;
  readonly postgresUrl?: string;
  readonly clickhouseUrl?: string;
  readonly memoryLimit?: string;
  /** Time the hand-written SQL too (it holds the whole folder in memory: off for the largest scale). */
  readonly baseline: boolean;
  readonly log: (line: string) => void;
}

function folderBytes(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    try {
      total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
    } catch {
      // removed while we looked
    }
  }
  return total;
}

/** The child bundled once, as `npm run evaluate` is (scripts/run-cli.mjs), so that its start-up is not tsx's. */
function bundlePhases(): string {
  const outfile = path.resolve('.bench', 'evaluate-phases.mjs');
  buildSync(cliBundleOptions('bench/evaluate-phases.ts', outfile));
  return outfile;
}

/** One evaluate process, timed from spawn to exit; peak memory from GNU time, spill from its TMPDIR. */
async function evaluateProcess(
  phases: string,
  folder: DataFolder,
  library: string,
  engine: EngineName,
  env: NodeJS.ProcessEnv,
  url?: string,
): Promise<EvaluateRun> {
  const job = { engine, data: folder.dir, library, now: BENCH_NOW, ...(url ? { url } : {}) };
  const tmp = path.resolve('.bench', 'tmp', `${engine}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const args = ['-f', '%M', process.execPath, phases, JSON.stringify(job)];
  const loadBefore = os.loadavg()[0]!;
  const started = performance.now();
  const child = spawn('/usr/bin/time', args, { env: { ...env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakSpill = 0;
  const sampler = setInterval(() => (peakSpill = Math.max(peakSpill, folderBytes(tmp))), 1000);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  rmSync(tmp, { recursive: true, force: true });
  if (status !== 0) throw new Error(`evaluate on ${engine} failed: ${stderr.slice(-2000)}`);
  const peakKiB = Number(stderr.trim().split('\n').at(-1));
  const output = JSON.parse(stdout) as { loadSeconds: number; segmentsSeconds: number; counts: Record<string, number> };
  return {
    engine,
    seconds,
    loadSeconds: output.loadSeconds,
    segmentsSeconds: output.segmentsSeconds,
    peakMiB: Math.round(peakKiB / 1024),
    peakSpillMiB: Math.round(peakSpill / 2 ** 20),
    loadAverage: [loadBefore, os.loadavg()[0]!],
    counts: output.counts,
  };
}

/** The catalog the loader builds, with each table renamed to the hand-written one. */
async function handWrittenCatalog(folder: DataFolder): Promise<Catalog> {
  const engine = await createNativeEngine();
  try {
    const { catalog } = await engine.load(folder.dir);
    const entities = Object.fromEntries(Object.entries(catalog.entities).map(([name, e]) => [name, { ...e, table: name }]));
    const types = Object.fromEntries(Object.entries(catalog.interactions.types).map(([type, t]) => [type, { ...t, table: type }]));
    return { ...catalog, entities, interactions: { ...catalog.interactions, types } };
  } finally {
    await engine.close();
  }
}

async function handWritten(folder: DataFolder, catalog: Catalog): Promise<NonNullable<EvaluateBench['baseline']>> {
  const library = benchLibrary({ version: 1, segments: BENCH_SEGMENTS }, catalog);
  const statements = segmentStatements(library, catalog, BENCH_NOW);
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const db = await instance.connect();
  for (const file of folder.files.filter((f) => f.name.endsWith('.parquet'))) {
    const stem = file.name.replace(/\.parquet$/, '');
    if (stem === 'interactions') continue;
    await db.run(`CREATE TABLE ${id(stem)} AS SELECT * FROM read_parquet(${str(path.resolve(folder.dir, file.name))})`);
  }
  const { typeField, timestampField } = catalog.interactions;
  await db.run(
    `CREATE TABLE interactions AS SELECT * REPLACE (CAST(${id(timestampField)} AS TIMESTAMP) AS ${id(timestampField)}) FROM read_parquet(${str(path.resolve(folder.dir, 'interactions.parquet'))})`,
  );
  for (const type of Object.keys(catalog.interactions.types)) {
    await db.run(`CREATE VIEW ${id(type)} AS SELECT * FROM interactions WHERE ${id(typeField)} = ${str(type)}`);
  }
  const counts: Record<string, number> = {};
  for (const statement of statements) {
    await db.run(statement.create);
    counts[statement.name] = (await db.runAndReadAll(statement.fetch)).getRows().length;
  }
  JSON.stringify(counts);
  const seconds = (performance.now() - started) / 1000;
  db.closeSync();
  instance.closeSync();
  return { seconds, counts };
}

export async function benchEvaluate(scaleName: string, options: EvaluateOptions): Promise<EvaluateBench> {
  const folder = ensureDataFolder('.bench', scaleNamed(scaleName), 42, 'long', options.log);
  const library = path.resolve('.bench', 'evaluate-library.json');
  writeFileSync(library, JSON.stringify({ version: 1, segments: BENCH_SEGMENTS }));
  const env = { ...process.env, ...(options.memoryLimit ? { SEGMENT_STUDIO_MEMORY_LIMIT: options.memoryLimit } : {}) };
  const phases = bundlePhases();
  const catalog = options.baseline ? await handWrittenCatalog(folder) : undefined;
  const engines: [EngineName, string | undefined][] = [
    ['native', undefined],
    ...(options.postgresUrl ? [['postgres', options.postgresUrl] as [EngineName, string]] : []),
    ...(options.clickhouseUrl ? [['clickhouse', options.clickhouseUrl] as [EngineName, string]] : []),
  ];
  const runs: EvaluateRun[] = [];
  let baseline: EvaluateBench['baseline'] | undefined;
  // Rounds interleave the runs, so other work on the machine disturbs each alike; the fastest round counts.
  for (let round = 0; round < options.rounds; round++) {
    if (catalog) {
      const hand = await handWritten(folder, catalog);
      if (!baseline || hand.seconds < baseline.seconds) baseline = hand;
      options.log(`round ${round + 1}: hand-written native DuckDB, 1 thread: ${hand.seconds.toFixed(2)} s`);
    }
    for (const [engine, url] of engines) {
      const run = await evaluateProcess(phases, folder, library, engine, env, url);
      options.log(`round ${round + 1}: ${runLine(run)}`);
      const best = runs.findIndex((r) => r.engine === engine);
      if (best < 0) runs.push(run);
      else if (run.seconds < runs[best]!.seconds) runs[best] = run;
    }
  }
  const expected = baseline?.counts ?? runs[0]!.counts;
  for (const run of runs) {
    if (JSON.stringify(run.counts) !== JSON.stringify(expected))
      throw new Error(
        `${run.engine} selected other members than ${baseline ? 'the hand-written SQL' : runs[0]!.engine}: ${JSON.stringify(run.counts)} vs ${JSON.stringify(expected)}`,
      );
  }
  return {
    scale: scaleName,
    runs,
    ...(baseline ? { baseline } : {}),
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
  };
}

function runLine(r: EvaluateRun): string {
  const spill = r.peakSpillMiB > 0 ? `, spill ${r.peakSpillMiB} MiB` : '';
  return `evaluate --engine ${r.engine}: ${r.seconds.toFixed(2)} s (load ${r.loadSeconds.toFixed(2)} s, segments ${r.segmentsSeconds.toFixed(2)} s), peak ${r.peakMiB} MiB${spill}, load average ${r.loadAverage.map((l) => l.toFixed(1)).join('→')}`;
}

export function evaluateSummary(result: EvaluateBench): string[] {
  const base = result.baseline?.seconds;
  return [
    ...(base !== undefined ? [`${result.scale}: hand-written native DuckDB, 1 thread: ${base.toFixed(2)} s`] : []),
    ...result.runs.map((r) => `${result.scale}: ${runLine(r)}${base !== undefined ? ` (${(r.seconds / base).toFixed(2)}x)` : ''}`),
  ];
}
