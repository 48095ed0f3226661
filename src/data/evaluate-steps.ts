/**
 * One evaluation of a definition step by step, as the designer's preview shows it: its Flow
 * (so each group or step gets its count), each step kept as a temporary table that the next one
 * builds on. Segments it refers to come from the `SegmentEvaluator`, and so do the parts of the
 * definition: each Flow group's members (an edit to one group evaluates that group alone) and an
 * interaction query's value per contact (a new count test is only a filter on them).
 */
import { compileCountTestOn, compileInteractionValues } from '../engine/compile/compile-segment';
import { combineStep, compileSegmentSteps, type SegmentStep } from '../engine/compile/segment-steps';
import type { Segment } from '../engine/library-schema';
import type { Query } from '../engine/sql/ast';
import { countTable, createTable, dropTable, membersOf, type EvaluationContext, type SegmentEvaluator } from './segment-evaluator';

export interface StepsOutcome {
  readonly total: number;
  /** Members after each profile group or compound step (one entry for other kinds). */
  readonly stepCounts: readonly number[];
  /** The table holding the members; the caller drops it when done with it. */
  readonly table: string;
}

/** Thrown when a newer edit made this evaluation pointless. */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer edit');
  }
}

export async function evaluateSteps(
  ctx: EvaluationContext,
  evaluator: SegmentEvaluator,
  segment: Segment,
  tablePrefix: string,
  isCurrent: () => boolean,
): Promise<StepsOutcome> {
  const segmentQuery = await evaluator.references(ctx, segment);
  if (!isCurrent()) throw new Superseded();

  const steps = await stepsOf(ctx, evaluator, segment, segmentQuery);
  if (!isCurrent()) throw new Superseded();
  const stepCounts: number[] = [];
  let previous: string | undefined;
  try {
    for (const [i, step] of steps.entries()) {
      const table = `${tablePrefix}:${i}`;
      await createTable(ctx.runner, table, previous === undefined ? step.query : combineStep(membersOf(previous), step));
      if (previous !== undefined) await dropTable(ctx.runner, previous);
      previous = table;
      if (!isCurrent()) throw new Superseded();
      stepCounts.push(await countTable(ctx.runner, table));
    }
  } catch (error) {
    if (previous !== undefined) await dropTable(ctx.runner, previous).catch(() => undefined);
    throw error;
  }
  return { total: stepCounts.at(-1) ?? 0, stepCounts, table: previous! };
}

async function stepsOf(
  ctx: EvaluationContext,
  evaluator: SegmentEvaluator,
  segment: Segment,
  segmentQuery: (name: string) => Query,
): Promise<SegmentStep[]> {
  const options = { catalog: ctx.catalog, now: ctx.now, segmentQuery };
  if (segment.kind === 'interaction') {
    const values = await evaluator.part(ctx, compileInteractionValues(segment.query, { ...options, timeZone: segment.timeZone }));
    return [{ query: compileCountTestOn(values, segment.query) }];
  }
  const steps = compileSegmentSteps(segment, options);
  if (segment.kind !== 'profile' || steps.length === 1) return steps;
  const kept: SegmentStep[] = [];
  for (const step of steps) kept.push({ ...step, query: membersOf(await evaluator.part(ctx, step.query)) });
  return kept;
}
