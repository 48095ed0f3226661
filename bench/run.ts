/** `npm run bench`: measures the app's engine in Chromium against native DuckDB; see BENCHMARKS.md. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runBenchmark } from './benchmark';
import { benchEvaluate, evaluateSummary } from './evaluate-engines';
import { benchFirstScreen, firstScreenSummary } from './first-screen';
import { parseOptions, type CliOptions } from './options';
import { formatted, summaryLines, writeBenchmarksMarkdown } from './report';
import type { Layout } from './scales';

const RESULTS = 'bench/results';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.firstScreen) {
    const result = await benchFirstScreen(options.runs, (line) => console.error(line), options.compare);
    console.log(firstScreenSummary(result).join('\n'));
    if (options.write) {
      // A folder of its own: the browser report reads every JSON file directly in bench/results.
      const folder = path.join(RESULTS, 'first-screen');
      mkdirSync(folder, { recursive: true });
      const file = path.join(folder, 'latest.json');
      writeFileSync(file, await formatted(file, JSON.stringify(result)));
    }
    return;
  }
  if (options.evaluate) {
    for (const scale of options.scales) await runEvaluate(options, scale);
    return;
  }
  for (const scale of options.scales) for (const layout of options.layouts) await runOne(options, scale, layout);
}

async function runOne(options: CliOptions, scale: string, layout: Layout): Promise<void> {
  {
    const result = await runBenchmark({
      scale,
      layout,
      runs: options.runs,
      // Loading 20M interactions takes minutes: fewer load runs at the largest scale.
      loadRuns: options.loadRuns ?? (scale === '1m' || options.insight || options.loadOnly ? 1 : 3),
      seed: options.seed,
      port: options.port,
      workDir: '.bench',
      profile: options.profile,
      insightOnly: options.insight,
      loadOnly: options.loadOnly,
      log: (line) => console.error(line),
    });
    console.log(summaryLines(result).join('\n'));
    writeFileSync(path.join('.bench', `last-${scale}-${layout}.json`), JSON.stringify(result, null, 1));
    if (options.loadOnly) console.error('--load-only: nothing saved (the saved run of this scale is kept)');
    else if (options.write && scale !== 'tiny') {
      mkdirSync(RESULTS, { recursive: true });
      const file = path.join(RESULTS, `${scale}-${layout}.json`);
      // --insight measures only the insight tasks: the saved run keeps everything else.
      const saved = options.insight && existsSync(file) ? { ...JSON.parse(readFileSync(file, 'utf8')), insight: result.insight } : result;
      writeFileSync(file, await formatted(file, JSON.stringify(saved)));
      await writeBenchmarksMarkdown(RESULTS, 'BENCHMARKS.md');
    }
  }
}

async function runEvaluate(options: CliOptions, scale: string): Promise<void> {
  const result = await benchEvaluate(scale, {
    rounds: options.runs,
    ...(options.postgres ? { postgresUrl: options.postgres } : {}),
    ...(options.clickhouse ? { clickhouseUrl: options.clickhouse } : {}),
    baseline: options.baseline,
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
    log: (line) => console.error(line),
  });
  console.log(evaluateSummary(result).join('\n'));
  if (options.write && scale !== 'tiny') {
    // A folder of its own: the browser report reads every JSON file directly in bench/results.
    const folder = path.join(RESULTS, 'evaluate');
    mkdirSync(folder, { recursive: true });
    const suffix = options.memoryLimit ? `-${options.memoryLimit.toLowerCase()}` : '';
    const file = path.join(folder, `${scale}${suffix}.json`);
    writeFileSync(file, await formatted(file, JSON.stringify(result)));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
