/**
 * A segment split into the steps of its Flow, so the designer can show how many contacts
 * remain after each profile group or compound step. Folding the steps left to right gives
 * exactly the members `compileSegment` selects.
 */
import type { Combine, Segment } from '../library-schema';
import type { Query } from '../sql/ast';
import * as q from '../sql/build';
import { compileSegment, SET_OPERATORS, type CompileOptions } from './compile-segment';

export interface SegmentStep {
  /** How this step joins the result of the steps before it; absent on the first. */
  readonly combine?: Combine;
  /** The members of this step on its own (one `id` column). */
  readonly query: Query;
}

/** Profile groups and compound steps one by one; an interaction or static segment is one step. */
export function compileSegmentSteps(segment: Segment, options: CompileOptions): SegmentStep[] {
  switch (segment.kind) {
    case 'profile':
      return segment.query.groups.map(({ combine, where }) => {
        const group: Segment = { ...segment, query: { groups: [where === undefined ? {} : { where }] } };
        return { ...(combine ? { combine } : {}), query: compileSegment(group, options) };
      });
    case 'compound':
      return segment.query.steps.map(({ combine, segment: name }) => ({
        ...(combine ? { combine } : {}),
        query: options.segmentQuery(name),
      }));
    default:
      return [{ query: compileSegment(segment, options) }];
  }
}

/** The members after a step: the members before it combined with the step's own. */
export function combineStep(before: Query, step: SegmentStep): Query {
  return q.setOperation(SET_OPERATORS[step.combine ?? 'union'], before, step.query);
}
