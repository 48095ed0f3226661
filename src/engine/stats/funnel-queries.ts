/**
 * Where the clauses of a group lose people: for each AND-ed condition of a profile group (or
 * each restriction of an interaction segment), the contacts left after it and those it selects
 * on its own; for an OR, each branch on its own. Every figure is the member count of a segment
 * built from part of the definition, compiled like any other, so it equals evaluating that
 * segment.
 */
import type { Combine, Condition, InteractionSegment, ProfileSegment, Segment } from '../library-schema';
import type { Query } from '../sql/ast';
import * as q from '../sql/build';
import { compileSegment, type CompileOptions } from '../compile/compile-segment';
import { describeCondition } from '../describe/describe-condition';

/** A funnel figure as `T`: the query of the members it counts (the plan), or their count (the result). */
export interface FunnelBranchOf<T> {
  readonly label: string;
  /** Members selected by this branch alone. */
  readonly alone: T;
}

export interface FunnelStepOf<T> {
  readonly label: string;
  /** Members of the group with this condition and every one before it. */
  readonly remaining: T;
  /** Members of the group with this condition only. */
  readonly alone: T;
  readonly branches: readonly FunnelBranchOf<T>[];
}

export interface GroupFunnelOf<T> {
  /** Index of the profile group (0 for an interaction segment). */
  readonly group: number;
  readonly combine?: Combine;
  readonly steps: readonly FunnelStepOf<T>[];
}

export type FunnelBranchPlan = FunnelBranchOf<Query>;
export type FunnelStepPlan = FunnelStepOf<Query>;
export type GroupFunnelPlan = GroupFunnelOf<Query>;

/** The top-level conditions a group's `where` AND-s together, in order. */
export function andedConditions(where: Condition | undefined): readonly Condition[] {
  if (where === undefined) return [];
  return 'and' in where ? where.and : [where];
}

function allOf(conditions: readonly Condition[]): Condition | undefined {
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { and: [...conditions] };
}

function branchesOf(condition: Condition): readonly Condition[] {
  return 'or' in condition ? condition.or : [];
}

function profileGroup(segment: ProfileSegment, where: Condition | undefined): ProfileSegment {
  return { ...segment, query: { groups: [where === undefined ? {} : { where }] } };
}

function interactionWith(segment: InteractionSegment, where: Condition | undefined): InteractionSegment {
  const { where: _where, ...rest } = segment.query;
  return { ...segment, query: where === undefined ? rest : { ...rest, where } };
}

function stepsOf(conditions: readonly Condition[], build: (where: Condition | undefined) => Segment, options: CompileOptions) {
  const compile = (where: Condition | undefined) => compileSegment(build(where), options);
  return conditions.map((condition, k): FunnelStepPlan => ({
    label: describeCondition(condition),
    remaining: compile(allOf(conditions.slice(0, k + 1))),
    alone: compile(condition),
    branches: branchesOf(condition).map((branch) => ({ label: describeCondition(branch), alone: compile(branch) })),
  }));
}

/** The funnel of every group of a profile segment, or of an interaction segment's restrictions; none for other kinds. */
export function funnelPlans(segment: Segment, options: CompileOptions): GroupFunnelPlan[] {
  if (segment.kind === 'profile') {
    return segment.query.groups.map((group, i) => ({
      group: i,
      ...(group.combine ? { combine: group.combine } : {}),
      steps: stepsOf(andedConditions(group.where), (where) => profileGroup(segment, where), options),
    }));
  }
  if (segment.kind === 'interaction') {
    const build = (where: Condition | undefined) => interactionWith(segment, where);
    const restrictions = andedConditions(segment.query.where);
    if (restrictions.length === 0) return [{ group: 0, steps: [] }];
    const base: FunnelStepPlan = {
      label: `${segment.query.interaction}: count test and window, no restriction`,
      remaining: compileSegment(build(undefined), options),
      alone: compileSegment(build(undefined), options),
      branches: [],
    };
    return [{ group: 0, steps: [base, ...stepsOf(restrictions, build, options)] }];
  }
  return [];
}

/** Column `n`: how many rows `query` returns. */
export function countOfQuery(query: Query): Query {
  return q.select([q.as(q.agg('count'), 'n')], { from: q.subquery(query, 'counted') });
}
