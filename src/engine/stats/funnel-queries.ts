/**
 * Where the clauses of a group lose people: for each AND-ed condition of a profile group (or
 * each restriction of an interaction segment), the contacts left after it and those it selects
 * on its own; for an OR, each branch on its own. Every figure is the member count of a segment
 * built from part of the definition (its `members` query, compiled like any other); a group's
 * figures are counted together in one query (`countsQuery`) that tests each condition once per
 * contact (or interaction) and counts every figure from those flags, which gives the same counts.
 */
import type { Combine, Condition, InteractionSegment, Measure, ProfileSegment, Segment } from '../library-schema';
import { contactEntity, own } from '../catalog';
import type { Expr, Query } from '../sql/ast';
import * as q from '../sql/build';
import {
  compileContactFlags,
  compileInteractionFlags,
  compileSegment,
  countTest,
  DEFAULT_COUNT,
  flagColumn,
  measureExpr,
  VALUE_COLUMN,
  type CompileOptions,
} from '../compile/compile-segment';
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

/**
 * What a figure counts: the members of `members`, which are the contacts where every term
 * holds (for an interaction segment, whose count test passes over the interactions where every
 * term holds); a term is an OR of flags, indices into the group's conditions and branches.
 */
export interface FunnelFigure {
  readonly members: Query;
  readonly terms: readonly (readonly number[])[];
}

export type FunnelBranchPlan = FunnelBranchOf<FunnelFigure>;
export type FunnelStepPlan = FunnelStepOf<FunnelFigure>;

export interface GroupFunnelPlan extends GroupFunnelOf<FunnelFigure> {
  /** One query counting `figures` of this group together: column `countColumn(i)` for `figures[i]`. */
  readonly countsQuery: (figures: readonly FunnelFigure[]) => Query;
}

export const countColumn = (index: number) => `n${index}`;

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

/**
 * The steps of AND-ed `conditions`, and the flags their figures' terms index: an OR is the OR
 * of its branches' flags (each branch is counted alone too), any other condition its own flag.
 */
function stepsOf(conditions: readonly Condition[], build: (where: Condition | undefined) => Segment, options: CompileOptions) {
  const flags: Condition[] = [];
  const flag = (c: Condition) => flags.push(c) - 1;
  const terms = conditions.map((c) => (branchesOf(c).length ? branchesOf(c).map(flag) : [flag(c)]));
  const figure = (where: Condition | undefined, figureTerms: readonly (readonly number[])[]): FunnelFigure => ({
    members: compileSegment(build(where), options),
    terms: figureTerms,
  });
  const steps = conditions.map((condition, k): FunnelStepPlan => ({
    label: describeCondition(condition),
    remaining: figure(allOf(conditions.slice(0, k + 1)), terms.slice(0, k + 1)),
    alone: figure(condition, [terms[k]!]),
    branches: branchesOf(condition).map((branch, j) => ({ label: describeCondition(branch), alone: figure(branch, [[terms[k]![j]!]]) })),
  }));
  return { steps, flags, figure };
}

/** The flags `figures` read, the others left out (each may cost a scan). */
function usedFlags(flags: readonly Condition[], figures: readonly FunnelFigure[]): (Condition | undefined)[] {
  const used = new Set(figures.flatMap((f) => f.terms.flat()));
  return flags.map((c, i) => (used.has(i) ? c : undefined));
}

/** Whether every term of a figure holds, over the flag columns of `alias`. */
const allTermsHold = (alias: string, terms: FunnelFigure['terms']): Expr =>
  q.and(...terms.map((term) => q.or(...term.map((i) => q.col(alias, flagColumn(i))))));

/** A profile group's figures: the contacts whose flags satisfy each figure, counted in one scan of the flags. */
function profileCounts(segment: ProfileSegment, flags: readonly Condition[], options: CompileOptions) {
  return (figures: readonly FunnelFigure[]): Query => {
    const flagged = compileContactFlags(segment, usedFlags(flags, figures), options);
    const f = 'flags';
    const count = (figure: FunnelFigure) =>
      figure.terms.length ? q.aggWhere('count', undefined, allTermsHold(f, figure.terms)) : q.agg('count');
    return q.select(
      figures.map((figure, i) => q.as(count(figure), countColumn(i))),
      { from: q.subquery(flagged, f) },
    );
  };
}

