/** Turns benchmark results into the console summary and the generated part of BENCHMARKS.md. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import type { EngineResult, ScaleResult } from './benchmark';
import { renderRatioChart, type ChartSeries } from './chart';
import { LOAD_PHASES, phaseTotals } from './load-phases';
import { formatBytes, formatMs, formatRatio, median, ratio } from './stats';
import { INSIGHT_TARGET_MS } from './insight-tasks';

export const TARGETS = { segment: 2, load: 3, minimalLoad: 2, previewMs: 200 } as const;
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const mark = (ok: boolean) => (ok ? '✅' : '❌');
const browser = (r: ScaleResult): EngineResult => r.engines.find((e) => e.engine === 'browser')!;
const natives = (r: ScaleResult): EngineResult[] => r.engines.filter((e) => e.engine === 'native');
const one = (r: ScaleResult): EngineResult | undefined => natives(r).find((n) => n.threads === 1);
const all = (r: ScaleResult): EngineResult | undefined => natives(r).find((n) => n.threads !== 1);
const queryMedian = (e: EngineResult | undefined, name: string) => median((e?.segments[name] ?? []).map((x) => x.queryMs));
/** Warm previews: every run after the first (which fills the cache of referenced segments). */
const warm = (e: EngineResult | undefined, label: string) => (e?.previews[label] ?? []).slice(1);
const previewMedian = (e: EngineResult | undefined, label: string) => median(warm(e, label).map((x) => x.ms));
const histogramMedian = (e: EngineResult | undefined, label: string) =>
  median(warm(e, label).flatMap((x) => (x.histogramMs === undefined ? [] : [x.histogramMs])));

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

export function segmentRows(r: ScaleResult) {
  return r.statements.map((statement) => {
    const name = statement.name;
    const runs = browser(r).segments[name] ?? [];
    const b = queryMedian(browser(r), name);
    const native1 = queryMedian(one(r), name);
    const nativeAll = queryMedian(all(r), name);
    return {
      name,
      kind: statement.kind,
      /** Absent when no engine evaluated the segment in this run (`--insight` times only the insight tasks). */
      count: runs.at(-1)?.count ?? one(r)?.segments[name]?.at(-1)?.count,
      browser: b,
      fetch: median(runs.map((x) => x.fetchMs)),
      native1,
      nativeAll,
      ratio1: ratio(b, native1),
      ratioAll: ratio(b, nativeAll),
    };
  });
}

export function loadFigures(r: ScaleResult) {
  const b = median(browser(r).load.ms);
  const native1 = median(one(r)?.load.ms ?? []);
  const nativeAll = median(all(r)?.load.ms ?? []);
  const minimal = median(r.minimalLoadMs ?? []);
  return {
    browser: b,
    native1,
    nativeAll,
    minimal,
    ratio1: ratio(b, native1),
    ratioAll: ratio(b, nativeAll),
    ratioMinimal: ratio(b, minimal),
  };
}

export function summaryLines(r: ScaleResult): string[] {
  const load = loadFigures(r);
  const lines = [
    `scale ${r.scale.name} (${r.layout}): ${r.scale.contacts} contacts, ${r.scale.interactions} interactions`,
    `load: browser ${formatMs(load.browser)}, native 1 thread ${formatMs(load.native1)} (${formatRatio(load.ratio1)}), all threads ${formatMs(load.nativeAll)} (${formatRatio(load.ratioAll)}), minimal native ${formatMs(load.minimal)} (${formatRatio(load.ratioMinimal)})`,
  ];
  const segments = segmentRows(r);
  const skipped = segments.filter((s) => s.count === undefined).map((s) => s.name);
  if (skipped.length > 0)
    lines.push(`segments not evaluated in this run (--insight and --load-only do not evaluate them): ${skipped.join(', ')}`);
  for (const s of segments.filter((s) => s.count !== undefined))
    lines.push(
      `${s.name.padEnd(20)} ${String(s.count).padStart(8)} members  browser ${formatMs(s.browser).padStart(9)}  native1 ${formatMs(s.native1).padStart(9)} (${formatRatio(s.ratio1)})  nativeAll ${formatMs(s.nativeAll).padStart(9)} (${formatRatio(s.ratioAll)})`,
    );
  const timed = r.previewSql.filter((p) => (browser(r).previews[p.label]?.length ?? 0) > 0);
  if (timed.length < r.previewSql.length)
    lines.push(
      `previews not timed in this run: ${r.previewSql
        .filter((p) => !timed.includes(p))
        .map((p) => p.label)
        .join(', ')}`,
    );
  for (const p of timed)
    lines.push(
      `preview ${p.label}: browser ${formatMs(previewMedian(browser(r), p.label))} (histogram ${formatMs(histogramMedian(browser(r), p.label))}), native1 ${formatMs(previewMedian(one(r), p.label))}`,
    );
  for (const t of insightRows(r))
    lines.push(
      `${t.label}: browser ${formatMs(t.browser)}, native1 ${formatMs(t.native1)} (${formatRatio(t.ratio)}), target ${formatMs(t.target)} ${mark(t.ok)}`,
    );
  lines.push(`renderer peak memory ${formatBytes(r.browser.rendererPeakBytes)}`);
  if (r.browser.failedAt) lines.push(`BROWSER FAILED while ${r.browser.failedAt}: ${r.browser.error}`);
  for (const m of r.mismatches) lines.push(`MISMATCH ${m}`);
  return lines;
}

