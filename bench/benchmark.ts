/**
 * One benchmark run at one scale: the browser (the app's engine in headless Chromium) and
 * native DuckDB (one thread, all threads) on the same Parquet files and the same SQL. Runs are
 * interleaved (browser, native 1 thread, native all threads, again) so that other work on the
 * shared machine disturbs all three alike.
 */
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { Catalog } from '../src/engine/catalog';
import { openHarness, type HarnessPage } from './browser';
import { benchLibrary, segmentStatements, type SegmentStatement } from './compile';
import { ensureDataFolder, type DataFolder } from './generate-data';
import { MemorySampler } from './memory-sampler';
import { NativeEngine, type ProfiledOperator } from './native';
import { minimalNativeLoad } from './minimal-load';
import { recordLoadInNode } from './node-load-steps';
import { type EnvironmentReport, type LoadStep, type MemoryReport, type SegmentRun } from './protocol';
import { BENCH_NOW, scaleNamed, SCALES, type Layout, type Scale } from './scales';
import { BENCH_SEGMENTS, PREVIEW_EDITS } from './segments';
import { INSIGHT_TASKS, type InsightKind } from './insight-tasks';
import { serveStatic } from './static-server';

export interface BenchOptions {
  readonly scale: string;
  readonly layout: Layout;
  readonly runs: number;
  readonly loadRuns: number;
  readonly seed: number;
  readonly port: number;
  /** Where generated data and the built harness go (.bench/). */
  readonly workDir: string;
  readonly profile: boolean;
  /** Only the load and the insight tasks (no segments, previews or profiles). */
  readonly insightOnly?: boolean;
  /** Only the loads and the memory after them: `insightOnly` without the insight tasks. */
  readonly loadOnly?: boolean;
  readonly log: (line: string) => void;
}

/** The insight tasks (bench/insight-tasks.ts): browser and native one thread, one entry per run. */
export interface InsightResult {
  readonly date: string;
  readonly runs: number;
  readonly loadAverageStart: number[];
  readonly loadAverageEnd: number[];
  readonly tasks: {
    readonly label: string;
    readonly kind: InsightKind;
    summary: string;
    readonly browser: number[];
    readonly native1: number[];
  }[];
}

export interface EngineLoad {
  readonly ms: number[];
  /** Each step's time in the last load, by index into the browser's recorded steps. */
  stepMs: { index: number; ms: number }[];
}

export interface EngineResult {
  readonly engine: 'browser' | 'native';
  /** 1 for the browser (DuckDB-WASM without threads). */
  readonly threads: number;
  readonly version: string;
  readonly load: EngineLoad;
  /** Per segment (in evaluation order), one entry per run. */
  readonly segments: Record<string, SegmentRun[]>;
  /** Per preview label, one entry per run; the first run is cold (referenced segments not yet cached). */
  readonly previews: Record<string, PreviewTiming[]>;
  readonly memoryBytes?: number;
}

export interface PreviewTiming {
  readonly ms: number;
  /** Members the preview counted (the browser reports it). */
  readonly count?: number;
  readonly histogramMs?: number;
}

export interface BrowserDetails {
  readonly environment?: EnvironmentReport;
  readonly fetch?: { ms: number; bytes: number };
  readonly loadSteps: LoadStep[];
  readonly warnings: readonly string[];
  readonly libraryMs: number[];
  readonly memoryAfterLoad?: MemoryReport;
  readonly memoryAfterEvaluate?: MemoryReport;
  /** The tab's peak through the app's own work (load, segments, previews),  */
  readonly rendererPeakBytes: number;
  readonly browserTotalPeakBytes: number;
  readonly problems: string[];
  /** Where it stopped, if it did not finish. */
  readonly failedAt?: string;
  readonly error?: string;
  /** A failed load: the steps it had taken, and DuckDB's memory when it stopped. */
  readonly failedLoad?: { readonly steps: readonly LoadStep[]; readonly memory?: MemoryReport };
}

