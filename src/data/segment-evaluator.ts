/**
 * The one evaluator of a library's segments, on any `SqlRunner`: each segment is materialised
 * as a temporary table after the segments it uses (dependency order), and a compound segment
 * reads its references from their tables. `npm run evaluate`, the library's counts, the
 * designer's preview, the overlap view and the results all go through it.
 *
 * A table is kept and keyed by the segment's definition with those of every segment it uses,
 * directly or through others (`definitionKey`), and the epoch (data version and instant): an
 * edit anywhere below a segment evaluates it again, and nothing unchanged is evaluated twice.
 * The parts of a definition being edited are kept too (each Flow group's members, an
 * interaction query's value per contact), keyed by their SQL, which holds the definition, the
 * tables and the instant: an edit re-evaluates only the part it changed.
 *
 * `inlineSegment` is the other way to resolve references: every referenced segment written
 * inline as a subquery, for SQL that runs on its own (the Query tab).
 */
import type { Catalog } from '../engine/catalog';
import { compileSegment, MEMBER_COLUMN } from '../engine/compile/compile-segment';
import type { Library, Segment } from '../engine/library-schema';
import { definitionKey, dependencies } from '../engine/segment-order';
import type { Query } from '../engine/sql/ast';
import * as q from '../engine/sql/build';
import { printQueryIn, printStatementIn } from '../engine/sql/dialect';
import type { SqlRunner } from './engines/engine';

export interface EvaluationContext {
  readonly runner: SqlRunner;
  readonly catalog: Catalog;
  /** Validated: every reference names a segment of it, and there is no cycle. */
  readonly library: Library;
  readonly now: number;
  /** Changes whenever the data or the evaluation instant changes. */
  readonly epoch: string;
}

export interface Materialised {
  readonly table: string;
  readonly count: number;
  /** Wall-clock time of the evaluation, epoch ms. */
  readonly evaluatedAt: number;
}

/** What the kept parts need: where to run, and the epoch that invalidates them. */
export type PartContext = Pick<EvaluationContext, 'runner' | 'epoch'>;

/** What cached tables depend on besides definitions: the loaded data's version and the instant. */
export function epochOf(data: { readonly version: number }, now: number): string {
  return `${data.version}|${now}`;
}

export function membersOf(table: string): Query {
  return q.select([q.col(undefined, MEMBER_COLUMN)], { from: q.table(table) });
}

export async function countTable(runner: SqlRunner, table: string): Promise<number> {
  const [row] = await runner.query(printQueryIn(runner.dialect, q.select([q.as(q.agg('count'), 'n')], { from: q.table(table) })));
  return Number(row?.n ?? 0);
}

export async function createTable(runner: SqlRunner, table: string, query: Query): Promise<void> {
  await runner.execute(printStatementIn(runner.dialect, q.createTempTableAs(table, query)));
}

export async function dropTable(runner: SqlRunner, table: string): Promise<void> {
  await runner.execute(printStatementIn(runner.dialect, q.dropTable(table)));
}

/** Parts kept between previews: a few Flows' worth, the least recently used dropped first. */
const KEPT_PARTS = 8;

export class SegmentEvaluator {
  private epoch: string | undefined;
  private readonly cache = new Map<string, { readonly key: string; readonly result: Promise<Materialised> }>();
  /** Printed SQL of a part → the table of its result, in order of last use. */
  private readonly parts = new Map<string, Promise<string>>();
  private counter = 0;

  /** `prefix` names the tables, so two evaluators on one database never share one. */
  constructor(private readonly prefix = 'segment') {}

  /** The members of segment `name` of `ctx.library`, evaluated after the segments it uses. */
  async materialise(ctx: EvaluationContext, name: string): Promise<Materialised> {
    this.reset(ctx);
    const byName = new Map(ctx.library.segments.map((s) => [s.name, s]));
    const segment = byName.get(name);
    if (!segment) throw new Error(`unknown segment "${name}"`);
    const key = `${ctx.epoch}|${definitionKey(segment, (n) => byName.get(n))}`;
    const cached = this.cache.get(name);
    if (cached?.key === key) return cached.result;
    const result = this.evaluate(ctx, segment);
    this.cache.set(name, { key, result });
    result.catch(() => {
      if (this.cache.get(name)?.result === result) this.cache.delete(name);
    });
    if (cached) void cached.result.then((m) => dropTable(ctx.runner, m.table)).catch(() => undefined);
    return result;
  }

  /**
   * Materialises the segments `segment` uses and answers what `compileSegment` asks of them:
   * a query of each one's members.
   */
  async references(ctx: EvaluationContext, segment: Segment): Promise<(name: string) => Query> {
    const tables = new Map<string, string>();
    for (const dep of new Set(dependencies(segment))) tables.set(dep, (await this.materialise(ctx, dep)).table);
    return (name) => membersOf(tables.get(name) ?? `${this.prefix}:missing:${name}`);
  }

  private async evaluate(ctx: EvaluationContext, segment: Segment): Promise<Materialised> {
    const segmentQuery = await this.references(ctx, segment);
    const query = compileSegment(segment, { catalog: ctx.catalog, now: ctx.now, segmentQuery });
    const table = `${this.prefix}:${++this.counter}`;
    await createTable(ctx.runner, table, query);
    return { table, count: await countTable(ctx.runner, table), evaluatedAt: Date.now() };
  }

  /** The result of one part of a definition (`query`) as a table this evaluator owns: read it, never drop it. */
  async part(ctx: PartContext, query: Query): Promise<string> {
    this.reset(ctx);
    const key = printQueryIn(ctx.runner.dialect, query);
    const kept = this.parts.get(key);
    this.parts.delete(key);
    const table = kept ?? this.createPart(ctx.runner, query);
    this.parts.set(key, table);
    table.catch(() => {
      if (this.parts.get(key) === table) this.parts.delete(key);
    });
    for (const [oldest, dropped] of this.parts) {
      if (this.parts.size <= KEPT_PARTS) break;
      this.parts.delete(oldest);
      void dropped.then((t) => dropTable(ctx.runner, t)).catch(() => undefined);
    }
    return table;
  }

  private async createPart(runner: SqlRunner, query: Query): Promise<string> {
    const table = `${this.prefix}:part:${++this.counter}`;
    await createTable(runner, table, query);
    return table;
  }

  private reset(ctx: PartContext): void {
    if (this.epoch === ctx.epoch) return;
    this.epoch = ctx.epoch;
    void this.forget(ctx.runner);
  }

  private forget(runner: SqlRunner): Promise<unknown>[] {
    const tables = [...this.cache.values()].map((entry) => entry.result.then((m) => m.table));
    tables.push(...this.parts.values());
    this.cache.clear();
    this.parts.clear();
    return tables.map((table) => table.then((t) => dropTable(runner, t)).catch(() => undefined));
  }

  /** Drops every table (e.g. before the connection goes away). */
  async clear(runner: SqlRunner): Promise<void> {
    this.epoch = undefined;
    await Promise.all(this.forget(runner));
  }
}

/** `segment` with every segment it uses written inline, so its SQL runs on its own against the loaded tables. */
export function inlineSegment(segment: Segment, library: Library, catalog: Catalog, now: number): Query {
  const compile = (s: Segment, trail: readonly string[]): Query =>
    compileSegment(s, {
      catalog,
      now,
      segmentQuery: (name) => {
        const ref = library.segments.find((x) => x.name === name);
        if (!ref || trail.includes(name)) throw new Error(`segment "${name}" is not available`);
        return compile(ref, [...trail, name]);
      },
    });
  return compile(segment, [segment.name]);
}