function scaleSection(r: ScaleResult): string[] {
  const out: string[] = [];
  const sizes = r.data.files.map((f) => `${f.name} ${formatBytes(f.bytes)}`).join(', ');
  out.push(
    `### ${r.scale.contacts.toLocaleString('en')} contacts, ${r.scale.interactions.toLocaleString('en')} interactions: ${r.layout === 'long' ? 'one long interactions.parquet' : 'one Parquet file per interaction type'} (\`--scale ${r.scale.name} --layout ${r.layout}\`)`,
    '',
  );
  out.push(
    `Run ${r.date.slice(0, 16).replace('T', ' ')} UTC, seed ${r.seed}, evaluation instant ${r.now}; median of ${r.runs} interleaved runs per segment and ${r.loadRuns} load(s). ` +
      `Files: ${sizes}. Load average ${r.machine.loadAverageStart.map((l) => l.toFixed(2)).join(' / ')} at the start and ${r.machine.loadAverageEnd.map((l) => l.toFixed(2)).join(' / ')} at the end (other work shares the machine).`,
    '',
  );
  if (r.browser.failedAt) {
    out.push(
      `**The browser did not finish:** it failed while ${r.browser.failedAt}: \`${r.browser.error}\`. ` +
        `Renderer peak resident memory until then: ${formatBytes(r.browser.rendererPeakBytes)}; all browser processes together: ${formatBytes(r.browser.browserTotalPeakBytes)}. ` +
        (r.replayedSteps === 'node'
          ? 'The native side replayed the loader statements recorded in Node on the tiny folder (same schema, same statements).'
          : ''),
      '',
    );
    if (r.browser.problems.length) out.push(...r.browser.problems.slice(0, 5).map((p) => `- ${p}`), '');
    const failed = r.browser.failedLoad;
    if (failed && failed.steps.length > 0) {
      // Up to the statement that failed; what follows is the loader dropping what it had made.
      const failedAt = failed.steps.findIndex((s) => s.kind === 'sql' && s.error !== undefined);
      const steps = failedAt >= 0 ? failed.steps.slice(0, failedAt + 1) : failed.steps;
      const phases = phaseTotals(steps, (i) => steps[i]!.ms);
      const done = LOAD_PHASES.filter((p) => phases[p] > 0).map((p) => `${p} ${formatMs(phases[p])}`);
      const decoded = steps.filter((s) => s.kind === 'decode').length;
      const last = steps[steps.length - 1]!;
      const what =
        last.kind === 'sql'
          ? `${last.error ? 'failed' : 'finished'}: \`${last.sql.replaceAll('\n', ' ').slice(0, 200)}…\`${last.error ? ` after ${formatMs(last.ms)}` : ''}`
          : `finished: ${last.kind} (${last.kind === 'decode' ? last.file : last.table})`;
      out.push(
        `Where the load stopped: ${steps.length} steps (${decoded} Parquet chunks decoded; ${done.join(', ')}); the last statement ${what}.` +
          (failed.memory && failed.memory.duckdbBytes > 0 ? ` DuckDB held ${formatBytes(failed.memory.duckdbBytes)} afterwards.` : ''),
        '',
      );
    }
  }

  const load = loadFigures(r);
  out.push("**Load** (the files' bytes in memory → the loader's entity and interaction tables, with every check):", '');
  out.push(
    ...table(
      [
        '',
        'browser',
        'native, 1 thread',
        'ratio',
        'native, all threads',
        'ratio',
        `target ≤ ${TARGETS.load}× of 1 thread`,
        'minimal native, 1 thread',
        'ratio',
        `target ≤ ${TARGETS.minimalLoad}×`,
      ],
      [
        [
          'load',
          formatMs(load.browser),
          formatMs(load.native1),
          formatRatio(load.ratio1),
          formatMs(load.nativeAll),
          formatRatio(load.ratioAll),
          Number.isFinite(load.ratio1) ? mark(load.ratio1 <= TARGETS.load) : '❌ (did not load)',
          formatMs(load.minimal),
          formatRatio(load.ratioMinimal),
          Number.isFinite(load.ratioMinimal) ? mark(load.ratioMinimal <= TARGETS.minimalLoad) : '–',
        ],
      ],
    ),
    '',
  );
  if (r.browser.fetch)
    out.push(
      `Fetching the files into the page (not part of the load): ${formatMs(r.browser.fetch.ms)} for ${formatBytes(r.browser.fetch.bytes)}.`,
      '',
    );

  const steps = r.browser.loadSteps;
  if (steps.length > 0) {
    const browserByIndex = new Map(browser(r).load.stepMs.map((x) => [x.index, x.ms]));
    const browserPhases = phaseTotals(steps, (i) => (r.replayedSteps === 'browser' ? browserByIndex.get(i) : undefined));
    const n1 = one(r);
    const nativeByIndex = new Map((n1?.load.stepMs ?? []).map((s) => [s.index, s.ms]));
    const nativePhases = phaseTotals(steps, (i) => nativeByIndex.get(i));
    out.push('Where the load time goes (last load, per phase):', '');
    out.push(
      ...table(
        ['phase', 'browser', 'share', 'native, 1 thread', 'ratio'],
        LOAD_PHASES.filter((p) => browserPhases[p] > 0 || nativePhases[p] > 0).map((p) => {
          // Without a browser load there is no browser figure, only the native replay's.
          const b = r.replayedSteps === 'browser' ? browserPhases[p] : NaN;
          return [
            p,
            formatMs(b),
            Number.isFinite(b) ? `${((100 * b) / (load.browser || 1)).toFixed(0)}%` : '–',
            formatMs(nativePhases[p]),
            formatRatio(ratio(b, nativePhases[p])),
          ];
        }),
      ),
      '',
    );
  }

  if (r.statements.length > 0) {
    const rows = segmentRows(r);
    out.push(
      `**Segments** (the statement \`CREATE TEMP TABLE … AS <compiled SQL>\` the app runs; members fetched into JS separately):`,
      '',
    );
    out.push(
      ...table(
        [
          'segment',
          'kind',
          'members',
          'browser',
          'fetch members',
          'native, 1 thread',
          'ratio',
          'native, all threads',
          'ratio',
          `≤ ${TARGETS.segment}×`,
        ],
        rows.map((s) => [
          s.name,
          s.kind,
          s.count?.toLocaleString('en') ?? 'not evaluated',
          formatMs(s.browser),
          formatMs(s.fetch),
          formatMs(s.native1),
          formatRatio(s.ratio1),
          formatMs(s.nativeAll),
          formatRatio(s.ratioAll),
          mark(s.ratio1 <= TARGETS.segment),
        ]),
      ),
      '',
    );
    const sum = (key: 'browser' | 'native1' | 'nativeAll') => rows.reduce((a, s) => a + s[key], 0);
    out.push(
      `All ${rows.length} segments: browser ${formatMs(sum('browser'))}, native 1 thread ${formatMs(sum('native1'))} (${formatRatio(ratio(sum('browser'), sum('native1')))}), all threads ${formatMs(sum('nativeAll'))} (${formatRatio(ratio(sum('browser'), sum('nativeAll')))}).` +
        (r.browser.libraryMs.length > 0
          ? ` The app's evaluateLibrary on the whole library (validation, every segment, members sorted): ${formatMs(median(r.browser.libraryMs))}.`
          : ''),
      '',
    );
  }

  if (r.previewSql.length > 0) {
    out.push(
      "**Designer preview** (the app's own preview code, src/data/evaluate-steps.ts: the edited segment's Flow step by step, each step counted; referenced segments and Flow groups come from its cache. *Cold* is the first run, before anything is cached; the others are medians of warm runs, each made just after the designer showed the segment before the edit (so its groups and references are kept, and only what the edit changed is evaluated). Interaction segments also get the designer's histogram, which reads the per-contact values the preview kept):",
      '',
    );
    out.push(
      ...table(
        [
          'edit',
          'members',
          'browser cold',
          'browser',
          'native, 1 thread',
          'ratio',
          `≤ ${TARGETS.previewMs} ms`,
          'histogram, browser',
          'native',
          'ratio',
        ],
        r.previewSql.map((p) => {
          const b = previewMedian(browser(r), p.label);
          const n = previewMedian(one(r), p.label);
          const hb = histogramMedian(browser(r), p.label);
          const hn = histogramMedian(one(r), p.label);
          const count = browser(r).previews[p.label]?.at(-1)?.count;
          return [
            p.label,
            count === undefined ? '–' : count.toLocaleString('en'),
            formatMs(browser(r).previews[p.label]?.[0]?.ms ?? NaN),
            formatMs(b),
            formatMs(n),
            formatRatio(ratio(b, n)),
            Number.isFinite(b) ? mark(b <= TARGETS.previewMs && (!Number.isFinite(hb) || hb <= TARGETS.previewMs)) : '❌',
            formatMs(hb),
            formatMs(hn),
            formatRatio(ratio(hb, hn)),
          ];
        }),
      ),
      '',
    );
  }

  const memory = r.browser.memoryAfterEvaluate ?? r.browser.memoryAfterLoad;
  out.push(...insightSection(r));
  out.push('**Memory**:', '');
  out.push(
    `- Tab (renderer process) peak resident memory through the app's work, including the DuckDB worker and both wasm heaps: **${formatBytes(r.browser.rendererPeakBytes)}**; all browser processes: ${formatBytes(r.browser.browserTotalPeakBytes)}.`,
  );
  if (r.browser.memoryAfterLoad)
    out.push(
      `- After the load: page JS heap ${formatBytes(r.browser.memoryAfterLoad.jsHeapUsed)}, DuckDB-WASM buffer memory ${formatBytes(r.browser.memoryAfterLoad.duckdbBytes)}.`,
    );
  if (memory && memory !== r.browser.memoryAfterLoad)
    out.push(
      `- After evaluating: page JS heap ${formatBytes(memory.jsHeapUsed)}, DuckDB-WASM buffer memory ${formatBytes(memory.duckdbBytes)}.`,
    );
  out.push(
    `- Native DuckDB buffer memory after the same work: ${natives(r)
      .map((n) => `${n.threads} thread(s) ${formatBytes(n.memoryBytes ?? NaN)}`)
      .join(', ')}.`,
    '',
  );

  if (r.mismatches.length > 0) out.push('**Mismatches between browser and native:**', '', ...r.mismatches.map((m) => `- ${m}`), '');
  else if (Object.keys(browser(r).segments).length > 0)
    out.push('Browser and native DuckDB selected the same members for every segment (checksums of the sorted keys agree).', '');

  if (r.profiles.length > 0) {
    out.push(
      '<details><summary>Native plan hot spots (DuckDB profiler, 1 thread): the three costliest operators per segment</summary>',
      '',
    );
    out.push(
      ...table(
        ['segment', 'operator', 'time', 'share', 'rows out', 'detail'],
        r.profiles.flatMap((p) =>
          [...p.operators]
            .sort((a, b) => b.ms - a.ms)
            .slice(0, 3)
            .map((o) => [
              p.name,
              o.name,
              formatMs(o.ms),
              `${((100 * o.ms) / (p.totalMs || 1)).toFixed(0)}%`,
              o.rows.toLocaleString('en'),
              o.detail.replaceAll('|', '\\|').slice(0, 100),
            ]),
        ),
      ),
      '',
      '</details>',
      '',
    );
  }
  return out;
}