/** The measure over the flagged rows (`alias`), which carry the measured field as VALUE_COLUMN. */
function flaggedValue(segment: InteractionSegment, measure: Measure, alias: string, options: CompileOptions): Expr {
  if (measure.agg === 'count') return measureExpr(measure, alias, {});
  const type = own(own(options.catalog.interactions.types, segment.query.interaction)?.fields ?? {}, measure.field);
  return measureExpr({ ...measure, field: VALUE_COLUMN }, alias, type === undefined ? {} : { [VALUE_COLUMN]: type });
}

/**
 * An interaction segment's figures: per contact, the measure over the interactions where each
 * figure's terms hold (one scan, grouped by contact), then each figure's count test, with the
 * zero rule of the segment's own query (a contact without interactions has count 0).
 */
function interactionCounts(segment: InteractionSegment, flags: readonly Condition[], options: CompileOptions) {
  return (figures: readonly FunnelFigure[]): Query => {
    const flagged = compileInteractionFlags(segment, usedFlags(flags, figures), options);
    const measure = segment.query.measure ?? { agg: 'count' };
    const i = 'flagged';
    const value = flaggedValue(segment, measure, i, options);
    const link = q.col(i, 'link');
    const perContact = q.select(
      [
        q.as(link, 'link'),
        ...figures.map((figure, j) => q.as(figure.terms.length ? q.filtered(value, allTermsHold(i, figure.terms)) : value, `v${j}`)),
      ],
      { from: q.subquery(flagged, i), groupBy: [link] },
    );
    const c = 'c';
    const m = 'm';
    const contact = contactEntity(options.catalog);
    const from = q.leftJoin(q.table(contact.table, c), q.subquery(perContact, m), q.compare('=', q.col(m, 'link'), q.col(c, contact.key)));
    const isCount = measure.agg === 'count' || measure.agg === 'countDistinct';
    const test = (j: number) => {
      const v = q.col(m, `v${j}`);
      return q.coalesce(countTest(isCount ? q.coalesce(v, q.num(0)) : v, segment.query.count ?? DEFAULT_COUNT), q.FALSE);
    };
    return q.select(
      figures.map((_, j) => q.as(q.aggWhere('count', undefined, test(j)), countColumn(j))),
      { from },
    );
  };
}

/** The funnel of every group of a profile segment, or of an interaction segment's restrictions; none for other kinds. */
export function funnelPlans(segment: Segment, options: CompileOptions): GroupFunnelPlan[] {
  if (segment.kind === 'profile') {
    return segment.query.groups.map((group, i) => {
      const { steps, flags } = stepsOf(andedConditions(group.where), (where) => profileGroup(segment, where), options);
      return { group: i, ...(group.combine ? { combine: group.combine } : {}), steps, countsQuery: profileCounts(segment, flags, options) };
    });
  }
  if (segment.kind === 'interaction') {
    const restrictions = andedConditions(segment.query.where);
    const { steps, flags, figure } = stepsOf(restrictions, (where) => interactionWith(segment, where), options);
    const countsQuery = interactionCounts(segment, flags, options);
    if (restrictions.length === 0) return [{ group: 0, steps: [], countsQuery }];
    const base: FunnelStepPlan = {
      label: `${segment.query.interaction}: count test and window, no restriction`,
      remaining: figure(undefined, []),
      alone: figure(undefined, []),
      branches: [],
    };
    return [{ group: 0, steps: [base, ...steps], countsQuery }];
  }
  return [];
}

/** Column `n`: how many rows `query` returns. */
export function countOfQuery(query: Query): Query {
  return q.select([q.as(q.agg('count'), 'n')], { from: q.subquery(query, 'counted') });
}
