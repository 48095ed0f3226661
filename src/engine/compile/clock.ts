/**
 * Where "now" enters a compiled segment. A plain evaluation has one instant and the clock
 * gives literals; a timeline evaluates many instants in one query and its clock gives columns
 * of a series of instants (`SeriesClock`). Either way every bound is computed in TypeScript
 * (time.ts), because the engines have no time zones.
 */
import type { RelativeSpan } from '../library-schema';
import type { Expr, Query } from '../sql/ast';
import * as q from '../sql/build';
import { dayOf, subtractSpan, subtractSpanFromDate } from '../time';

export interface Clock {
  /** The evaluation instant (a TIMESTAMP). */
  now(): Expr;
  /** `now - span` on the local clock of `zone` (a TIMESTAMP). */
  before(span: RelativeSpan, zone: string): Expr;
  /** Now's calendar date in `zone` (a DATE). */
  today(zone: string): Expr;
  /** `today - span` (a DATE). */
  todayBefore(span: RelativeSpan, zone: string): Expr;
}

/** The literal values of one instant. */
function valuesAt(now: number) {
  return {
    now: () => q.timestamp(now),
    before: (span: RelativeSpan, zone: string) => q.timestamp(subtractSpan(now, span, zone)),
    today: (zone: string) => q.date(dayOf(now, zone)),
    todayBefore: (span: RelativeSpan, zone: string) => q.date(subtractSpanFromDate(dayOf(now, zone), span)),
  };
}

export const fixedClock = (now: number): Clock => valuesAt(now);

/** The column of the series that holds the instant's position (0, 1, …). */
export const STEP_COLUMN = 'k';
/** The position of the instant before (-1 for the first). */
export const PREVIOUS_COLUMN = 'prev';

/** A column of the series: its value at instant `k` (which may read the instants around it). */
type SeriesValue = (instants: readonly number[], k: number) => Expr;

/**
 * A clock whose values are columns of the series row `alias`: each bound a compiled query asks
 * for becomes one column, and `seriesQuery` then computes every column for every instant.
 */
export class SeriesClock implements Clock {
  private readonly columns = new Map<string, { name: string; value: SeriesValue }>();

  constructor(readonly alias: string) {}

  private column(id: string, value: SeriesValue): Expr {
    let column = this.columns.get(id);
    if (!column) {
      column = { name: `t${this.columns.size}`, value };
      this.columns.set(id, column);
    }
    return q.col(this.alias, column.name);
  }

  now(): Expr {
    return this.column('now', (instants, k) => valuesAt(instants[k]!).now());
  }
  before(span: RelativeSpan, zone: string): Expr {
    return this.column(`before ${span.n} ${span.unit} ${zone}`, (instants, k) => valuesAt(instants[k]!).before(span, zone));
  }
  today(zone: string): Expr {
    return this.column(`today ${zone}`, (instants, k) => valuesAt(instants[k]!).today(zone));
  }
  todayBefore(span: RelativeSpan, zone: string): Expr {
    return this.column(`todayBefore ${span.n} ${span.unit} ${zone}`, (instants, k) => valuesAt(instants[k]!).todayBefore(span, zone));
  }
  /** The instant before this one (at the first instant, the first instant itself: test the position too). */
  previousNow(): Expr {
    return this.column('previous now', (instants, k) => valuesAt(instants[Math.max(0, k - 1)]!).now());
  }
  /**
   * The next instant's `before(span, zone)`; after the last instant, a millisecond past it, so
   * that every interaction up to the last instant falls before it.
   */
  nextBefore(span: RelativeSpan, zone: string): Expr {
    return this.column(`nextBefore ${span.n} ${span.unit} ${zone}`, (instants, k) =>
      k + 1 < instants.length ? valuesAt(instants[k + 1]!).before(span, zone) : q.timestamp(instants[k]! + 1),
    );
  }

  /** One row per instant: its position, the previous position, and every column asked for so far. */
  seriesQuery(instants: readonly number[]): Query {
    const rows = instants.map((_, k) =>
      q.select([
        q.as(q.num(k), STEP_COLUMN),
        q.as(q.num(k - 1), PREVIOUS_COLUMN),
        ...[...this.columns.values()].map((c) => q.as(c.value(instants, k), c.name)),
      ]),
    );
    return unionAll(rows);
  }
}

/** Rows of distinct queries combined in a balanced tree, so the SQL nests only log2(n) deep. */
export function unionAll(queries: readonly Query[]): Query {
  if (queries.length === 0) throw new Error('nothing to combine');
  if (queries.length === 1) return queries[0]!;
  const half = Math.ceil(queries.length / 2);
  return q.setOperation('UNION', unionAll(queries.slice(0, half)), unionAll(queries.slice(half)));
}
