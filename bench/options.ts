/** Command-line options of `npm run bench`. */
import { LAYOUTS, SCALES, type Layout } from './scales';

export interface CliOptions {
  readonly scales: string[];
  readonly layouts: Layout[];
  readonly runs: number;
  readonly loadRuns: number | undefined;
  readonly seed: number;
  readonly port: number;
  readonly profile: boolean;
  /** Save results and rewrite BENCHMARKS.md. */
  readonly write: boolean;
  /** Only the load and the insight tasks; their results replace those saved for the scale. */
  readonly insight: boolean;
  /** Only the loads (browser, native replay, minimal native) and the memory after them; saves nothing. */
  readonly loadOnly: boolean;
  /** Time `npm run evaluate` per engine against hand-written native DuckDB instead of the browser. */
  readonly evaluate: boolean;
  /** Time the built app's first screen (cold starts, fresh profile) instead. */
  readonly firstScreen: boolean;
  /** With --first-screen: a built app folder (e.g. a build of main) timed in turn with this build. */
  readonly compare?: string;
  /** With --evaluate: also `--engine postgres` on this server. */
  readonly postgres?: string;
  /** With --evaluate: also `--engine clickhouse` with this URL. */
  readonly clickhouse?: string;
  /** With --evaluate: time the hand-written native DuckDB SQL too (off with --no-baseline). */
  readonly baseline: boolean;
  /** With --evaluate: SEGMENT_STUDIO_MEMORY_LIMIT for the native engine, e.g. 4GB. */
  readonly memoryLimit?: string;
}

export const USAGE = `npm run bench -- [--scale ${Object.keys(SCALES).join('|')}[,…]] [--layout long|per-type[,…]] [--runs 5] [--load-runs 3]
                 [--seed 42] [--port 4184] [--no-profile] [--no-write] [--insight | --load-only]
       npm run bench -- --first-screen [--runs 3] [--compare <built app folder>]
       npm run bench -- --evaluate [--scale 100k] [--runs 3] [--postgres postgres://user@host:port/db]
                 [--clickhouse http://host:port/?cluster=…&shards=…] [--memory-limit 4GB] [--no-baseline] [--no-write]`;

export function parseOptions(argv: readonly string[]): CliOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (
      arg === '--no-write' ||
      arg === '--no-profile' ||
      arg === '--help' ||
      arg === '--evaluate' ||
      arg === '--no-baseline' ||
      arg === '--insight' ||
      arg === '--load-only' ||
      arg === '--first-screen'
    )
      flags.add(arg);
    else if (arg.startsWith('--') && i + 1 < argv.length) values.set(arg, argv[++i]!);
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  const known = [
    '--scale',
    '--layout',
    '--runs',
    '--load-runs',
    '--seed',
    '--port',
    '--postgres',
    '--clickhouse',
    '--memory-limit',
    '--compare',
  ];
  for (const key of values.keys()) if (!known.includes(key)) throw new Error(`unknown option ${key}\n${USAGE}`);
  if (flags.has('--help')) throw new Error(USAGE);
  if (flags.has('--insight') && flags.has('--load-only')) throw new Error(`--insight and --load-only exclude each other\n${USAGE}`);
  const int = (key: string, fallback: number) => {
    const value = values.get(key);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${key} needs a whole number, got ${value}`);
    return n;
  };
  const scales = (values.get('--scale') ?? '100k').split(',');
  for (const scale of scales) if (!SCALES[scale]) throw new Error(`unknown scale ${scale}\n${USAGE}`);
  const layouts = (values.get('--layout') ?? 'long').split(',') as Layout[];
  for (const layout of layouts) if (!LAYOUTS.includes(layout)) throw new Error(`unknown layout ${layout}\n${USAGE}`);
  const loadRuns = values.has('--load-runs') ? Math.max(1, int('--load-runs', 1)) : undefined;
  return {
    scales,
    layouts,
    runs: Math.max(1, int('--runs', 5)),
    loadRuns,
    seed: int('--seed', 42),
    port: int('--port', 4184),
    profile: !flags.has('--no-profile'),
    write: !flags.has('--no-write'),
    insight: flags.has('--insight'),
    loadOnly: flags.has('--load-only'),
    evaluate: flags.has('--evaluate'),
    firstScreen: flags.has('--first-screen'),
    ...(values.has('--postgres') ? { postgres: values.get('--postgres')! } : {}),
    ...(values.has('--clickhouse') ? { clickhouse: values.get('--clickhouse')! } : {}),
    baseline: !flags.has('--no-baseline'),
    ...(values.has('--compare') ? { compare: values.get('--compare')! } : {}),
    ...(values.has('--memory-limit') ? { memoryLimit: values.get('--memory-limit')! } : {}),
  };
}
