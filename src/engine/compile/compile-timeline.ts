/**
 * A segment over a series of instants (SPEC §4 `--timeline`): one query whose rows are pairs
 * `k`, `id` — the contacts that are members at instant k. Where the definition allows, the
 * query reads the data once for every instant (the series joined to the interactions, or to the
 * contacts); a profile segment whose time-dependent part lies under a `related` condition is
 * evaluated instant by instant instead (docs/EXPLAIN-AND-TIMELINE.md).
 */
import type { Catalog } from '../catalog';
import type { Combine, Condition, Segment } from '../library-schema';
import type { Query, SetOperator } from '../sql/ast';
import * as q from '../sql/build';
import { STEP_COLUMN, unionAll, type SeriesClock } from './clock';
import {
  compileNonMembersOverSeries,
  compileSegment,
  CompileError,
  DEFAULT_COUNT,
  dependsOnNow,
  holdsAtZero,
  MEMBER_COLUMN,
  SET_OPERATORS,
} from './compile-segment';

export interface TimelineCompileOptions {
  readonly catalog: Catalog;
  /** The table of `clock.seriesQuery(instants)`. */
  readonly series: { readonly table: string; readonly clock: SeriesClock };
  readonly instants: readonly number[];
  /** The pairs of a referenced segment (a table of earlier results). */
  readonly segmentPairs: (name: string) => TimelinePairs;
}

/**
 * Rows `k`, `id`: the members at instant k, or with `complement` the contacts that are not
 * (every other pair of an instant and a contact is a member). A count test that holds at zero
 * selects most contacts at every instant; its few non-members are the cheaper pairs to build,
 * and compound steps combine either kind without listing every member.
 */
export interface TimelinePairs {
  readonly query: Query;
  readonly complement: boolean;
}

/** One step of a compound over pairs of either kind, by De Morgan's laws (¬A is all pairs but A). */
function combinePairs(combine: Combine, left: TimelinePairs, right: TimelinePairs): TimelinePairs {
  const set = (op: SetOperator, a: Query, b: Query, complement: boolean): TimelinePairs => ({
    query: q.setOperation(op, a, b),
    complement,
  });
  const [a, b] = [left.query, right.query];
  if (!left.complement && !right.complement) return set(SET_OPERATORS[combine], a, b, false);
  if (!left.complement)
    // A with ¬B
    return combine === 'union' ? set('EXCEPT', b, a, true) : set(combine === 'intersect' ? 'EXCEPT' : 'INTERSECT', a, b, false);
  if (!right.complement)
    // ¬A with B
    return combine === 'union'
      ? set('EXCEPT', a, b, true)
      : combine === 'intersect'
        ? set('EXCEPT', b, a, false)
        : set('UNION', a, b, true);
  // ¬A with ¬B
  return combine === 'union'
    ? set('INTERSECT', a, b, true)
    : combine === 'intersect'
      ? set('UNION', a, b, true)
      : set('EXCEPT', b, a, false);
}

export type TimelinePass = 'one pass' | 'per instant';

/**
 * A part that depends on now below a `related` subquery would need a correlated subquery. An
 * interaction condition does not: its members at every instant are joined to the contacts.
 */
function needsPerInstant(condition: Condition): boolean {
  if ('and' in condition) return condition.and.some(needsPerInstant);
  if ('or' in condition) return condition.or.some(needsPerInstant);
  if ('not' in condition) return needsPerInstant(condition.not);
  if ('related' in condition) return dependsOnNow(condition);
  return false;
}

export function timelinePass(segment: Segment): TimelinePass {
  if (segment.kind !== 'profile') return 'one pass';
  return segment.query.groups.some((g) => g.where !== undefined && needsPerInstant(g.where)) ? 'per instant' : 'one pass';
}

export function compileTimelineSegment(segment: Segment, options: TimelineCompileOptions): TimelinePairs {
  if (segment.kind === 'compound') {
    const [first, ...rest] = segment.query.steps;
    if (!first) throw new CompileError('nothing to combine');
    return rest.reduce((pairs, step) => {
      if (!step.combine) throw new CompileError('every step after the first needs combine');
      return combinePairs(step.combine, pairs, options.segmentPairs(step.segment));
    }, options.segmentPairs(first.segment));
  }
  const compile = { catalog: options.catalog, now: Number.NaN, segmentQuery: noSegments, series: options.series };
  if (segment.kind === 'interaction' && holdsAtZero(segment.query.measure, segment.query.count ?? DEFAULT_COUNT))
    return { query: compileNonMembersOverSeries(segment, compile), complement: true };
  return { query: memberPairs(segment, options), complement: false };
}

function noSegments(name: string): Query {
  throw new CompileError(`a profile segment refers to no segment (${name})`);
}

function memberPairs(segment: Segment, options: TimelineCompileOptions): Query {
  if (timelinePass(segment) === 'per instant') {
    return unionAll(
      options.instants.map((now, k) =>
        q.select([q.as(q.num(k), STEP_COLUMN), q.col('m', MEMBER_COLUMN)], {
          from: q.subquery(compileSegment(segment, { catalog: options.catalog, now, segmentQuery: noSegments }), 'm'),
        }),
      ),
    );
  }
  // NaN: a now-relative value that bypassed the series clock would fail to print instead of using a wrong instant.
  return compileSegment(segment, { catalog: options.catalog, now: Number.NaN, segmentQuery: noSegments, series: options.series });
}
