/**
 * A segment over a series of instants (SPEC §4 `--timeline`): one query whose rows are pairs
 * `k`, `id` — the contacts that are members at instant k. Where the definition allows, the
 * query reads the data once for every instant (the series joined to the interactions, or to the
 * contacts); a profile segment whose time-dependent part lies under a `related` condition is
 * evaluated instant by instant instead (docs/EXPLAIN-AND-TIMELINE.md).
 */
import type { Catalog } from '../catalog';
import type { Condition, Segment } from '../library-schema';
import type { Query } from '../sql/ast';
import * as q from '../sql/build';
import { STEP_COLUMN, unionAll, type SeriesClock } from './clock';
import { compileSegment, CompileError, MEMBER_COLUMN } from './compile-segment';

export interface TimelineCompileOptions {
  readonly catalog: Catalog;
  /** The table of `clock.seriesQuery(instants)`. */
  readonly series: { readonly table: string; readonly clock: SeriesClock };
  readonly instants: readonly number[];
  /** The pairs `k`, `id` of a referenced segment (a table of earlier results). */
  readonly segmentPairs: (name: string) => Query;
}

export type TimelinePass = 'one pass' | 'per instant';

/** Whether a condition's verdict can change with now. */
function dependsOnNow(condition: Condition): boolean {
  if ('and' in condition) return condition.and.some(dependsOnNow);
  if ('or' in condition) return condition.or.some(dependsOnNow);
  if ('not' in condition) return dependsOnNow(condition.not);
  if ('field' in condition) return condition.op === 'inLast' || condition.op === 'notInLast';
  if ('related' in condition) return condition.where !== undefined && dependsOnNow(condition.where);
  return true;
}

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

export function compileTimelineSegment(segment: Segment, options: TimelineCompileOptions): Query {
  const noSegments = (name: string): Query => {
    throw new CompileError(`a profile segment refers to no segment (${name})`);
  };
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
  return compileSegment(segment, { catalog: options.catalog, now: Number.NaN, segmentQuery: options.segmentPairs, series: options.series });
}
