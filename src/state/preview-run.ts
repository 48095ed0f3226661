/**
 * One evaluation of the definition being edited: its Flow step by step (so each group or step
 * gets its count), each step kept as a temporary table that the next one builds on. Segments it
 * refers to, and the members of each group of a Flow, come from the shared `SegmentTables` cache,
 * so an edit to one group evaluates that group alone.
 */
import { combineStep, compileSegmentSteps } from '../engine/compile/segment-steps';
import type { Segment } from '../engine/library-schema';
import { dependencies } from '../engine/segment-order';
import { createTempTable, dropTable } from '../engine/sql/statements';
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

  const steps = compileSegmentSteps(segment, {
    catalog: ctx.catalog,
    now: ctx.now,
    segmentQuery: (name) => membersOf(refs.get(name) ?? `missing:${name}`),
  });
  const keepGroups = segment.kind === 'profile' && steps.length > 1;
  const stepCounts: number[] = [];
  let previous: string | undefined;
  try {
    for (const [i, whole] of steps.entries()) {
      const step = keepGroups ? { ...whole, query: membersOf(await tables.groupMembers(ctx, whole.query)) } : whole;
      if (!isCurrent()) throw new Superseded();
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
