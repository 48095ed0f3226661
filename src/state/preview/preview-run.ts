/**
 * One evaluation of the definition being edited: its Flow step by step (so each group or step
 * gets its count), each step kept as a temporary table that the next one builds on. Segments it
 * refers to come from the shared `SegmentTables` cache, and so do the parts of the definition:
 * each Flow group's members (an edit to one group evaluates that group alone) and an interaction
 * query's value per contact (a new count test is only a filter on them).
 */
import { compileCountTestOn, compileInteractionValues } from '../../engine/compile/compile-segment';
import { combineStep, compileSegmentSteps, type SegmentStep } from '../../engine/compile/segment-steps';
import type { Segment } from '../../engine/library-schema';
import { dependencies } from '../../engine/segment-order';
import { createTempTable, dropTable } from '../../engine/sql/statements';
import { countTable, membersOf, type EvaluationContext, type SegmentTables } from './preview-tables';

export interface PreviewOutcome {
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

export async function runPreview(
  ctx: EvaluationContext,
  tables: SegmentTables,
  segment: Segment,
  tablePrefix: string,
  isCurrent: () => boolean,
): Promise<PreviewOutcome> {
  const refs = new Map<string, string>();
  for (const name of new Set(dependencies(segment))) refs.set(name, (await tables.materialise(ctx, name)).table);
  if (!isCurrent()) throw new Superseded();

  const steps = await previewSteps(ctx, tables, segment, refs);
  if (!isCurrent()) throw new Superseded();
  const stepCounts: number[] = [];
  let previous: string | undefined;
  try {
    for (const [i, step] of steps.entries()) {
      const table = `${tablePrefix}:${i}`;
      await ctx.db.query(createTempTable(table, previous === undefined ? step.query : combineStep(membersOf(previous), step)));
      if (previous !== undefined) await ctx.db.query(dropTable(previous));
      previous = table;
      if (!isCurrent()) throw new Superseded();
      stepCounts.push(await countTable(ctx.db, table));
    }
  } catch (error) {
    if (previous !== undefined) await ctx.db.query(dropTable(previous)).catch(() => undefined);
    throw error;
  }
  return { total: stepCounts.at(-1) ?? 0, stepCounts, table: previous! };
}

async function previewSteps(
  ctx: EvaluationContext,
  tables: SegmentTables,
  segment: Segment,
  refs: ReadonlyMap<string, string>,
): Promise<SegmentStep[]> {
  const options = { catalog: ctx.catalog, now: ctx.now, segmentQuery: (name: string) => membersOf(refs.get(name) ?? `missing:${name}`) };
  if (segment.kind === 'interaction') {
    const values = await tables.part(ctx, compileInteractionValues(segment.query, { ...options, timeZone: segment.timeZone }));
    return [{ query: compileCountTestOn(values, segment.query) }];
  }
  const steps = compileSegmentSteps(segment, options);
  if (segment.kind !== 'profile' || steps.length === 1) return steps;
  const kept: SegmentStep[] = [];
  for (const step of steps) kept.push({ ...step, query: membersOf(await tables.part(ctx, step.query)) });
  return kept;
}
