/**
 * Calendar and time-zone arithmetic for relative dates (SPEC §3 "Relative bounds"). DuckDB-WASM
 * has no time-zone support, so every boundary is computed here and reaches SQL as a UTC instant.
 *
 * Instants are epoch milliseconds. A "wall" time is the local clock reading of a zone, encoded
 * as the epoch milliseconds it would have in UTC, so plain calendar math applies to it.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
// One module per function: the package's index loads every function it has.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { subDays } from 'date-fns/subDays';
import { subMonths } from 'date-fns/subMonths';
import { subWeeks } from 'date-fns/subWeeks';
import { subYears } from 'date-fns/subYears';
import type { RelativeSpan, TimeUnit } from './library-schema';

const DAY_MS = 86_400_000;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function offsetMs(zone: string, instant: number): number {
  return tzOffset(zone, new Date(instant)) * 60_000;
}

export function instantToWall(instant: number, zone: string): number {
  return instant + offsetMs(zone, instant);
}

/**
 * The instant a wall time names in `zone`. An ambiguous time (clocks going back) takes the
 * earlier instant; a time that does not exist (clocks going forward) moves forward by the gap.
 */
export function wallToInstant(wall: number, zone: string): number {
  const before = offsetMs(zone, wall - DAY_MS);
  const after = offsetMs(zone, wall + DAY_MS);
  const candidates = [wall - before, wall - after].filter((t) => offsetMs(zone, t) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

const SUBTRACT: Record<TimeUnit, (date: TZDate, n: number) => TZDate> = {
  day: subDays,
  week: subWeeks,
  month: subMonths,
  year: subYears,
};

/** The earliest and latest instants JavaScript dates hold (±100,000,000 days from 1970). */
const EARLIEST = -8.64e15;
const LATEST = 8.64e15;

/**
 * Subtracts n calendar units from a wall time; months and years clamp to the month's end.
 * A span reaching before the earliest JavaScript date ends there: far beyond any data.
 */
function subtractFromWall(wall: number, span: RelativeSpan): number {
  const result = SUBTRACT[span.unit](new TZDate(wall, 'UTC'), span.n).getTime();
  return Number.isNaN(result) || result < EARLIEST ? EARLIEST : result;
}

/** Zones have no offsets worth computing this close to the ends of the JavaScript range. */
const nearTheEnds = (wall: number) => wall < EARLIEST + 2 * DAY_MS || wall > LATEST - 2 * DAY_MS;

/** `now - n units` on the local clock of `zone`, as an instant. */
export function subtractSpan(now: number, span: RelativeSpan, zone: string): number {
  const wall = subtractFromWall(instantToWall(now, zone), span);
  return nearTheEnds(wall) ? wall : wallToInstant(wall, zone);
}

/** A calendar date `YYYY-MM-DD`, with no zone. */
export type CalendarDate = string;

function wallOfDate(date: CalendarDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Years past 9999 or before 0000 come out in ISO's extended form, e.g. `+010000-01-01`. */
function dateOfWall(wall: number): CalendarDate {
  return new Date(Math.min(Math.max(wall, EARLIEST), LATEST)).toISOString().split('T')[0]!;
}

export function startOfDay(date: CalendarDate, zone: string): number {
  const wall = wallOfDate(date);
  return nearTheEnds(wall) ? wall : wallToInstant(wall, zone);
}

export function startOfNextDay(date: CalendarDate, zone: string): number {
  return startOfDay(addDaysToDate(date, 1), zone);
}

export function dayOf(instant: number, zone: string): CalendarDate {
  return dateOfWall(instantToWall(instant, zone));
}

export function addDaysToDate(date: CalendarDate, days: number): CalendarDate {
  return dateOfWall(addDays(new TZDate(wallOfDate(date), 'UTC'), days).getTime());
}

export function subtractSpanFromDate(date: CalendarDate, span: RelativeSpan): CalendarDate {
  return dateOfWall(subtractFromWall(wallOfDate(date), span));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export type DateValue = { kind: 'date'; date: CalendarDate } | { kind: 'instant'; instant: number };

/** Years 0001 to 9999; `Date.UTC` would read 0001-0099 as 1901-1999, so the year is set apart. */
function realDate(y: string, m: string, d: string): boolean {
  if (Number(y) < 1) return false;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(m) - 1, Number(d));
  return dateOfWall(date.getTime()) === `${y}-${m}-${d}`;
}

/**
 * A date value of a condition: `YYYY-MM-DD`, or an ISO timestamp with `Z` or an offset.
 * Returns an error message for anything else, including a timestamp without a zone.
 */
export function parseDateValue(value: unknown): DateValue | string {
  if (typeof value !== 'string') return `expected a date "YYYY-MM-DD" or an ISO timestamp with a zone, got ${JSON.stringify(value)}`;
  const date = DATE_ONLY.exec(value);
  if (date) {
    return realDate(date[1]!, date[2]!, date[3]!) ? { kind: 'date', date: value } : `"${value}" is not a calendar date`;
  }
  const instant = ISO_INSTANT.exec(value);
  if (instant) {
    const ms = Date.parse(value);
    if (!realDate(instant[1]!, instant[2]!, instant[3]!) || Number.isNaN(ms)) return `"${value}" is not a valid timestamp`;
    return { kind: 'instant', instant: ms };
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) {
    return `the timestamp "${value}" has no zone: add "Z" or an offset such as "+01:00"`;
  }
  return `"${value}" is not a date "YYYY-MM-DD" or an ISO timestamp with a zone`;
}

/** The calendar day a date value names in `zone`. */
export function dayOfValue(value: DateValue, zone: string): CalendarDate {
  return value.kind === 'date' ? value.date : dayOf(value.instant, zone);
}

/** How far apart a timeline's instants are (SPEC §4 `--timeline`). */
export type TimelineStep = 'day' | 'week' | 'month';

/** Most instants one timeline may have. */
export const MAX_TIMELINE_INSTANTS = 1000;

/**
 * FROM, FROM + 1 step, … up to and including TO, in UTC calendar arithmetic. Months are always
 * counted from FROM (FROM + k months) and clamp to the end of the month: 31 January, 28 February, 31 March.
 */
export function timelineInstants(from: number, to: number, step: TimelineStep): number[] {
  const start = new TZDate(from, 'UTC');
  const at = (k: number) => (step === 'month' ? addMonths(start, k) : addDays(start, step === 'week' ? 7 * k : k)).getTime();
  const instants: number[] = [];
  for (let k = 0; at(k) <= to; k++) {
    if (instants.length === MAX_TIMELINE_INSTANTS)
      throw new RangeError(
        `a timeline has at most ${MAX_TIMELINE_INSTANTS} instants; this one has more: choose a longer step or a shorter span`,
      );
    instants.push(at(k));
  }
  return instants;
}