export interface ScaleResult {
  readonly scale: Scale;
  readonly layout: Layout;
  readonly seed: number;
  readonly date: string;
  readonly now: string;
  readonly runs: number;
  readonly loadRuns: number;
  readonly machine: { cpus: number; cpuModel: string; memoryBytes: number; loadAverageStart: number[]; loadAverageEnd: number[] };
  readonly versions: Record<string, string>;
  readonly data: DataFolder;
  readonly statements: readonly SegmentStatement[];
  /** Each preview edit and the statements the app's preview ran for it (last run). */
  readonly previewSql: readonly { label: string; kind: string; statements: readonly string[]; histogramStatements?: readonly string[] }[];
  readonly browser: BrowserDetails;
  readonly engines: EngineResult[];
  /** The minimal native load (`minimal-load.ts`), one per load run; absent in older results. */
  readonly minimalLoadMs?: number[];
  /** Steps the native replay used: the browser's own, or a Node recording if the browser did not load. */
  readonly replayedSteps: 'browser' | 'node';
  readonly profiles: { name: string; totalMs: number; operators: ProfiledOperator[] }[];
  readonly mismatches: string[];
  readonly insight?: InsightResult;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')).version as string;
  } catch {
    return '?';
  }
}

/** Builds the harness page into a folder of this process's own, so parallel runs never share one. */
async function buildHarness(workDir: string, log: (line: string) => void): Promise<string> {
  const started = performance.now();
  const outDir = path.resolve(workDir, `harness-${process.pid}`);
  await build({ configFile: path.resolve('bench/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  log(`built the harness page in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

const libraryJson = () => ({ version: 1, segments: BENCH_SEGMENTS });
const ms = (values: readonly number[]) => values.map((v) => v.toFixed(0)).join(' ');

function emptyEngine(engine: 'browser' | 'native', threads: number): Mutable<EngineResult> {
  return { engine, threads, version: '?', load: { ms: [], stepMs: [] }, segments: {}, previews: {} };
}

function push<T>(record: Record<string, T[]>, key: string, value: T): void {
  (record[key] ??= []).push(value);
}

/** Compiles in Node what the page compiled, from the same catalog: both must be identical. */
function compileInNode(catalog: Catalog): SegmentStatement[] {
  return segmentStatements(benchLibrary(libraryJson(), catalog), catalog, BENCH_NOW);
}

/** Runs statements in order on a native engine; returns the time of the timed ones. */
async function replay(native: NativeEngine, statements: readonly string[]): Promise<number> {
  let total = 0;
  for (const sql of statements) total += await native.time(sql);
  return total;
}

export async function runBenchmark(options: BenchOptions): Promise<ScaleResult> {
  const insightOnly = options.insightOnly || options.loadOnly;
  const { log } = options;
  const scale = scaleNamed(options.scale);
  const loadAverageStart = os.loadavg();
  const folder = ensureDataFolder(options.workDir, scale, options.seed, options.layout, log);
  const site = await buildHarness(options.workDir, log);
  const server = await serveStatic(site, path.join(options.workDir, 'data'), options.port);
  const sampler = new MemorySampler();
  const natives = [new NativeEngine(folder.dir, 1), new NativeEngine(folder.dir, 'all')];
  const browserEngine = emptyEngine('browser', 1);
  const nativeResults = natives.map((n) => emptyEngine('native', n.threads === 1 ? 1 : os.cpus().length));
  const details: Mutable<BrowserDetails> = {
    loadSteps: [],
    warnings: [],
    libraryMs: [],
    rendererPeakBytes: 0,
    browserTotalPeakBytes: 0,
    problems: [],
  };
  const mismatches: string[] = [];
  let page: HarnessPage | undefined;
  let stage = 'opening the page';
  let catalog: Catalog | undefined;
  let replayedSteps: ScaleResult['replayedSteps'] = 'browser';
  let statements: SegmentStatement[] = [];
  const previewSql: Mutable<ScaleResult['previewSql'][number]>[] = [];
  let profiles: ScaleResult['profiles'] = [];
  let insight: InsightResult | undefined;

  const nativeLoad = async (steps: readonly LoadStep[]) => {
    for (const [i, native] of natives.entries()) {
      const load = await native.load(steps);
      nativeResults[i]!.load.ms.push(load.ms);
      nativeResults[i]!.load.stepMs = load.steps;
      nativeResults[i]!.version = native.version;
      nativeResults[i]!.threads = native.threadCount;
      log(`  native ${native.threadCount} thread(s) load: ${(load.ms / 1000).toFixed(2)} s`);
    }
  };

  const minimalLoadMs: number[] = [];
  const minimalLoad = async (loaded: Catalog) => {
    minimalLoadMs.push(await minimalNativeLoad(folder, loaded));
    log(`  minimal native load, 1 thread: ${(minimalLoadMs.at(-1)! / 1000).toFixed(2)} s`);
  };

  try {
    try {
      log(`${scale.name} (${options.layout} layout): browser and native, interleaved`);
      page = await openHarness(server.url);
      details.problems = page.problems;
      stage = 'starting DuckDB-WASM';
      details.environment = await page.call('start');
      browserEngine.version = details.environment.duckdbVersion;
      stage = 'fetching the files';
      details.fetch = await page.call(
        'fetchFiles',
        `/data/${path.basename(folder.dir)}`,
        folder.files.map((f) => f.name),
      );
      for (let run = 0; run < options.loadRuns; run++) {
        stage = `loading (run ${run + 1})`;
        if (run > 0) await page.call('unload');
        const report = await page.call('load', run + 1);
        browserEngine.load.ms.push(report.ms);
        browserEngine.load.stepMs = report.steps.map((s, index) => ({ index, ms: s.ms }));
        details.loadSteps = [...report.steps];
        details.warnings = report.warnings;
        catalog = report.catalog;
        log(`  browser load ${run + 1}: ${(report.ms / 1000).toFixed(2)} s`);
        await nativeLoad(report.steps);
        await minimalLoad(catalog);
      }
      stage = 'reading memory after the load';
      details.memoryAfterLoad = await page.call('memory');
      log(`  renderer peak memory after the loads: ${(sampler.sample().rendererPeak / 2 ** 30).toFixed(2)} GiB`);

      stage = 'compiling';
      const inPage = await page.call('prepare', libraryJson(), PREVIEW_EDITS, BENCH_NOW);
      statements = compileInNode(catalog!);
      inPage.statements.forEach((s, i) => {
        if (s.create !== statements[i]?.create) mismatches.push(`${s.name}: the page compiled different SQL than Node`);
      });
      for (const p of inPage.previews) previewSql.push({ label: p.label, kind: p.kind, statements: [] });

      // One more round than asked for previews: the first is cold (nothing cached yet).
      for (let run = 0; run <= (insightOnly ? -1 : options.runs); run++) {
        if (run < options.runs) {
          for (const [index, statement] of statements.entries()) {
            stage = `evaluating ${statement.name} (run ${run + 1})`;
            push(browserEngine.segments, statement.name, await page.call('runSegment', index));
            for (const [i, native] of natives.entries())
              push(nativeResults[i]!.segments, statement.name, await native.runSegment(statement));
          }
        }
        for (const [index, preview] of previewSql.entries()) {
          stage = `previewing ${preview.label} (run ${run + 1})`;
          const outcome = await page.call('runPreview', index);
          preview.statements = outcome.statements;
          if (outcome.histogramStatements !== undefined) preview.histogramStatements = outcome.histogramStatements;
          push(browserEngine.previews, preview.label, {
            ms: outcome.ms,
            count: outcome.count,
            ...(outcome.histogramMs !== undefined ? { histogramMs: outcome.histogramMs } : {}),
          });
          for (const [i, native] of natives.entries()) {
            for (const sql of outcome.setup) await native.time(sql);
            const ms = await replay(native, outcome.statements);
            for (const sql of outcome.cleanup) await native.time(sql);
            const histogramMs = outcome.histogramStatements === undefined ? undefined : await replay(native, outcome.histogramStatements);
            push(nativeResults[i]!.previews, preview.label, { ms, ...(histogramMs !== undefined ? { histogramMs } : {}) });
          }
        }
      }
      for (const s of insightOnly ? [] : statements)
        log(
          `  ${s.name}: browser ${ms(browserEngine.segments[s.name]!.map((r) => r.queryMs))} | native1 ${ms(nativeResults[0]!.segments[s.name]!.map((r) => r.queryMs))} ms`,
        );
      for (const p of insightOnly ? [] : previewSql)
        log(
          `  preview ${p.label}: browser ${ms(browserEngine.previews[p.label]!.map((r) => r.ms))} | native1 ${ms(nativeResults[0]!.previews[p.label]!.map((r) => r.ms))} ms`,
        );

      if (!options.loadOnly) insight = await runInsight(page, natives[0]!, options, (label) => (stage = label));

      stage = 'evaluating the library end to end';
      if (!insightOnly)
        for (let run = 0; run < Math.min(3, options.runs); run++) details.libraryMs.push(await page.call('evaluateLibraryMs'));
      stage = 'reading memory after evaluation';
      details.memoryAfterEvaluate = await page.call('memory');
      const appPeaks = sampler.sample();
      details.rendererPeakBytes = appPeaks.rendererPeak;
      details.browserTotalPeakBytes = appPeaks.browserTotalPeak;
      stage = 'done';
    } catch (error) {
      details.failedAt = stage;
      details.error = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      log(`  browser failed while ${stage}: ${details.error}`);
      if (stage.startsWith('loading') && page) {
        const steps = await page.call('loadProgress').catch(() => []);
        const memory = await page.call('memory').catch(() => undefined);
        details.failedLoad = { steps: [...steps], ...(memory ? { memory } : {}) };
      }
    } finally {
      const peaks = sampler.stop();
      if (details.rendererPeakBytes === 0 || details.failedAt) {
        details.rendererPeakBytes = peaks.rendererPeak;
        details.browserTotalPeakBytes = peaks.browserTotalPeak;
      }
      await page?.close().catch(() => undefined);
    }
    if (!catalog) {
      // Without a browser load, the native side replays the same loader recorded in Node on the
      // tiny folder (same schema, so the same statements) and runs the same compiled SQL.
      const tiny = ensureDataFolder(options.workDir, SCALES.tiny!, options.seed, options.layout, log);
      const recorded = await recordLoadInNode(tiny.dir);
      details.loadSteps = recorded.steps;
      catalog = recorded.catalog;
      replayedSteps = 'node';
      statements = compileInNode(catalog);
    }
    await server.close();

    for (let run = nativeResults[0]!.load.ms.length; run < options.loadRuns; run++) {
      await nativeLoad(details.loadSteps);
      await minimalLoad(catalog);
    }
    for (let run = 0; run < (insightOnly ? 0 : options.runs); run++) {
      for (const statement of statements) {
        for (const [i, native] of natives.entries()) {
          if ((nativeResults[i]!.segments[statement.name]?.length ?? 0) > run) continue;
          push(nativeResults[i]!.segments, statement.name, await native.runSegment(statement));
        }
      }
    }
    if (options.profile && !insightOnly) {
      profiles = [];
      for (const statement of statements) {
        const operators = await natives[0]!.profile(statement.create, options.workDir);
        profiles.push({ name: statement.name, totalMs: operators.reduce((s, o) => s + o.ms, 0), operators });
      }
    }
    for (const [i, native] of natives.entries()) nativeResults[i]!.memoryBytes = await native.memoryBytes();
  } finally {
    for (const native of natives) native.close();
    await server.close().catch(() => undefined);
    rmSync(site, { recursive: true, force: true });
  }

  for (const statement of statements) {
    const expected = browserEngine.segments[statement.name]?.at(-1)?.checksum;
    for (const n of nativeResults) {
      const got = n.segments[statement.name]?.at(-1)?.checksum;
      if (expected !== undefined && got !== expected)
        mismatches.push(`${statement.name}: browser selects ${expected}, native (${n.threads} threads) ${got}`);
    }
  }

  return {
    scale,
    layout: options.layout,
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
      chromium: details.environment?.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? '?',
      '@duckdb/duckdb-wasm': packageVersion('@duckdb/duckdb-wasm'),
      'DuckDB in the browser': browserEngine.version,
      '@duckdb/node-api': packageVersion('@duckdb/node-api'),
      'DuckDB native': nativeResults[0]!.version,
      'parquet-wasm': packageVersion('parquet-wasm'),
      'playwright-core': packageVersion('playwright-core'),
    },
    data: folder,
    statements,
    previewSql,
    browser: details,
    engines: [browserEngine, ...nativeResults],
    minimalLoadMs,
    replayedSteps,
    profiles,
    mismatches,
    ...(insight ? { insight } : {}),
  };
}

/** Each insight task in the page, then its statements replayed on native DuckDB with one thread; interleaved by run. */
async function runInsight(
  page: HarnessPage,
  native: NativeEngine,
  options: BenchOptions,
  stage: (label: string) => void,
): Promise<InsightResult> {
  const loadAverageStart = os.loadavg();
  const tasks: InsightResult['tasks'] = INSIGHT_TASKS.map((t) => ({ label: t.label, kind: t.kind, summary: '', browser: [], native1: [] }));
  for (let run = 0; run < options.runs; run++) {
    for (const [index, task] of tasks.entries()) {
      stage(`${task.label} (run ${run + 1})`);
      const outcome = await page.call('runInsight', index);
      task.browser.push(outcome.ms);
      task.summary = outcome.summary;
      await replay(native, outcome.setup);
      task.native1.push(await replay(native, outcome.statements));
      await replay(native, outcome.cleanup);
    }
  }
  for (const t of tasks) options.log(`  ${t.label}: browser ${ms(t.browser)} | native1 ${ms(t.native1)} ms (${t.summary})`);
  return { date: new Date().toISOString(), runs: options.runs, loadAverageStart, loadAverageEnd: os.loadavg(), tasks };
}
