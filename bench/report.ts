/** Turns benchmark results into the console summary and the generated part of BENCHMARKS.md. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NativeResult, ScaleResult } from './benchmark';
import { renderRatioChart, type ChartSeries } from './chart';
import { LOAD_PHASES, phaseTotals } from './load-phases';
import { formatBytes, formatMs, formatRatio, median, ratio } from './stats';

export const TARGETS = { segment: 2, load: 3, previewMs: 200 } as const;
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const mark = (ok: boolean) => (ok ? '✅' : '❌');
const one = (r: ScaleResult): NativeResult | undefined => r.native.find((n) => n.threads === 1);
const all = (r: ScaleResult): NativeResult | undefined => r.native.find((n) => n.threads !== 1);

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

export function segmentRows(r: ScaleResult) {
  return r.browser.segments.map((s) => {
    const n1 = one(r)?.segments.find((x) => x.name === s.name);
    const nAll = all(r)?.segments.find((x) => x.name === s.name);
    const browser = median(s.queryMs);
    return {
      name: s.name,
      kind: s.kind,
      count: s.count,
      browser,
      fetch: median(s.fetchMs),
      native1: n1 ? median(n1.queryMs) : NaN,
      nativeAll: nAll ? median(nAll.queryMs) : NaN,
      ratio1: n1 ? ratio(browser, median(n1.queryMs)) : NaN,
      ratioAll: nAll ? ratio(browser, median(nAll.queryMs)) : NaN,
    };
  });
}

export function loadFigures(r: ScaleResult) {
  const browser = median(r.browser.loadMs);
  const native1 = median(one(r)?.loadMs ?? []);
  const nativeAll = median(all(r)?.loadMs ?? []);
  return { browser, native1, nativeAll, ratio1: ratio(browser, native1), ratioAll: ratio(browser, nativeAll) };
}

export function summaryLines(r: ScaleResult): string[] {
  const load = loadFigures(r);
  const lines = [
    `scale ${r.scale.name}: ${r.scale.contacts} contacts, ${r.scale.interactions} interactions`,
    `load: browser ${formatMs(load.browser)}, native 1 thread ${formatMs(load.native1)} (${formatRatio(load.ratio1)}), all threads ${formatMs(load.nativeAll)} (${formatRatio(load.ratioAll)})`,
  ];
  for (const s of segmentRows(r))
    lines.push(
      `${s.name.padEnd(20)} ${String(s.count).padStart(8)} members  browser ${formatMs(s.browser).padStart(9)}  native1 ${formatMs(s.native1).padStart(9)} (${formatRatio(s.ratio1)})  nativeAll ${formatMs(s.nativeAll).padStart(9)} (${formatRatio(s.ratioAll)})`,
    );
  for (const p of r.browser.previews) lines.push(`preview ${p.label}: ${formatMs(median(p.ms))}`);
  lines.push(`renderer peak memory ${formatBytes(r.browser.rendererPeakBytes)}`);
  if (r.browser.failedAt) lines.push(`BROWSER FAILED while ${r.browser.failedAt}: ${r.browser.error}`);
  for (const m of r.mismatches) lines.push(`MISMATCH ${m}`);
  return lines;
}

function scaleSection(r: ScaleResult): string[] {
  const out: string[] = [];
  const sizes = r.data.files.map((f) => `${f.name} ${formatBytes(f.bytes)}`).join(', ');
  out.push(
    `### Scale ${r.scale.name}: ${r.scale.contacts.toLocaleString('en')} contacts, ${r.scale.interactions.toLocaleString('en')} interactions`,
    '',
  );
  out.push(
    `Run ${r.date.slice(0, 16).replace('T', ' ')} UTC, seed ${r.seed}, evaluation instant ${r.now}; median of ${r.runs} runs per segment and ${r.loadRuns} load(s). ` +
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
  }

  const load = loadFigures(r);
  out.push('**Load** (files in memory → entity and per-type interaction tables, with every check):', '');
  out.push(
    ...table(
      ['', 'browser', 'native, 1 thread', 'ratio', 'native, all threads', 'ratio', `target ≤ ${TARGETS.load}× of 1 thread`],
      [
        [
          'load',
          formatMs(load.browser),
          formatMs(load.native1),
          formatRatio(load.ratio1),
          formatMs(load.nativeAll),
          formatRatio(load.ratioAll),
          Number.isFinite(load.ratio1) ? mark(load.ratio1 <= TARGETS.load) : '❌ (did not load)',
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
    const browserPhases = phaseTotals(steps, (i) => steps[i]!.ms);
    const n1 = one(r);
    const nativeByIndex = new Map((n1?.loadStepMs ?? []).map((s) => [s.index, s.ms]));
    const nativePhases = phaseTotals(steps, (i) => nativeByIndex.get(i));
    out.push('Where the load time goes (last load, per phase):', '');
    out.push(
      ...table(
        ['phase', 'browser', 'share', 'native, 1 thread', 'ratio'],
        LOAD_PHASES.filter((p) => browserPhases[p] > 0 || nativePhases[p] > 0).map((p) => [
          p,
          formatMs(browserPhases[p]),
          `${((100 * browserPhases[p]) / (load.browser || 1)).toFixed(0)}%`,
          formatMs(nativePhases[p]),
          formatRatio(ratio(browserPhases[p], nativePhases[p])),
        ]),
      ),
      '',
    );
  }

  if (r.browser.segments.length > 0) {
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
          s.count.toLocaleString('en'),
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
        (r.browser.libraryMs !== undefined
          ? ` The app's evaluateLibrary on the whole library (validation, every segment, members sorted): ${formatMs(r.browser.libraryMs)}.`
          : ''),
      '',
    );
  }

  if (r.browser.previews.length > 0) {
    out.push('**Designer preview** (count of the edited segment, compiled on each edit; referenced segments inlined):', '');
    out.push(
      ...table(
        ['edit', 'members', 'browser', 'native, 1 thread', 'ratio', `≤ ${TARGETS.previewMs} ms`],
        r.browser.previews.map((p) => {
          const n = one(r)?.previews.find((x) => x.label === p.label);
          const b = median(p.ms);
          return [
            p.label,
            p.count.toLocaleString('en'),
            formatMs(b),
            formatMs(median(n?.ms ?? [])),
            formatRatio(ratio(b, median(n?.ms ?? []))),
            mark(b <= TARGETS.previewMs),
          ];
        }),
      ),
      '',
    );
  }

  const memory = r.browser.memoryAfterEvaluate ?? r.browser.memoryAfterLoad;
  out.push('**Memory**:', '');
  out.push(
    `- Tab (renderer process) peak resident memory, including the DuckDB worker and both wasm heaps: **${formatBytes(r.browser.rendererPeakBytes)}**; all browser processes: ${formatBytes(r.browser.browserTotalPeakBytes)}.`,
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
    `- Native DuckDB buffer memory after the same work: ${r.native.map((n) => `${n.threads} thread(s) ${formatBytes(n.memoryBytes)}`).join(', ')}.`,
    '',
  );

  if (r.mismatches.length > 0) out.push('**Mismatches between browser and native:**', '', ...r.mismatches.map((m) => `- ${m}`), '');
  else if (r.browser.segments.length > 0)
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

function environmentSection(results: readonly ScaleResult[]): string[] {
  const r = results[results.length - 1]!;
  const versions = Object.entries(r.versions).map(([k, v]) => `${k} ${v}`);
  return [`Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${formatBytes(r.machine.memoryBytes)} RAM. ${versions.join(', ')}.`, ''];
}

function chartSeries(results: readonly ScaleResult[]): ChartSeries[] {
  return results.map((r) => {
    const load = loadFigures(r);
    return {
      label: `${r.scale.name} (${(r.scale.interactions / 1e6).toFixed(0)}M interactions)`,
      values: [
        { label: 'load', value: load.ratio1, target: TARGETS.load },
        ...segmentRows(r).map((s) => ({ label: s.name, value: s.ratio1, target: TARGETS.segment })),
      ],
    };
  });
}

export function loadResults(dir: string): ScaleResult[] {
  if (!existsSync(dir)) return [];
  const order = ['tiny', 'small', '100k', '1m'];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ScaleResult)
    .sort((a, b) => order.indexOf(a.scale.name) - order.indexOf(b.scale.name));
}

export function writeBenchmarksMarkdown(resultsDir: string, file: string): void {
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
  writeFileSync(file, next);
}
