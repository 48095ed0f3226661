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
import { serveStatic } from './static-server';
import { median } from './stats';

export interface FirstScreenRun {
  /** Since navigation: the first library row is on screen. */
  readonly firstRowMs: number;
  /** Since navigation: every library row shows its count. */
  readonly allCountsMs: number;
  readonly rows: number;
}

export interface FirstScreenResult {
  readonly runs: readonly FirstScreenRun[];
  readonly medianMs: number;
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
    if (problems.length > 0) throw new Error(`the page failed: ${problems.join('; ')}`);
    return { firstRowMs: (await firstRow.jsonValue()) as number, allCountsMs, rows };
  } finally {
    await browser.close();
  }
}

export async function benchFirstScreen(runs: number, log: (line: string) => void): Promise<FirstScreenResult> {
  const outDir = path.resolve('.bench', `first-screen-${process.pid}`);
  const started = performance.now();
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  log(`built the app in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const server = await serveStatic(outDir, path.resolve('.bench', 'data'), 0);
  const loadAverage: number[] = [];
  const results: FirstScreenRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const result = await coldStart(`${server.url}/`);
      results.push(result);
      log(
        `cold start ${run + 1}: first row ${(result.firstRowMs / 1000).toFixed(2)} s, counts on all ${result.rows} rows ${(result.allCountsMs / 1000).toFixed(2)} s`,
      );
    }
    loadAverage.push(...(await import('node:os')).loadavg());
  } finally {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return { runs: results, medianMs: median(results.map((r) => r.allCountsMs)), loadAverage };
}

export function firstScreenSummary(result: FirstScreenResult): string[] {
  return [
    `first screen: counts on every row after ${(result.medianMs / 1000).toFixed(2)} s (median of ${result.runs.length} cold starts; ` +
      `load average ${result.loadAverage.map((l) => l.toFixed(2)).join(' / ')})`,
  ];
}