export function insightRows(r: ScaleResult) {
  return (r.insight?.tasks ?? []).map((t) => {
    const b = median(t.browser);
    const native1 = median(t.native1);
    const target = INSIGHT_TARGET_MS[t.kind];
    return { label: t.label, summary: t.summary, browser: b, native1, ratio: ratio(b, native1), target, ok: b <= target };
  });
}

/** The insight views' work (issue 10's speed targets), if it was measured. */
function insightSection(r: ScaleResult): string[] {
  const insight = r.insight;
  if (!insight) return [];
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return [
    `**Insight views** (the functions the app's insight views call, src/data/explain-contact.ts, src/engine/stats/funnel-queries.ts with the funnel's count cache, the shared segment tables and src/engine/stats/overlap-queries.ts, src/data/timeline.ts; a trace includes the membership check; timelines are weekly, 13 points ending at the evaluation instant; native replays the very statements the page ran). ` +
      `Run ${insight.date.slice(0, 16).replace('T', ' ')} UTC, median of ${insight.runs}; load average ${load(insight.loadAverageStart)} at the start and ${load(insight.loadAverageEnd)} at the end:`,
    '',
    ...table(
      ['task', 'result', 'browser', 'native, 1 thread', 'ratio', 'target', ''],
      insightRows(r).map((t) => [
        t.label,
        t.summary,
        formatMs(t.browser),
        formatMs(t.native1),
        formatRatio(t.ratio),
        `≤ ${formatMs(t.target)}`,
        mark(t.ok),
      ]),
    ),
    '',
  ];
}

