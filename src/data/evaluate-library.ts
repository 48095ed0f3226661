/**
 * Evaluates a validated library on loaded data, as `npm run evaluate` prints it: each segment
 * once, dependencies first, by the `SegmentEvaluator`, its members read from its table (or only
 * counted there, when the output has no members).
 */
import type { Catalog } from '../engine/catalog';
import { MEMBER_COLUMN } from '../engine/compile/compile-segment';
import type { Library, Segment } from '../engine/library-schema';
import { LibraryError } from '../engine/problems';
import { evaluationOrder } from '../engine/segment-order';
import { printQueryIn } from '../engine/sql/dialect';
import { validateLibrary } from '../engine/validate-library';
import type { SqlRunner } from './engines/engine';
import { membersOf, SegmentEvaluator } from './segment-evaluator';

export interface SegmentResult {
  readonly name: string;
  readonly count: number;
  /** Sorted like JavaScript's default sort. */
  readonly members: readonly string[];
}

export interface EvaluateOptions {
  /** Evaluation instant, epoch milliseconds. */
  readonly now: number;
  readonly only?: string;
  readonly onWarning?: (message: string) => void;
}

export const resultTable = (name: string) => `result:${name}`;

export async function evaluateLibrary(
  db: SqlRunner,
  catalog: Catalog,
  library: Library,
  options: EvaluateOptions,
): Promise<SegmentResult[]> {
  return evaluateEach(db, catalog, library, options, true) as Promise<SegmentResult[]>;
}

/**
 * Each segment's count alone, as `evaluateLibrary` would give it: the members stay in the
 * database (only a static segment's are read, for its warning), so none crosses into JavaScript.
 */
export async function countLibrary(db: SqlRunner, catalog: Catalog, library: Library, options: EvaluateOptions): Promise<SegmentCount[]> {
  return evaluateEach(db, catalog, library, options, false);
}

export type SegmentCount = Omit<SegmentResult, 'members'>;

async function evaluateEach(
  db: SqlRunner,
  catalog: Catalog,
  library: Library,
  options: EvaluateOptions,
  withMembers: boolean,
): Promise<(SegmentResult | SegmentCount)[]> {
  checkLibrary(library, catalog, options.only);
  const results = new Map<string, SegmentResult | SegmentCount>();
  const evaluator = new SegmentEvaluator('result');
  const ctx = { runner: db, catalog, library, now: options.now, epoch: String(options.now) };
  try {
    for (const segment of evaluationOrder(library, options.only)) {
      const { table, count } = await evaluator.materialise(ctx, segment.name);
      if (!withMembers && (segment.kind !== 'static' || !options.onWarning)) {
        results.set(segment.name, { name: segment.name, count });
        continue;
      }
      const rows = await db.query(printQueryIn(db.dialect, membersOf(table)));
      const members = rows.map((r) => String(r[MEMBER_COLUMN])).sort();
      results.set(segment.name, withMembers ? { name: segment.name, count: members.length, members } : { name: segment.name, count });
      warnUnknownMembers(segment, members, options.onWarning);
    }
  } finally {
    await evaluator.clear(db);
  }
  const printed = options.only === undefined ? library.segments : library.segments.filter((s) => s.name === options.only);
  return printed.map((s) => results.get(s.name)!);
}

/** Validates every segment, whatever its status, and that `only` names one; throws a LibraryError with every problem. */
export function checkLibrary(library: Library, catalog: Catalog, only?: string): void {
  const problems = validateLibrary(library, catalog);
  if (only !== undefined && !library.segments.some((s) => s.name === only)) {
    problems.push({ path: '--only', message: `unknown segment "${only}"` });
  }
  if (problems.length > 0) throw new LibraryError(problems);
}

function warnUnknownMembers(segment: Segment, members: readonly string[], onWarning?: (message: string) => void): void {
  if (segment.kind !== 'static' || !onWarning) return;
  const known = new Set(members);
  const unknown = [...new Set(segment.members.filter((m) => !known.has(m)))];
  if (unknown.length > 0)
    onWarning(
      `segment "${segment.name}": ${unknown.length === 1 ? '1 member is not a contact and is' : `${unknown.length} members are not contacts and are`} left out: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`,
    );
}
