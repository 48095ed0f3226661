/**
 * One benchmark run at one scale: the browser (the app's engine in headless Chromium) and
 * native DuckDB (one thread, all threads) on the same Parquet files and the same SQL.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { Catalog } from '../src/engine/catalog';
import { openHarness, type HarnessPage } from './browser';
import { benchLibrary, previewStatement, segmentStatements, withEdit, type SegmentStatement } from './compile';
import { ensureDataFolder, type DataFolder } from './generate-data';
import { MemorySampler } from './memory-sampler';
import { openNative, type NativeSegmentTiming, type ProfiledOperator } from './native';
import { recordLoadInNode } from './node-load-steps';
import type { EnvironmentReport, LoadStep, MemoryReport, PreviewTiming, SegmentTiming } from './protocol';
import { BENCH_NOW, scaleNamed, SCALES, type Scale } from './scales';
import { BENCH_SEGMENTS, PREVIEW_EDITS } from './segments';
import { serveStatic } from './static-server';

export interface BenchOptions {
  readonly scale: string;
  readonly runs: number;
  readonly loadRuns: number;
  readonly seed: number;
  readonly port: number;
  /** Where generated data and the built harness go (.bench/). */
  readonly workDir: string;
  readonly experiments: readonly string[];
  readonly profile: boolean;
  readonly log: (line: string) => void;
}

export interface BrowserResult {
  readonly environment?: EnvironmentReport;
  readonly fetch?: { ms: number; bytes: number };
  readonly loadMs: number[];
  readonly loadSteps: LoadStep[];
  /** The catalog of the last complete load. */
  readonly catalog?: Catalog;
  readonly warnings: readonly string[];
  readonly segments: SegmentTiming[];
  readonly libraryMs?: number;
  readonly previews: PreviewTiming[];
  readonly memoryAfterLoad?: MemoryReport;
  readonly memoryAfterEvaluate?: MemoryReport;
  readonly rendererPeakBytes: number;
  readonly browserTotalPeakBytes: number;
  readonly problems: string[];
  /** Where it stopped, if it did not finish. */
  readonly failedAt?: string;
  readonly error?: string;
  readonly experiments: Record<string, unknown>;
}

export interface NativeResult {
  readonly threads: number;
  readonly version: string;
  readonly loadMs: number[];
  /** Per load step (index into the browser's steps), last load. */
  readonly loadStepMs: { index: number; ms: number }[];
  readonly segments: NativeSegmentTiming[];
  readonly previews: { label: string; ms: number[] }[];
  readonly memoryBytes: number;
}

export interface ScaleResult {
  readonly scale: Scale;
  readonly seed: number;
  readonly date: string;
  readonly now: string;
  readonly runs: number;
  readonly loadRuns: number;
  readonly machine: { cpus: number; cpuModel: string; memoryBytes: number; loadAverageStart: number[]; loadAverageEnd: number[] };
  readonly versions: Record<string, string>;
  readonly data: DataFolder;
  readonly browser: BrowserResult;
  /** Steps the native replay used: the browser's own, or a Node recording if the browser did not load. */
  readonly replayedSteps: 'browser' | 'node';
  readonly native: NativeResult[];
  readonly profiles: { name: string; totalMs: number; operators: ProfiledOperator[] }[];
  readonly mismatches: string[];
}

function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')).version as string;
  } catch {
    return '?';
  }
}

