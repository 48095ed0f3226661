/**
 * `npm run bench -- --first-screen`: how long an analyst waits on a first visit. Builds the app,
 * serves the build, and opens it in headless Chromium with a fresh profile each time (no saved
 * data, no cached files), timing from navigation until the library's first row, and until every
 * row shows its count of the built-in sample. Cold starts one after another; the median is kept.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { STARTUP_MARK_PREFIX } from '../src/data/startup-marks';
import { serveStatic } from './static-server';
import { median } from './stats';

export interface FirstScreenRun {
  /** Since navigation: the first library row is on screen. */
  readonly firstRowMs: number;
  /** Since navigation: every library row shows its count. */
  readonly allCountsMs: number;
  readonly rows: number;
  /** The app's start-up marks (`src/data/startup-marks.ts`), ms since navigation, in order. */
  readonly marks?: Readonly<Record<string, number>>;
}

export interface FirstScreenResult {
  readonly runs: readonly FirstScreenRun[];
  readonly medianMs: number;
  /** With `--compare`: the other build's cold starts, each run right after one of this build's. */
  readonly compare?: { readonly folder: string; readonly runs: readonly FirstScreenRun[]; readonly medianMs: number };
  readonly loadAverage: readonly number[];
}

async function coldStart(url: string): Promise<FirstScreenRun> {
  // A new browser each time: playwright launches it on a fresh temporary profile.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url);
    const firstRow = await page.waitForFunction(
      () => document.querySelector('[data-testid="segment-row"]') && performance.now(),
      undefined,
      {
        polling: 20,
        timeout: 120_000,
      },
    );
    const allCounts = await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid="segment-row"]')];
        return (
          rows.length > 0 && rows.every((row) => row.querySelector('[data-testid="segment-count"]')) && [performance.now(), rows.length]
        );
      },
      undefined,
      { polling: 20, timeout: 120_000 },
    );
    const [allCountsMs, rows] = (await allCounts.jsonValue()) as [number, number];
    // What comes after the counts (spans, saving) is timed too, so the breakdown shows it waits.
    await page
      .waitForFunction((name) => performance.getEntriesByName(name).length > 0, `${STARTUP_MARK_PREFIX}saved`, { timeout: 60_000 })
      .catch(() => undefined);
    const marks = await page.evaluate((prefix) => {
      const entries = performance.getEntriesByType('mark').filter((m) => m.name.startsWith(prefix));
      return Object.fromEntries(entries.map((m) => [m.name.slice(prefix.length), Math.round(m.startTime)]));
    }, STARTUP_MARK_PREFIX);
    if (problems.length > 0) throw new Error(`the page failed: ${problems.join('; ')}`);
    return { firstRowMs: (await firstRow.jsonValue()) as number, allCountsMs, rows, marks };
  } finally {
    await browser.close();
  }
}

export async function benchFirstScreen(runs: number, log: (line: string) => void, compare?: string): Promise<FirstScreenResult> {
  const outDir = path.resolve('.bench', `first-screen-${process.pid}`);
  const started = performance.now();
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  log(`built the app in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const data = path.resolve('.bench', 'data');
  const server = await serveStatic(outDir, data, 0);
  const other = compare === undefined ? undefined : await serveStatic(path.resolve(compare), data, 0);
  const loadAverage: number[] = [];
  const results: FirstScreenRun[] = [];
  const compared: FirstScreenRun[] = [];
  const report = (label: string, run: number, result: FirstScreenRun) => {
    log(
      `${label} cold start ${run + 1}: first row ${(result.firstRowMs / 1000).toFixed(2)} s, counts on all ${result.rows} rows ${(result.allCountsMs / 1000).toFixed(2)} s`,
    );
    log(
      `  marks (s): ${Object.entries(result.marks ?? {})
        .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)}`)
        .join(', ')}`,
    );
  };
  try {
    for (let run = 0; run < runs; run++) {
      const result = await coldStart(`${server.url}/`);
      results.push(result);
      report('this build', run, result);
      if (other) {
        const theirs = await coldStart(`${other.url}/`);
        compared.push(theirs);
        report(path.basename(compare!), run, theirs);
      }
    }
    loadAverage.push(...(await import('node:os')).loadavg());
  } finally {
    await server.close();
    await other?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return {
    runs: results,
    medianMs: median(results.map((r) => r.allCountsMs)),
    ...(compare === undefined
      ? {}
      : { compare: { folder: compare, runs: compared, medianMs: median(compared.map((r) => r.allCountsMs)) } }),
    loadAverage,
  };
}

export function firstScreenSummary(result: FirstScreenResult): string[] {
  return [
    `first screen: counts on every row after ${(result.medianMs / 1000).toFixed(2)} s (median of ${result.runs.length} cold starts; ` +
      `load average ${result.loadAverage.map((l) => l.toFixed(2)).join(' / ')})`,
    ...(result.compare
      ? [
          `  ${result.compare.folder}, in turn with it: ${(result.compare.medianMs / 1000).toFixed(2)} s (ratio ${(result.medianMs / result.compare.medianMs).toFixed(2)}×)`,
        ]
      : []),
  ];
}
