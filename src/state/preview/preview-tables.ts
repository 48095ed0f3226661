/**
 * Members of library segments, materialised once as temporary tables and reused: by the
 * counts in the library list and by compound previews. A table is keyed by the segment's
 * definition, the definitions it depends on, the data version and the evaluation instant,
 * so nothing stale is ever read and nothing unchanged is evaluated twice.
 *
 * The parts of the definition being edited are kept too (each Flow group's members, an
 * interaction query's value per contact), keyed by their SQL, which holds the definition, the
 * tables and the instant: an edit re-evaluates only the part it changed.
 */
import type { Catalog } from '../../engine/catalog';
import { compileSegment, MEMBER_COLUMN } from '../../engine/compile/compile-segment';
import type { Library, Segment } from '../../engine/library-schema';
import { dependencies } from '../../engine/segment-order';
import type { Query } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import { printQuery } from '../../engine/sql/print-duckdb';
import { countRows, createTempTable, dropTable } from '../../engine/sql/statements';
import type { Connector } from '../../data/connector';

export interface EvaluationContext {
  readonly db: Connector;
  readonly catalog: Catalog;
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
type CacheContext = Pick<EvaluationContext, 'db' | 'epoch'>;

/** What cached tables depend on besides definitions: the loaded data's version and the instant. */
export function epochOf(data: { readonly version: number }, now: number): string {
  return `${data.version}|${now}`;
}

export function membersOf(table: string): Query {
  return q.select([q.col(undefined, MEMBER_COLUMN)], { from: q.table(table) });
}

export async function countTable(db: Connector, table: string): Promise<number> {
  const [row] = await db.query(countRows(table));
  return Number(row?.n ?? 0);
}

/** Parts kept between previews: a few Flows' worth, the least recently used dropped first. */
const KEPT_PARTS = 8;

export class SegmentTables {
  private epoch: string | undefined;
  private readonly cache = new Map<string, { readonly key: string; readonly result: Promise<Materialised> }>();
  /** Printed SQL of a part → the table of its result, in order of last use. */
  private readonly parts = new Map<string, Promise<string>>();
  private counter = 0;

  constructor(private readonly prefix = 'segment') {}

  /** The result of one part of a definition (`query`) as a table this cache owns: read it, never drop it. */
  async part(ctx: CacheContext, query: Query): Promise<string> {
    await this.reset(ctx);
    const key = printQuery(query);
    const kept = this.parts.get(key);
    this.parts.delete(key);
    const table = kept ?? this.createPart(ctx.db, query);
    this.parts.set(key, table);
    table.catch(() => {
      if (this.parts.get(key) === table) this.parts.delete(key);
    });
    for (const [oldest, dropped] of this.parts) {
      if (this.parts.size <= KEPT_PARTS) break;
      this.parts.delete(oldest);
      void dropped.then((t) => ctx.db.query(dropTable(t))).catch(() => undefined);
    }
    return table;
  }

  private async createPart(db: Connector, query: Query): Promise<string> {
    const table = `${this.prefix}:part:${++this.counter}`;
    await db.query(createTempTable(table, query));
    return table;
  }

  private forget(db: Connector): Promise<unknown>[] {
    const tables = [...this.cache.values()].map((entry) => entry.result.then((m) => m.table));
    tables.push(...this.parts.values());
    this.cache.clear();
    this.parts.clear();
    return tables.map((table) => table.then((t) => db.query(dropTable(t))).catch(() => undefined));
  }

  /** The key of a segment: its definition and, recursively, those of the segments it uses. */
  private key(name: string, library: Library, trail: readonly string[] = []): string {
    const segment = library.segments.find((s) => s.name === name);
    if (!segment || trail.includes(name)) return `${name}:missing`;
    const deps = dependencies(segment).map((d) => this.key(d, library, [...trail, name]));
    return JSON.stringify([segment, deps]);
  }

  private async reset(ctx: CacheContext): Promise<void> {
    if (this.epoch === ctx.epoch) return;
    this.epoch = ctx.epoch;
    void this.forget(ctx.db);
  }

  /** The members of segment `name` of `ctx.library` (which must have been validated). */
  async materialise(ctx: EvaluationContext, name: string): Promise<Materialised> {
    await this.reset(ctx);
    const key = `${ctx.epoch}|${this.key(name, ctx.library)}`;
    const cached = this.cache.get(name);
    if (cached?.key === key) return cached.result;
    const result = this.evaluate(ctx, name);
    this.cache.set(name, { key, result });
    result.catch(() => {
      if (this.cache.get(name)?.result === result) this.cache.delete(name);
    });
    if (cached) void cached.result.then((m) => ctx.db.query(dropTable(m.table))).catch(() => undefined);
    return result;
  }

  private async evaluate(ctx: EvaluationContext, name: string): Promise<Materialised> {
    const segment: Segment | undefined = ctx.library.segments.find((s) => s.name === name);
    if (!segment) throw new Error(`unknown segment "${name}"`);
    const tables = new Map<string, string>();
    for (const dep of dependencies(segment)) tables.set(dep, (await this.materialise(ctx, dep)).table);
    const query = compileSegment(segment, {
      catalog: ctx.catalog,
      now: ctx.now,
      segmentQuery: (ref) => membersOf(tables.get(ref) ?? `${this.prefix}:missing:${ref}`),
    });
    const table = `${this.prefix}:${++this.counter}`;
    await ctx.db.query(createTempTable(table, query));
    return { table, count: await countTable(ctx.db, table), evaluatedAt: Date.now() };
  }

  /** Drops every table (e.g. before the connector goes away). */
  async clear(db: Connector): Promise<void> {
    this.epoch = undefined;
    await Promise.all(this.forget(db));
  }
}
