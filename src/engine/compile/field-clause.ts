/** Compiles one field clause (SPEC §3 operators) into a SQL predicate over a column. */
import type { FieldType } from '../catalog';
import type { FieldClause, RelativeSpan } from '../library-schema';
import type { Expr } from '../sql/ast';
import * as q from '../sql/build';
import { addDaysToDate, dayOfValue, parseDateValue, startOfDay, type CalendarDate } from '../time';
import { fixedClock, type Clock } from './clock';

export interface TimeContext {
  /** Evaluation instant, epoch milliseconds. */
  readonly now: number;
  /** IANA zone of the segment. */
  readonly timeZone: string;
  /** Where now-relative values come from; literals of `now` unless a timeline evaluates many instants at once. */
  readonly clock?: Clock;
}

export const clockOf = (time: TimeContext): Clock => time.clock ?? fixedClock(time.now);

/** Thrown when a clause reaches the compiler without having been validated. */
export class CompileError extends Error {}

function fail(message: string): never {
  throw new CompileError(message);
}

function textValue(value: unknown): Expr {
  return typeof value === 'string' ? q.lower(q.text(value)) : fail(`expected a text value, got ${JSON.stringify(value)}`);
}

function numberValue(value: unknown): Expr {
  return typeof value === 'number' && Number.isFinite(value) ? q.num(value) : fail(`expected a number, got ${JSON.stringify(value)}`);
}

function valueList(value: unknown): unknown[] {
  return Array.isArray(value) && value.length > 0 ? value : fail('expected a non-empty list of values');
}

function pair(value: unknown): [unknown, unknown] {
  return Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : fail('expected two values [from, to]');
}

function day(value: unknown, time: TimeContext): CalendarDate {
  const parsed = parseDateValue(value);
  return typeof parsed === 'string' ? fail(parsed) : dayOfValue(parsed, time.timeZone);
}

function span(value: unknown): RelativeSpan {
  const s = value as RelativeSpan;
  return s && typeof s.n === 'number' && typeof s.unit === 'string' ? s : fail('expected { "n": N, "unit": U }');
}

function textClause(column: Expr, op: FieldClause['op'], value: unknown): Expr {
  const lowered = q.lower(column);
  switch (op) {
    case 'eq':
      return q.compare('=', lowered, textValue(value));
    case 'neq':
      return q.compare('<>', lowered, textValue(value));
    case 'in':
      return q.inList(lowered, valueList(value).map(textValue));
    case 'notIn':
      return q.inList(lowered, valueList(value).map(textValue), true);
    case 'contains':
      return q.call('contains', lowered, textValue(value));
    case 'notContains':
      return q.not(q.call('contains', lowered, textValue(value)));
    case 'beginsWith':
      return q.call('starts_with', lowered, textValue(value));
    case 'endsWith':
      return q.call('ends_with', lowered, textValue(value));
    default:
      return fail(`operator ${op} does not apply to text`);
  }
}

function numberClause(column: Expr, op: FieldClause['op'], value: unknown): Expr {
  const comparisons = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
  if (op in comparisons) return q.compare(comparisons[op as keyof typeof comparisons], column, numberValue(value));
  switch (op) {
    case 'between': {
      const [low, high] = pair(value);
      return q.between(column, numberValue(low), numberValue(high));
    }
    case 'in':
      return q.inList(column, valueList(value).map(numberValue));
    case 'notIn':
      return q.inList(column, valueList(value).map(numberValue), true);
    default:
      return fail(`operator ${op} does not apply to numbers`);
  }
}

function listClause(column: Expr, op: FieldClause['op'], value: unknown): Expr {
  const wanted = q.list(valueList(value).map(textValue));
  const hasAny = q.call('list_has_any', q.lowerEach(column), wanted);
  switch (op) {
    case 'containsAny':
      return hasAny;
    case 'containsAll':
      return q.call('list_has_all', q.lowerEach(column), wanted);
    case 'containsNone':
      return q.not(hasAny);
    default:
      return fail(`operator ${op} does not apply to lists`);
  }
}

/** On a timestamp, day D runs from the start of D to the start of D+1 in the segment's zone. */
function timestampClause(column: Expr, op: FieldClause['op'], value: unknown, time: TimeContext): Expr {
  const zone = time.timeZone;
  const start = (d: CalendarDate) => q.timestamp(startOfDay(d, zone));
  const startAfter = (d: CalendarDate) => q.timestamp(startOfDay(addDaysToDate(d, 1), zone));
  switch (op) {
    case 'on': {
      const d = day(value, time);
      return q.and(q.compare('>=', column, start(d)), q.compare('<', column, startAfter(d)));
    }
    case 'before':
      return q.compare('<', column, start(day(value, time)));
    case 'after':
      return q.compare('>=', column, startAfter(day(value, time)));
    case 'onOrBefore':
      return q.compare('<', column, startAfter(day(value, time)));
    case 'onOrAfter':
      return q.compare('>=', column, start(day(value, time)));
    case 'between': {
      const [from, to] = pair(value);
      return q.and(q.compare('>=', column, start(day(from, time))), q.compare('<', column, startAfter(day(to, time))));
    }
    case 'inLast':
      return q.between(column, clockOf(time).before(span(value), zone), clockOf(time).now());
    case 'notInLast':
      return q.compare('<', column, clockOf(time).before(span(value), zone));
    default:
      return fail(`operator ${op} does not apply to timestamps`);
  }
}

/** A DATE is a calendar date with no zone: day operators compare it directly. */
function dateClause(column: Expr, op: FieldClause['op'], value: unknown, time: TimeContext): Expr {
  const comparisons = { on: '=', before: '<', after: '>', onOrBefore: '<=', onOrAfter: '>=' } as const;
  if (op in comparisons) return q.compare(comparisons[op as keyof typeof comparisons], column, q.date(day(value, time)));
  const clock = clockOf(time);
  switch (op) {
    case 'between': {
      const [from, to] = pair(value);
      return q.between(column, q.date(day(from, time)), q.date(day(to, time)));
    }
    case 'inLast':
      return q.between(column, clock.todayBefore(span(value), time.timeZone), clock.today(time.timeZone));
    case 'notInLast':
      return q.compare('<', column, clock.todayBefore(span(value), time.timeZone));
    default:
      return fail(`operator ${op} does not apply to dates`);
  }
}

/**
 * The predicate may be NULL when the column is NULL; callers treat NULL as false, and `not`
 * coalesces its operand, which makes every clause two-valued as SPEC §3 requires.
 */
export function compileFieldClause(column: Expr, type: FieldType, clause: FieldClause, time: TimeContext): Expr {
  const { op, value } = clause;
  if (op === 'isNull') return q.isNull(column);
  if (op === 'isNotNull') return q.isNull(column, true);
  switch (type) {
    case 'text':
      return textClause(column, op, value);
    case 'number':
      return numberClause(column, op, value);
    case 'boolean':
      if (op === 'isTrue') return q.compare('=', column, q.TRUE);
      if (op === 'isFalse') return q.compare('=', column, q.FALSE);
      return fail(`operator ${op} does not apply to booleans`);
    case 'timestamp':
      return timestampClause(column, op, value, time);
    case 'date':
      return dateClause(column, op, value, time);
    case 'textList':
      return listClause(column, op, value);
    case 'other':
      return fail(`operator ${op} does not apply to this field; only isNull and isNotNull do`);
  }
}