async function buildHarness(log: (line: string) => void): Promise<string> {
  const started = performance.now();
  const config = path.resolve('bench/vite.config.ts');
  await build({ configFile: config, logLevel: 'warn' });
  log(`built the harness page in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return path.resolve('.bench/harness-dist');
}

async function runBrowser(options: BenchOptions, folder: DataFolder, url: string): Promise<BrowserResult> {
  const log = options.log;
  const sampler = new MemorySampler();
  const result: {
    -readonly [K in keyof BrowserResult]: BrowserResult[K];
  } = {
    loadMs: [],
    loadSteps: [],
    warnings: [],
    segments: [],
    previews: [],
    rendererPeakBytes: 0,
    browserTotalPeakBytes: 0,
    problems: [],
    experiments: {},
  };
  let page: HarnessPage | undefined;
  let stage = 'opening the page';
  try {
    page = await openHarness(url);
    result.problems = page.problems;
    stage = 'starting DuckDB-WASM';
    result.environment = await page.call('start');
    stage = 'fetching the files';
    const dataUrl = `/data/${path.basename(folder.dir)}`;
    result.fetch = await page.call(
      'fetchFiles',
      dataUrl,
      folder.files.map((f) => f.name),
    );
    for (let run = 0; run < options.loadRuns; run++) {
      stage = `loading (run ${run + 1})`;
      const report = await page.call('load', run + 1);
      result.loadMs.push(report.ms);
      result.loadSteps = [...report.steps];
      result.catalog = report.catalog;
      result.warnings = report.warnings;
      log(`  browser load ${run + 1}: ${(report.ms / 1000).toFixed(2)} s`);
      if (run < options.loadRuns - 1) await page.call('unload');
    }
    stage = 'reading memory after the load';
    result.memoryAfterLoad = await page.call('memory');
    stage = 'evaluating the segments';
    result.segments = await page.call('evaluate', libraryJson(), BENCH_NOW, options.runs);
    for (const s of result.segments) log(`  browser ${s.name}: ${s.queryMs.map((m) => m.toFixed(0)).join(' ')} ms, ${s.count} members`);
    stage = 'evaluating the library end to end';
    result.libraryMs = await page.call('evaluateLibraryMs', libraryJson(), BENCH_NOW);
    stage = 'previewing edits';
    result.previews = await page.call('preview', libraryJson(), PREVIEW_EDITS, BENCH_NOW, options.runs);
    for (const p of result.previews) log(`  preview ${p.label}: ${p.ms.map((m) => m.toFixed(0)).join(' ')} ms`);
    stage = 'reading memory after evaluation';
    result.memoryAfterEvaluate = await page.call('memory');
    for (const name of options.experiments) {
      stage = `experiment ${name}`;
      log(`  experiment ${name}`);
      result.experiments[name] = await page.call('experiment', name, options.runs);
    }
  } catch (error) {
    result.failedAt = stage;
    result.error = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    log(`  browser failed while ${stage}: ${result.error}`);
  } finally {
    const peaks = sampler.stop();
    result.rendererPeakBytes = peaks.rendererPeak;
    result.browserTotalPeakBytes = peaks.browserTotalPeak;
    await page?.close().catch(() => undefined);
  }
  return result;
}

function libraryJson(): unknown {
  return { version: 1, segments: BENCH_SEGMENTS };
}

async function runNative(
  options: BenchOptions,
  folder: DataFolder,
  threads: 1 | 'all',
  steps: readonly LoadStep[],
  statements: readonly SegmentStatement[],
  previews: readonly { label: string; sql: string }[],
): Promise<{ result: NativeResult; profiles: ScaleResult['profiles'] }> {
  const loadMs: number[] = [];
  let loadStepMs: { index: number; ms: number }[] = [];
  let kept: Awaited<ReturnType<typeof openNative>> | undefined;
  for (let run = 0; run < options.loadRuns; run++) {
    const native = await openNative(folder.dir, threads);
    const load = await native.load(steps);
    loadMs.push(load.ms);
    loadStepMs = load.steps;
    if (run < options.loadRuns - 1) native.close();
    else kept = native;
  }
  const native = kept!;
  options.log(
    `  native (${native.threads} thread${native.threads > 1 ? 's' : ''}) load: ${loadMs.map((m) => (m / 1000).toFixed(2)).join(' ')} s`,
  );
  const segments = await native.evaluate(statements, options.runs);
  const previewTimes = [];
  for (const preview of previews) previewTimes.push({ label: preview.label, ms: await native.time(preview.sql, options.runs) });
  const profiles: ScaleResult['profiles'] = [];
  if (options.profile) {
    for (const statement of statements) {
      const operators = await native.profile(statement.create, options.workDir);
      profiles.push({ name: statement.name, totalMs: operators.reduce((s, o) => s + o.ms, 0), operators });
    }
  }
  const memoryBytes = await native.memoryBytes();
  native.close();
  return {
    result: { threads: native.threads, version: native.version, loadMs, loadStepMs, segments, previews: previewTimes, memoryBytes },
    profiles,
  };
}

export async function runBenchmark(options: BenchOptions): Promise<ScaleResult> {
  const scale = scaleNamed(options.scale);
  const loadAverageStart = os.loadavg();
  const folder = await ensureDataFolder(options.workDir, scale, options.seed, options.log);
  const site = await buildHarness(options.log);
  const server = await serveStatic(site, path.join(options.workDir, 'data'), options.port);
  let browser: BrowserResult;
  try {
    options.log(`browser: ${scale.name}`);
    browser = await runBrowser(options, folder, server.url);
  } finally {
    await server.close();
  }

  // The native side runs the browser's own statements, or a Node recording of the same loader on
  // the small folder (same schema, same statements) when the browser could not load.
  let steps = browser.loadSteps;
  let replayedSteps: ScaleResult['replayedSteps'] = 'browser';
  let catalog = browser.catalog;
  if (!catalog) {
    const small = await ensureDataFolder(options.workDir, SCALES.tiny!, options.seed, options.log);
    const recorded = await recordLoadInNode(small.dir);
    steps = recorded.steps;
    catalog = recorded.catalog;
    replayedSteps = 'node';
  }
  const library = benchLibrary(libraryJson(), catalog);
  const statements = segmentStatements(library, catalog, BENCH_NOW);
  const previews = PREVIEW_EDITS.map((edit) => {
    const edited = benchLibrary(withEdit(libraryJson(), edit.segment), catalog);
    return {
      label: edit.label,
      sql: previewStatement(
        edited.segments.find((s) => s.name === edit.segment.name)!,
        edited,
        catalog,
        BENCH_NOW,
      ),
    };
  });

  const mismatches: string[] = [];
  browser.segments.forEach((s, i) => {
    if (statements[i]?.create !== s.sql) mismatches.push(`${s.name}: the browser ran different SQL than the native side compiles`);
  });

  const native: NativeResult[] = [];
  let profiles: ScaleResult['profiles'] = [];
  for (const threads of [1, 'all'] as const) {
    options.log(`native: ${scale.name}, threads ${threads}`);
    const run = await runNative({ ...options, profile: options.profile && threads === 1 }, folder, threads, steps, statements, previews);
    native.push(run.result);
    if (run.profiles.length > 0) profiles = run.profiles;
  }

  for (const n of native) {
    for (const s of browser.segments) {
      const other = n.segments.find((x) => x.name === s.name);
      if (other && other.checksum !== s.checksum)
        mismatches.push(`${s.name}: browser selects ${s.checksum}, native (${n.threads} threads) ${other.checksum}`);
    }
    for (const p of browser.previews) {
      const other = n.previews.find((x) => x.label === p.label);
      if (!other) mismatches.push(`preview ${p.label}: not run natively`);
    }
  }

  return {
    scale,
    seed: options.seed,
    date: new Date().toISOString(),
    now: new Date(BENCH_NOW).toISOString(),
    runs: options.runs,
    loadRuns: options.loadRuns,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      memoryBytes: os.totalmem(),
      loadAverageStart,
      loadAverageEnd: os.loadavg(),
    },
    versions: {
      node: process.version,
      chromium: browser.environment?.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? '?',
      '@duckdb/duckdb-wasm': packageVersion('@duckdb/duckdb-wasm'),
      'DuckDB in the browser': browser.environment?.duckdbVersion ?? '?',
      '@duckdb/node-api': packageVersion('@duckdb/node-api'),
      'DuckDB native': native[0]?.version ?? '?',
      'parquet-wasm': packageVersion('parquet-wasm'),
      'playwright-core': packageVersion('playwright-core'),
    },
    data: folder,
    browser,
    replayedSteps,
    native,
    profiles,
    mismatches,
  };
}