function environmentSection(results: readonly ScaleResult[]): string[] {
  const r = results[results.length - 1]!;
  const versions = Object.entries(r.versions).map(([k, v]) => `${k} ${v}`);
  return [`Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${formatBytes(r.machine.memoryBytes)} RAM. ${versions.join(', ')}.`, ''];
}

function chartSeries(results: readonly ScaleResult[]): ChartSeries[] {
  return results.flatMap((r) => {
    const load = loadFigures(r);
    const scale = `${(r.scale.interactions / 1e6).toFixed(0)}M`;
    const note = r.browser.failedAt ? 'the app could not load it (out of memory)' : undefined;
    const series: ChartSeries[] = [
      {
        label: `${scale}, ${r.layout}`,
        values: [
          { label: 'load', value: load.ratio1, target: TARGETS.load, ...(note ? { note } : {}) },
          ...segmentRows(r).map((s) => ({ label: s.name, value: s.ratio1, target: TARGETS.segment, ...(note ? { note } : {}) })),
        ],
      },
    ];
    return series;
  });
}

export function loadResults(dir: string): ScaleResult[] {
  if (!existsSync(dir)) return [];
  const order = ['tiny', 'small', '100k', '1m'].flatMap((scale) => [`${scale}-long`, `${scale}-per-type`]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ScaleResult)
    .sort((a, b) => order.indexOf(`${a.scale.name}-${a.layout}`) - order.indexOf(`${b.scale.name}-${b.layout}`));
}

/** Formats generated text as the repository's Prettier settings want it, so `npm run check` stays clean. */
export async function formatted(file: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

export async function writeBenchmarksMarkdown(resultsDir: string, file: string): Promise<void> {
  const results = loadResults(resultsDir);
  if (results.length === 0) return;
  const chartFile = path.join(resultsDir, 'ratios.svg');
  writeFileSync(chartFile, renderRatioChart('Browser time ÷ native DuckDB (1 thread); lower is better', chartSeries(results)));
  const generated = [
    START,
    '<!-- Generated by `npm run bench` from bench/results/*.json; edit outside these markers. -->',
    '',
    ...environmentSection(results),
    `![Ratio of browser to native time per step and scale](${chartFile.split(path.sep).join('/')})`,
    '',
    ...results.flatMap(scaleSection),
    END,
  ].join('\n');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const start = previous.indexOf(START);
  const end = previous.indexOf(END);
  const next =
    start >= 0 && end > start ? previous.slice(0, start) + generated + previous.slice(end + END.length) : `${previous}\n${generated}\n`;
  writeFileSync(file, await formatted(file, next));
}
