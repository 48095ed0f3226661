/**
 * `npm run bench -- --evaluate`: `npm run evaluate` as a whole process (files on disk → JSON on
 * stdout) on native DuckDB, and on PostgreSQL with `--postgres URL`, against hand-written native
 * DuckDB on one thread over the same Parquet files: tables straight from `read_parquet`, a view
 * per interaction type, and the same ten segments' SQL, with no checks and no Node start-up.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../src/engine/catalog';
import { createNativeEngine } from '../src/data/engines/native-engine';
import { quoteIdentifier as id, quoteString as str } from '../src/engine/sql/quote';
import { benchLibrary, segmentStatements } from './compile';
import { ensureDataFolder, type DataFolder } from './generate-data';
import { BENCH_NOW, scaleNamed } from './scales';
import { BENCH_SEGMENTS } from './segments';

export interface EvaluateRun {
  readonly engine: string;
  readonly seconds: number;
  readonly peakMiB: number;
  readonly counts: Record<string, number>;
}

export interface EvaluateBench {
  readonly scale: string;
  readonly runs: readonly EvaluateRun[];
  readonly baseline: { readonly seconds: number; readonly counts: Record<string, number> };
  readonly memoryLimit?: string;
}

/** One `npm run evaluate` process, timed from spawn to exit; peak memory from GNU time. */
function evaluateProcess(folder: DataFolder, library: string, engine: string, env: NodeJS.ProcessEnv, url?: string): EvaluateRun {
  const args = ['-f', '%M', process.execPath, 'scripts/evaluate.mjs', '--data', folder.dir, '--segments', library];
  args.push('--now', new Date(BENCH_NOW).toISOString(), '--engine', engine, ...(url ? ['--url', url] : []));
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', args, { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`evaluate on ${engine} failed: ${child.stderr.slice(-2000)}`);
  const peakKiB = Number(child.stderr.trim().split('\n').at(-1));
  const output = JSON.parse(child.stdout) as { segments: { name: string; count: number }[] };
  return {
    engine,
    seconds,
    peakMiB: Math.round(peakKiB / 1024),
    counts: Object.fromEntries(output.segments.map((s) => [s.name, s.count])),
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

async function handWritten(folder: DataFolder, catalog: Catalog): Promise<EvaluateBench['baseline']> {
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

export async function benchEvaluate(
  scaleName: string,
  options: { readonly rounds: number; readonly postgresUrl?: string; readonly memoryLimit?: string; readonly log: (line: string) => void },
): Promise<EvaluateBench> {
  const folder = ensureDataFolder('.bench', scaleNamed(scaleName), 42, 'long', options.log);
  const library = path.resolve('.bench', 'evaluate-library.json');
  writeFileSync(library, JSON.stringify({ version: 1, segments: BENCH_SEGMENTS }));
  const env = { ...process.env, ...(options.memoryLimit ? { SEGMENT_STUDIO_MEMORY_LIMIT: options.memoryLimit } : {}) };
  const catalog = await handWrittenCatalog(folder);
  const runs: EvaluateRun[] = [];
  let baseline: EvaluateBench['baseline'] | undefined;
  // Rounds interleave the runs, so other work on the machine disturbs each alike; the fastest round counts.
  for (let round = 0; round < options.rounds; round++) {
    const hand = await handWritten(folder, catalog);
    if (!baseline || hand.seconds < baseline.seconds) baseline = hand;
    options.log(`round ${round + 1}: hand-written native DuckDB, 1 thread: ${hand.seconds.toFixed(2)} s`);
    for (const engine of ['native', ...(options.postgresUrl ? ['postgres'] : [])]) {
      const run = evaluateProcess(folder, library, engine, env, engine === 'postgres' ? options.postgresUrl : undefined);
      options.log(`round ${round + 1}: evaluate --engine ${engine}: ${run.seconds.toFixed(2)} s, peak ${run.peakMiB} MiB`);
      const best = runs.findIndex((r) => r.engine === engine);
      if (best < 0) runs.push(run);
      else if (run.seconds < runs[best]!.seconds) runs[best] = run;
    }
  }
  for (const run of runs) {
    if (JSON.stringify(run.counts) !== JSON.stringify(baseline!.counts))
      throw new Error(
        `${run.engine} selected other members than the hand-written SQL: ${JSON.stringify(run.counts)} vs ${JSON.stringify(baseline!.counts)}`,
      );
  }
  return { scale: scaleName, runs, baseline: baseline!, ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}) };
}

export function evaluateSummary(result: EvaluateBench): string[] {
  const base = result.baseline.seconds;
  return [
    `${result.scale}: hand-written native DuckDB, 1 thread: ${base.toFixed(2)} s`,
    ...result.runs.map(
      (r) =>
        `${result.scale}: npm run evaluate --engine ${r.engine}: ${r.seconds.toFixed(2)} s (${(r.seconds / base).toFixed(2)}x), peak ${r.peakMiB} MiB`,
    ),
  ];
}
