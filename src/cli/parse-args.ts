/** Arguments of `npm run evaluate` (SPEC §4). */
import { ENGINE_NAMES, type EngineName } from '../data/engines/engine';
import { timelineInstants, type TimelineStep } from '../engine/time';

export type { TimelineStep };

export interface Timeline {
  /** Epoch milliseconds. */
  readonly from: number;
  readonly to: number;
  readonly step: TimelineStep;
}

export interface EvaluateArgs {
  readonly data: string;
  readonly segments: string;
  readonly now: number;
  readonly members: boolean;
  readonly only?: string;
  readonly engine: EngineName;
  readonly url?: string;
  readonly timeline?: Timeline;
  readonly explain?: string;
}

export class UsageError extends Error {}

const USAGE =
  'usage: npm run --silent evaluate -- --data DIR --segments LIBRARY.json [--now 2026-11-29T00:00:00Z] [--members] [--only NAME]\n' +
  '       [--engine wasm|native|postgres|clickhouse] [--url URL] [--timeline FROM,TO,STEP] [--explain KEY]';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO date or timestamp as epoch ms; a date alone is midnight UTC, a time without a zone is UTC.
 * Every field must exist on the calendar: 2026-02-31 and 24:00 are refused, not rolled over.
 */
export function parseInstant(text: string, flag: string): number {
  const bad = () => new UsageError(`${flag}: "${text}" is not an ISO timestamp such as 2026-11-29T00:00:00Z`);
  const m = ISO.exec(text.trim());
  if (!m) throw bad();
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  const fraction = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  date.setUTCHours(hour!, minute!, second!, fraction);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month! - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  )
    throw bad();
  const zone = m[8];
  if (!zone || zone.toUpperCase() === 'Z') return date.getTime();
  const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  if (Number(hh) > 23 || Number(mm) > 59) throw bad();
  return date.getTime() - (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm)) * 60_000;
}

export const parseNow = (text: string): number => parseInstant(text, '--now');

function parseTimeline(text: string): Timeline {
  const parts = text.split(',');
  if (parts.length !== 3) throw new UsageError(`--timeline: "${text}" is not FROM,TO,STEP (e.g. 2026-01-01,2026-03-31,week)`);
  const from = parseInstant(parts[0]!, '--timeline FROM');
  const to = parseInstant(parts[1]!, '--timeline TO');
  const step = parts[2]!.trim();
  if (step !== 'day' && step !== 'week' && step !== 'month')
    throw new UsageError(`--timeline: STEP must be day, week or month, not "${step}"`);
  if (to < from) throw new UsageError(`--timeline: TO (${parts[1]}) is before FROM (${parts[0]})`);
  try {
    timelineInstants(from, to, step);
  } catch (error) {
    throw new UsageError(`--timeline: ${(error as Error).message}`);
  }
  return { from, to, step };
}

export function parseArgs(argv: readonly string[], clock: () => number = Date.now): EvaluateArgs {
  let data: string | undefined;
  let segments: string | undefined;
  let now: number | undefined;
  let members = false;
  let only: string | undefined;
  let engine: EngineName = 'wasm';
  let url: string | undefined;
  let timeline: Timeline | undefined;
  let explain: string | undefined;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (seen.has(flag) && flag.startsWith('--')) throw new UsageError(`${flag} is given twice\n${USAGE}`);
    seen.add(flag);
    switch (flag) {
      case '--data':
        data = value();
        break;
      case '--segments':
        segments = value();
        break;
      case '--now':
        now = parseNow(value());
        break;
      case '--members':
        if (inline !== undefined) throw new UsageError(`--members takes no value\n${USAGE}`);
        members = true;
        break;
      case '--only':
        only = value();
        break;
      case '--engine': {
        const name = value();
        if (!(ENGINE_NAMES as readonly string[]).includes(name))
          throw new UsageError(`--engine: "${name}" is not one of ${ENGINE_NAMES.join(', ')}\n${USAGE}`);
        engine = name as EngineName;
        break;
      }
      case '--url':
        url = value();
        break;
      case '--timeline':
        timeline = parseTimeline(value());
        break;
      case '--explain':
        explain = value();
        break;
      default:
        throw new UsageError(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (data === undefined) throw new UsageError(`--data is required\n${USAGE}`);
  if (segments === undefined) throw new UsageError(`--segments is required\n${USAGE}`);
  if (timeline) {
    const clash = [now !== undefined && '--now', members && '--members', explain !== undefined && '--explain'].filter(Boolean);
    if (clash.length) throw new UsageError(`--timeline cannot be combined with ${clash.join(' or ')}\n${USAGE}`);
  }
  if (explain !== undefined && only === undefined) throw new UsageError(`--explain needs --only NAME\n${USAGE}`);
  if ((engine === 'postgres' || engine === 'clickhouse') && url === undefined)
    throw new UsageError(
      `--engine ${engine} needs --url (e.g. ${engine === 'postgres' ? 'postgres://user@127.0.0.1:5432/db' : 'http://127.0.0.1:8123'})\n${USAGE}`,
    );
  if (url !== undefined && (engine === 'wasm' || engine === 'native'))
    throw new UsageError(`--url applies only to --engine postgres or clickhouse\n${USAGE}`);
  return {
    data,
    segments,
    now: now ?? clock(),
    members,
    engine,
    ...(only !== undefined ? { only } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(timeline ? { timeline } : {}),
    ...(explain !== undefined ? { explain } : {}),
  };
}
