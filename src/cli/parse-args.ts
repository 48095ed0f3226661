/** Arguments of `npm run evaluate` (SPEC §4). */

export interface EvaluateArgs {
  readonly data: string;
  readonly segments: string;
  readonly now: number;
  readonly members: boolean;
  readonly only?: string;
}

export class UsageError extends Error {}

const USAGE =
  'usage: npm run --silent evaluate -- --data DIR --segments LIBRARY.json [--now 2026-11-29T00:00:00Z] [--members] [--only NAME]';

export function parseNow(text: string): number {
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(withZone) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--now: "${text}" is not an ISO timestamp such as 2026-11-29T00:00:00Z`);
  return ms;
}

export function parseArgs(argv: readonly string[], clock: () => number = Date.now): EvaluateArgs {
  let data: string | undefined;
  let segments: string | undefined;
  let now: number | undefined;
  let members = false;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
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
      default:
        throw new UsageError(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (data === undefined) throw new UsageError(`--data is required\n${USAGE}`);
  if (segments === undefined) throw new UsageError(`--segments is required\n${USAGE}`);
  return { data, segments, now: now ?? clock(), members, ...(only !== undefined ? { only } : {}) };
}
