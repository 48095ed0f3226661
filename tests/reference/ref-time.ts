/**
 * Time-zone and calendar arithmetic for the reference evaluator, written from SPEC §3 alone and
 * deliberately independent of src/engine/time.ts: local clocks come straight from
 * Intl.DateTimeFormat, calendar fields are handled by hand.
 *
 * A "wall" value is a local clock reading encoded as the epoch milliseconds that reading would
 * have in UTC, so Date.UTC arithmetic applies to it.
 */

const DAY_MS = 86_400_000;

export type RefUnit = 'day' | 'week' | 'month' | 'year';

/** A calendar date `YYYY-MM-DD`. Such strings compare correctly as text. */
export type Day = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

const wallCache = new Map<string, number>();

/** The local clock reading of `instant` in `zone`. */
export function wallOf(instant: number, zone: string): number {
  const cacheKey = `${zone}|${instant}`;
  const cached = wallCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const millis = ((instant % 1000) + 1000) % 1000;
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant - millis))) parts[part.type] = part.value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const wall =
    Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) + millis;
  if (wallCache.size > 200_000) wallCache.clear();
  wallCache.set(cacheKey, wall);
  return wall;
}

function offsetAt(instant: number, zone: string): number {
  return wallOf(instant, zone) - instant;
}

/**
 * The instant whose local clock in `zone` reads `wall`. When the clock reading happens twice
 * (clocks going back) the earlier instant is taken — SPEC §3 is silent on this, the product
 * makes the same choice. A reading inside a gap moves forward by the gap (SPEC §3).
 */
export function instantOfWall(wall: number, zone: string): number {
  const offsets = new Set([-2, -1, 0, 1, 2].map((d) => offsetAt(wall + d * DAY_MS, zone)));
  const exact = [...offsets].map((o) => wall - o).filter((t) => wallOf(t, zone) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: the clock still showed the earlier offset at `wall - laterOffset`.
  const later = Math.max(...offsets);
  return wall - offsetAt(wall - later, zone);
}

export function dayOfWall(wall: number): Day {
  return new Date(wall).toISOString().slice(0, 10);
}

export function wallOfDay(day: Day): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** The calendar day an instant falls on in `zone`. */
export function dayOf(instant: number, zone: string): Day {
  return dayOfWall(wallOf(instant, zone));
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** Subtracts n calendar units from a wall time; months and years clamp to the end of the month. */
export function subtractFromWall(wall: number, n: number, unit: RefUnit): number {
  if (unit === 'day') return wall - n * DAY_MS;
  if (unit === 'week') return wall - 7 * n * DAY_MS;
  const d = new Date(wall);
  const timeOfDay = wall - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const months = d.getUTCFullYear() * 12 + d.getUTCMonth() - (unit === 'month' ? n : 12 * n);
  const year = Math.floor(months / 12);
  const monthIndex = months - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, monthIndex));
  return Date.UTC(year, monthIndex, day) + timeOfDay;
}

/** `now - n units` on the local clock of `zone`, as an instant. */
export function relativeInstant(now: number, n: number, unit: RefUnit, zone: string): number {
  return instantOfWall(subtractFromWall(wallOf(now, zone), n, unit), zone);
}

/** `today - n units` where today is now's date in `zone`. */
export function relativeDay(now: number, n: number, unit: RefUnit, zone: string): Day {
  return dayOfWall(subtractFromWall(wallOfDay(dayOf(now, zone)), n, unit));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

export type RefDateValue = { kind: 'date'; day: Day } | { kind: 'instant'; instant: number };

/** A condition's date value: `YYYY-MM-DD`, or an ISO timestamp with `Z` or an offset. */
export function parseRefDateValue(text: string): RefDateValue {
  if (DATE_ONLY.test(text)) return { kind: 'date', day: text };
  const m = WITH_ZONE.exec(text);
  if (!m) throw new Error(`reference: not a date value: ${text}`);
  const millis = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) + millis;
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return { kind: 'instant', instant: wall - offsetMinutes * 60_000 };
}

/** Day operators reduce a timestamp value to its calendar day in the segment's zone. */
export function dayOfValue(value: RefDateValue, zone: string): Day {
  return value.kind === 'date' ? value.day : dayOf(value.instant, zone);
}
