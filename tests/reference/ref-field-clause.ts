/** One field clause on one value, as SPEC §3 words it: two-valued, null is false except isNull. */
import type { RefFieldType, RefValue } from './ref-data';
import { lowerLikeDuckDb } from './ref-text';
import { dayOf, dayOfValue, parseRefDateValue, relativeDay, relativeInstant, type Day, type RefUnit } from './ref-time';

export interface RefTime {
  /** Evaluation instant, epoch milliseconds. */
  readonly now: number;
  /** The segment's IANA zone. */
  readonly zone: string;
}

function fail(message: string): never {
  throw new Error(`reference: ${message}`);
}

function asList(arg: unknown): unknown[] {
  return Array.isArray(arg) && arg.length > 0 ? arg : fail(`expected a non-empty list, got ${JSON.stringify(arg)}`);
}

function asText(arg: unknown): string {
  return typeof arg === 'string' ? arg : fail(`expected text, got ${JSON.stringify(arg)}`);
}

function asNumber(arg: unknown): number {
  return typeof arg === 'number' ? arg : fail(`expected a number, got ${JSON.stringify(arg)}`);
}

function asPair(arg: unknown): [unknown, unknown] {
  return Array.isArray(arg) && arg.length === 2 ? [arg[0], arg[1]] : fail(`expected [a, b], got ${JSON.stringify(arg)}`);
}

function asSpan(arg: unknown): { n: number; unit: RefUnit } {
  const span = arg as { n?: unknown; unit?: unknown };
  return typeof span?.n === 'number' && typeof span.unit === 'string'
    ? (span as { n: number; unit: RefUnit })
    : fail('expected { n, unit }');
}

function textHolds(value: string, op: string, arg: unknown): boolean {
  const v = lowerLikeDuckDb(value);
  const lowered = (a: unknown) => lowerLikeDuckDb(asText(a));
  switch (op) {
    case 'eq':
      return v === lowered(arg);
    case 'neq':
      return v !== lowered(arg);
    case 'in':
      return asList(arg).some((a) => v === lowered(a));
    case 'notIn':
      return asList(arg).every((a) => v !== lowered(a));
    case 'contains':
      return v.includes(lowered(arg));
    case 'notContains':
      return !v.includes(lowered(arg));
    case 'beginsWith':
      return v.startsWith(lowered(arg));
    case 'endsWith':
      return v.endsWith(lowered(arg));
  }
  return fail(`text operator ${op}`);
}

function numberHolds(v: number, op: string, arg: unknown): boolean {
  switch (op) {
    case 'eq':
      return v === asNumber(arg);
    case 'neq':
      return v !== asNumber(arg);
    case 'lt':
      return v < asNumber(arg);
    case 'lte':
      return v <= asNumber(arg);
    case 'gt':
      return v > asNumber(arg);
    case 'gte':
      return v >= asNumber(arg);
    case 'between': {
      const [lo, hi] = asPair(arg);
      return asNumber(lo) <= v && v <= asNumber(hi);
    }
    case 'in':
      return asList(arg).some((a) => v === asNumber(a));
    case 'notIn':
      return asList(arg).every((a) => v !== asNumber(a));
  }
  return fail(`number operator ${op}`);
}

/** The calendar-day operators, shared by DATE and TIMESTAMP values once reduced to a day. */
function dayHolds(day: Day, op: string, arg: unknown, zone: string): boolean | undefined {
  const target = (a: unknown) => dayOfValue(parseRefDateValue(asText(a)), zone);
  switch (op) {
    case 'on':
      return day === target(arg);
    case 'before':
      return day < target(arg);
    case 'after':
      return day > target(arg);
    case 'onOrBefore':
      return day <= target(arg);
    case 'onOrAfter':
      return day >= target(arg);
    case 'between': {
      const [from, to] = asPair(arg);
      return target(from) <= day && day <= target(to);
    }
  }
  return undefined;
}

function dateHolds(day: Day, op: string, arg: unknown, time: RefTime): boolean {
  const byDay = dayHolds(day, op, arg, time.zone);
  if (byDay !== undefined) return byDay;
  const today = dayOf(time.now, time.zone);
  switch (op) {
    case 'inLast': {
      const { n, unit } = asSpan(arg);
      return relativeDay(time.now, n, unit, time.zone) <= day && day <= today;
    }
    case 'notInLast': {
      const { n, unit } = asSpan(arg);
      return day < relativeDay(time.now, n, unit, time.zone);
    }
  }
  return fail(`date operator ${op}`);
}

function timestampHolds(instant: number, op: string, arg: unknown, time: RefTime): boolean {
  const byDay = dayHolds(dayOf(instant, time.zone), op, arg, time.zone);
  if (byDay !== undefined) return byDay;
  switch (op) {
    case 'inLast': {
      const { n, unit } = asSpan(arg);
      return relativeInstant(time.now, n, unit, time.zone) <= instant && instant <= time.now;
    }
    case 'notInLast': {
      const { n, unit } = asSpan(arg);
      return instant < relativeInstant(time.now, n, unit, time.zone);
    }
  }
  return fail(`timestamp operator ${op}`);
}

function listHolds(list: readonly (string | null)[], op: string, arg: unknown): boolean {
  const stored = new Set(list.filter((x): x is string => x !== null).map(lowerLikeDuckDb));
  const wanted = asList(arg).map((a) => lowerLikeDuckDb(asText(a)));
  switch (op) {
    case 'containsAny':
      return wanted.some((w) => stored.has(w));
    case 'containsAll':
      return wanted.every((w) => stored.has(w));
    case 'containsNone':
      return !wanted.some((w) => stored.has(w));
  }
  return fail(`list operator ${op}`);
}

export function fieldClauseHolds(type: RefFieldType, value: RefValue, op: string, arg: unknown, time: RefTime): boolean {
  if (op === 'isNull') return value === null;
  if (op === 'isNotNull') return value !== null;
  if (value === null) return false;
  switch (type) {
    case 'text':
      return textHolds(value as string, op, arg);
    case 'number':
      return numberHolds(value as number, op, arg);
    case 'boolean':
      if (op === 'isTrue') return value === true;
      if (op === 'isFalse') return value === false;
      return fail(`boolean operator ${op}`);
    case 'date':
      return dateHolds(value as string, op, arg, time);
    case 'timestamp':
      return timestampHolds(value as number, op, arg, time);
    case 'textList':
      return listHolds(value as readonly (string | null)[], op, arg);
  }
}
