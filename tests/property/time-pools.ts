/**
 * Zones, evaluation instants and the instants and dates the random data clusters around:
 * exactly on relative bounds, on day starts in the zone (± a second), on DST transitions.
 * Computed with the reference's own time functions; a wrong pool would only make values
 * less sharp, never make the comparison wrong.
 */
import {
  dayOf,
  dayOfWall,
  instantOfWall,
  relativeDay,
  relativeInstant,
  subtractFromWall,
  wallOf,
  wallOfDay,
  type RefUnit,
} from '../reference/ref-time';

export const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Asia/Kolkata',
  'Pacific/Chatham',
] as const;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const SCAN_FROM = Date.UTC(2024, 0, 1);
const SCAN_TO = Date.UTC(2027, 11, 31);

const offset = (instant: number, zone: string) => wallOf(instant, zone) - instant;

const transitionCache = new Map<string, number[]>();

/** Instants at which the zone's offset changes, 2024–2027, to the minute. */
export function transitions(zone: string): number[] {
  const known = transitionCache.get(zone);
  if (known) return known;
  const found: number[] = [];
  for (let t = SCAN_FROM; t < SCAN_TO; t += DAY_MS) {
    if (offset(t, zone) === offset(t + DAY_MS, zone)) continue;
    let [lo, hi] = [t, t + DAY_MS];
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offset(mid, zone) === offset(t, zone)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  transitionCache.set(zone, found);
  return found;
}

const FIXED_NOWS = [
  '2026-03-31T12:00:00Z',
  '2024-03-31T23:30:00Z',
  '2024-02-29T10:00:00Z',
  '2025-12-31T23:59:59.999Z',
  '2026-01-01T00:00:00Z',
  '2026-05-31T00:30:00Z',
  '2026-06-30T22:00:00Z',
  '2025-03-01T11:00:00.500Z',
].map(Date.parse);

/** Evaluation instants where relative bounds land on DST gaps, repeated hours and clamped months. */
export function interestingNows(zone: string): number[] {
  const nows = [...FIXED_NOWS];
  for (const t of transitions(zone).filter((t) => t >= Date.UTC(2025, 0, 1) && t < Date.UTC(2027, 0, 1))) {
    const before = wallOf(t - 1, zone) + 1;
    const after = wallOf(t, zone);
    const inside = Math.min(before, after) + Math.abs(after - before) / 2;
    nows.push(t, t - 1, t + 1, t + 3_600_000, t - 3_600_000);
    for (const later of [
      inside + DAY_MS,
      inside + 7 * DAY_MS,
      subtractFromWall(inside, -1, 'month'),
      subtractFromWall(inside, -1, 'year'),
    ]) {
      nows.push(instantOfWall(later, zone));
    }
    nows.push(instantOfWall(wallOfDay(dayOfWall(after + DAY_MS)), zone));
  }
  return nows;
}

export const SPANS: readonly { n: number; unit: RefUnit }[] = [
  { n: 1, unit: 'day' },
  { n: 2, unit: 'day' },
  { n: 7, unit: 'day' },
  { n: 30, unit: 'day' },
  { n: 1, unit: 'week' },
  { n: 2, unit: 'week' },
  { n: 1, unit: 'month' },
  { n: 3, unit: 'month' },
  { n: 13, unit: 'month' },
  { n: 1, unit: 'year' },
  { n: 2, unit: 'year' },
];

function shiftDay(day: string, days: number): string {
  return dayOfWall(wallOfDay(day) + days * DAY_MS);
}

export interface TimePools {
  readonly zone: string;
  readonly now: number;
  /** Instants exactly on a boundary a segment in `zone` may draw at `now`: now, now - span, day starts, DST transitions. */
  readonly exact: readonly number[];
  /** The same boundaries a millisecond or a second either side. */
  readonly near: readonly number[];
  /** Calendar days on and around the same boundaries. */
  readonly days: readonly string[];
  /** Spans whose bound at `now` lands in a DST gap, a repeated hour, or a clamped month end. */
  readonly focusSpans: readonly { n: number; unit: RefUnit }[];
  /** Around those bounds: where another reading of the rules would put them (± 30 min, ± 1 h), ± 1 ms. */
  readonly focusInstants: readonly number[];
}

/** Does `now - span` need one of the special rules: a gap, a repeated local time, or month clamping? */
function isTricky(now: number, span: { n: number; unit: RefUnit }, zone: string): boolean {
  const wall = wallOf(now, zone);
  const target = subtractFromWall(wall, span.n, span.unit);
  const bound = instantOfWall(target, zone);
  const gap = wallOf(bound, zone) !== target;
  const repeated = [1_800_000, 3_600_000].some((d) => wallOf(bound + d, zone) === target);
  const clamped = (span.unit === 'month' || span.unit === 'year') && new Date(target).getUTCDate() !== new Date(wall).getUTCDate();
  return gap || repeated || clamped;
}

export function timePools(zone: string, now: number): TimePools {
  const today = dayOf(now, zone);
  const exact = new Set<number>([now]);
  const days = new Set<string>([today, shiftDay(today, -1), shiftDay(today, 1), '2024-02-29', '2024-02-28', '2024-03-01', '1969-12-31']);
  const dayStarts = new Set([today, shiftDay(today, -1), shiftDay(today, 1), shiftDay(today, -7)]);
  for (const { n, unit } of SPANS) {
    exact.add(relativeInstant(now, n, unit, zone));
    const boundDay = relativeDay(now, n, unit, zone);
    for (const d of [-1, 0, 1]) days.add(shiftDay(boundDay, d));
    dayStarts.add(boundDay);
  }
  for (const t of transitions(zone).filter((t) => Math.abs(t - now) < 400 * DAY_MS)) {
    exact.add(t);
    const day = dayOf(t, zone);
    for (const d of [day, shiftDay(day, 1)]) {
      days.add(d);
      dayStarts.add(d);
    }
  }
  for (const day of dayStarts) exact.add(instantOfWall(wallOfDay(day), zone));
  // A day after now, and instants far from it: before 1970, at the epoch, in 1900 and 2100.
  const near = new Set<number>([now + DAY_MS, -1, 0, Date.UTC(1900, 0, 1), Date.UTC(2100, 0, 1)]);
  for (const t of exact) for (const d of [-1000, -1, 1, 1000]) near.add(t + d);
  const sorted = (values: Set<number>) => [...values].sort((a, b) => a - b);
  const focusSpans = SPANS.filter((span) => isTricky(now, span, zone));
  const focusInstants = new Set<number>();
  for (const { n, unit } of focusSpans) {
    const bound = relativeInstant(now, n, unit, zone);
    for (const shift of [-3_600_000, -1_800_000, 0, 1_800_000, 3_600_000]) for (const d of [-1, 0, 1]) focusInstants.add(bound + shift + d);
  }
  return { zone, now, exact: sorted(exact), near: sorted(near), days: [...days].sort(), focusSpans, focusInstants: sorted(focusInstants) };
}
