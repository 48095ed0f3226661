/**
 * `--timeline FROM,TO,STEP` (SPEC §4): each segment's members at a series of instants, and how
 * many entered and left since the instant before. Each segment becomes one table of pairs
 * (instant, contact) computed in one query (src/engine/compile/compile-timeline.ts): its
 * members, or for a count that holds at zero its non-members; compound segments fold their
 * references' pairs. Counts and changes come from two grouped queries.
 */
import { contactEntity, type Catalog } from '../engine/catalog';
import { PREVIOUS_COLUMN, SeriesClock, STEP_COLUMN } from '../engine/compile/clock';
import { MEMBER_COLUMN } from '../engine/compile/compile-segment';
import { compileTimelineSegment } from '../engine/compile/compile-timeline';
import type { Library } from '../engine/library-schema';
import { evaluationOrder } from '../engine/segment-order';
import type { Query } from '../engine/sql/ast';
import * as q from '../engine/sql/build';
import { printQueryIn, printStatementIn } from '../engine/sql/dialect';
import { timelineInstants, type TimelineStep } from '../engine/time';
import type { SqlRunner } from './engines/engine';
import { checkLibrary, evaluateLibrary } from './evaluate-library';

export interface TimelineOptions {
  /** Epoch milliseconds. */
  readonly from: number;
  readonly to: number;
  readonly step: TimelineStep;
  readonly only?: string;
}

export interface TimelinePoint {
  /** The instant, as `toISOString()`. */
  readonly at: string;
  readonly count: number;
  readonly entered: number;
  readonly left: number;
}

export interface SegmentTimeline {
  readonly name: string;
  readonly timeline: readonly TimelinePoint[];
}

let runs = 0;

export async function evaluateTimeline(
  runner: SqlRunner,
  catalog: Catalog,
  library: Library,
  options: TimelineOptions,
): Promise<SegmentTimeline[]> {
  checkLibrary(library, catalog, options.only);
  const instants = timelineInstants(options.from, options.to, options.step);
  const prefix = `timeline:${++runs}`;
  const seriesTable = `${prefix}:series`;
  const pairsTable = (name: string) => `${prefix}:${name}`;
  const clock = new SeriesClock('s');
  const order = evaluationOrder(library, options.only);
  /** The segments whose table holds the pairs of their non-members (`TimelinePairs`). */
  const complements = new Map<string, boolean>();
  // Compiled first: the series table needs every bound the queries ask its clock for.
  const queries = order.map((segment) => {
    const pairs = compileTimelineSegment(segment, {
      catalog,
      series: { table: seriesTable, clock },
      instants,
      segmentPairs: (name) => ({
        query: q.select([q.col(undefined, STEP_COLUMN), q.col(undefined, MEMBER_COLUMN)], { from: q.table(pairsTable(name)) }),
        complement: complements.get(name) ?? false,
      }),
    });
    complements.set(segment.name, pairs.complement);
    return pairs.query;
  });
  const tables = [seriesTable];
  const run = (query: Query) => runner.query(printQueryIn(runner.dialect, query));
  try {
    await runner.execute(printStatementIn(runner.dialect, q.createTempTableAs(seriesTable, clock.seriesQuery(instants))));
    for (const [i, segment] of order.entries()) {
      tables.push(pairsTable(segment.name));
      await runner.execute(printStatementIn(runner.dialect, q.createTempTableAs(pairsTable(segment.name), queries[i]!)));
    }
    const printed = options.only === undefined ? library.segments : library.segments.filter((s) => s.name === options.only);
    const contacts = printed.some((s) => complements.get(s.name)) ? await contactCount(runner, catalog) : 0;
    const out: SegmentTimeline[] = [];
    for (const segment of printed) {
      const table = pairsTable(segment.name);
      const listed = byStep(await run(countsQuery(table)));
      const both = byStep(await run(keptQuery(table, seriesTable)));
      // Non-members listed: members are the other contacts, and those at both k - 1 and k
      // are the contacts listed at neither (inclusion–exclusion).
      const complement = complements.get(segment.name) ?? false;
      const counts = new Map(instants.map((_, k) => [k, complement ? contacts - (listed.get(k) ?? 0) : (listed.get(k) ?? 0)]));
      const kept = new Map(
        instants.map((_, k) => {
          const pairs = both.get(k) ?? 0;
          if (!complement || k === 0) return [k, pairs];
          return [k, contacts - (listed.get(k) ?? 0) - (listed.get(k - 1) ?? 0) + pairs];
        }),
      );
      const timeline = instants.map((instant, k) => {
        const count = counts.get(k) ?? 0;
        const stayed = kept.get(k) ?? 0;
        return {
          at: new Date(instant).toISOString(),
          count,
          entered: count - stayed,
          left: k === 0 ? 0 : (counts.get(k - 1) ?? 0) - stayed,
        };
      });
      out.push({ name: segment.name, timeline });
    }
    return out;
  } finally {
    for (const table of tables.reverse()) await runner.execute(printStatementIn(runner.dialect, q.dropTable(table)));
  }
}

async function contactCount(runner: SqlRunner, catalog: Catalog): Promise<number> {
  const query = q.select([q.as(q.agg('count'), 'n')], { from: q.table(contactEntity(catalog).table) });
  const [row] = await runner.query(printQueryIn(runner.dialect, query));
  return Number(row?.n ?? 0);
}

function byStep(rows: readonly Record<string, unknown>[]): Map<number, number> {
  return new Map(rows.map((r) => [Number(r[STEP_COLUMN]), Number(r.n)]));
}

/** Columns `k`, `n`: members per instant. */
function countsQuery(pairs: string): Query {
  const k = q.col(undefined, STEP_COLUMN);
  return q.select([k, q.as(q.agg('count'), 'n')], { from: q.table(pairs), groupBy: [k] });
}

/** Columns `k`, `n`: members at instant k that were members at the instant before too. */
function keptQuery(pairs: string, series: string): Query {
  const k = q.col('a', STEP_COLUMN);
  const from = q.innerJoin(
    q.innerJoin(q.table(pairs, 'a'), q.table(series, 's'), q.compare('=', q.col('s', STEP_COLUMN), k)),
    q.table(pairs, 'b'),
    q.and(
      q.compare('=', q.col('b', STEP_COLUMN), q.col('s', PREVIOUS_COLUMN)),
      q.compare('=', q.col('b', MEMBER_COLUMN), q.col('a', MEMBER_COLUMN)),
    ),
  );
  return q.select([q.as(k, STEP_COLUMN), q.as(q.agg('count'), 'n')], { from, groupBy: [k] });
}

export interface ChangeOptions {
  readonly segment: string;
  /** Epoch milliseconds of the point. */
  readonly at: number;
  /** The instant before it on the timeline; absent for the first point, where every member entered. */
  readonly previous?: number;
}

/** The contacts behind a point of a timeline: who entered and who left since the instant before (sorted). */
export async function timelineChanges(
  runner: SqlRunner,
  catalog: Catalog,
  library: Library,
  options: ChangeOptions,
): Promise<{ entered: string[]; left: string[] }> {
  const membersAt = async (now: number) =>
    new Set((await evaluateLibrary(runner, catalog, library, { now, only: options.segment }))[0]!.members);
  const current = await membersAt(options.at);
  const before = options.previous === undefined ? new Set<string>() : await membersAt(options.previous);
  return {
    entered: [...current].filter((id) => !before.has(id)).sort(),
    left: [...before].filter((id) => !current.has(id)).sort(),
  };
}
