/**
 * A small run of the whole benchmark (`npm run bench`), so it cannot rot: tiny data, the app's
 * engine in headless Chromium, native DuckDB on one and all threads, the same SQL on both, and
 * the report. Timings are not judged here; that the pipeline runs and both engines agree is.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../bench/benchmark';
import { LOAD_PHASES, phaseTotals } from '../bench/load-phases';
import { loadFigures, segmentRows, summaryLines, writeBenchmarksMarkdown } from '../bench/report';
import { BENCH_SEGMENTS, PREVIEW_EDITS } from '../bench/segments';

describe('benchmark smoke run', () => {
  it('measures the browser and native DuckDB on the same data and SQL, and they agree', { timeout: 180_000 }, async () => {
    const result = await runBenchmark({
      scale: 'tiny',
      layout: 'long',
      runs: 1,
      loadRuns: 1,
      seed: 42,
      port: 0,
      workDir: '.bench',
      profile: true,
      log: () => undefined,
    });

    expect(result.browser.failedAt, result.browser.error).toBeUndefined();
    expect(result.mismatches).toEqual([]);
    expect(result.replayedSteps).toBe('browser');
    expect(result.engines.map((e) => `${e.engine}:${e.load.ms.length}`)).toEqual(['browser:1', 'native:1', 'native:1']);

    // Every segment ran on every engine and selected the same members.
    expect(result.statements.map((s) => s.name).sort()).toEqual(BENCH_SEGMENTS.map((s) => s.name).sort());
    for (const engine of result.engines) {
      for (const statement of result.statements) {
        const runs = engine.segments[statement.name];
        expect(runs, `${engine.engine} ${engine.threads} ${statement.name}`).toHaveLength(1);
        expect(runs![0]!.queryMs).toBeGreaterThan(0);
      }
      expect(Object.keys(engine.previews).sort()).toEqual(PREVIEW_EDITS.map((e) => e.label).sort());
      // A cold preview, then the warm ones.
      for (const runs of Object.values(engine.previews)) expect(runs).toHaveLength(2);
    }
    // The app's preview code ran, and its statements were replayed natively.
    expect(result.previewSql.every((p) => p.statements.length > 0)).toBe(true);
    expect(result.previewSql.filter((p) => p.kind === 'interaction').every((p) => (p.histogramStatements ?? []).length > 0)).toBe(true);
    const rows = segmentRows(result);
    expect(rows.every((r) => Number.isFinite(r.ratio1) && Number.isFinite(r.ratioAll))).toBe(true);
    expect(rows.some((r) => (r.count ?? 0) > 0)).toBe(true);
    expect(Number.isFinite(loadFigures(result).ratio1)).toBe(true);
    expect(result.minimalLoadMs).toHaveLength(1);
    expect(Number.isFinite(loadFigures(result).ratioMinimal)).toBe(true);

    // The load was recorded step by step and every phase of the breakdown is accounted for.
    const steps = result.browser.loadSteps;
    expect(steps.some((s) => s.kind === 'decode')).toBe(true);
    expect(steps.some((s) => s.kind === 'insert')).toBe(true);
    const phases = phaseTotals(steps, (i) => steps[i]!.ms);
    expect(phases['create interaction tables']).toBeGreaterThan(0);
    expect(Object.keys(phases)).toEqual([...LOAD_PHASES]);
    expect(result.profiles.length).toBe(result.statements.length);
    expect(result.browser.rendererPeakBytes).toBeGreaterThan(0);

    // The report renders from the saved result, and keeps hand-written text around its section.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
    try {
      const file = path.join(dir, 'BENCHMARKS.md');
      writeFileSync(
        file,
        '# Benchmarks\n\nhand-written intro\n\n<!-- bench:results:start -->\nold\n<!-- bench:results:end -->\n\nhand-written diagnosis\n',
      );
      writeFileSync(path.join(dir, 'tiny-long.json'), JSON.stringify(result));
      await writeBenchmarksMarkdown(dir, file);
      const markdown = readFileSync(file, 'utf8');
      expect(markdown).toContain('hand-written intro');
      expect(markdown).toContain('hand-written diagnosis');
      expect(markdown).not.toContain('\nold\n');
      expect(markdown).toContain('PlainCount');
      expect(summaryLines(result).join('\n')).toContain('load: browser');
      // An `--insight` run evaluates no segment: they are named as not evaluated, not counted as NaN.
      const insightOnly = { ...result, engines: result.engines.map((e) => ({ ...e, segments: {}, previews: {} })) };
      const lines = summaryLines(insightOnly).join('\n');
      expect(lines).not.toContain('NaN');
      expect(lines).not.toMatch(/^preview .*browser –/m);
      expect(lines).toContain('previews not timed in this run: count atLeast 2 → 3');
      expect(lines).toContain('segments not evaluated in this run (--insight and --load-only do not evaluate them): PlainCount');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
