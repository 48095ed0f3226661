/**
 * The insight tasks (bench/insight-tasks.ts) in the page, with the functions the app's insight
 * views call: `explainContact` (why in / out), the funnel's plans counted through a
 * `CountCache` and `countFunnel` as FunnelState does, `SegmentEvaluator` and the overlap query as OverlapState does,
 * and `evaluateTimeline`. Every statement is recorded for the native replay.
 */
import type { Connector } from '../../src/data/connector';
import { connectorRunner } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { explainContact } from '../../src/data/explain-contact';
import { evaluateTimeline } from '../../src/data/timeline';
import { contactEntity, type Catalog } from '../../src/engine/catalog';
import type { Library } from '../../src/engine/library-schema';
import { funnelPlans } from '../../src/engine/stats/funnel-queries';
import { overlapQuery } from '../../src/engine/stats/overlap-queries';
import * as q from '../../src/engine/sql/build';
import { printQuery } from '../../src/engine/sql/print-duckdb';
import { CountCache } from '../../src/state/insight/count-cache';
import { countFunnel } from '../../src/state/insight/count-funnel';
import { epochOf, SegmentEvaluator } from '../../src/data/segment-evaluator';
import { INSIGHT_TASKS, TIMELINE_WEEKS, type InsightTask } from '../insight-tasks';
import { recordingConnector } from '../instrument';
import type { InsightRun, LoadStep } from '../protocol';

const WEEK = 7 * 86_400_000;

export interface InsightContext {
  readonly db: Connector;
  readonly catalog: Catalog;
  /** The benchmark library with the funnel's segment. */
  readonly library: Library;
  readonly now: number;
}

const sqlOf = (steps: readonly LoadStep[]) => steps.flatMap((s) => (s.kind === 'sql' ? [s.sql] : []));

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

export class InsightRunner {
  /** The contact each trace explains, chosen once (untimed). */
  private readonly contacts = new Map<number, string>();
  private runs = 0;

  constructor(private readonly ctx: InsightContext) {}

  async run(index: number): Promise<InsightRun> {
    const task = INSIGHT_TASKS[index];
    if (!task) throw new Error(`no insight task ${index}`);
    const steps: LoadStep[] = [];
    const db = recordingConnector(this.ctx.db, steps);
    switch (task.kind) {
      case 'trace':
        return this.trace(index, task, db, steps);
      case 'funnel':
        return this.funnel(task, db, steps);
      case 'overlap':
        return this.overlap(task, db, steps);
      case 'timeline':
        return this.timeline(task, db, steps);
    }
  }

  private async contactFor(index: number, task: Extract<InsightTask, { kind: 'trace' }>): Promise<string> {
    const known = this.contacts.get(index);
    if (known !== undefined) return known;
    const { db, catalog, library, now } = this.ctx;
    const [result] = await evaluateLibrary(connectorRunner(db), catalog, library, { now, only: task.segment });
    const members = new Set(result!.members);
    const contact = contactEntity(catalog);
    const key = q.col(undefined, contact.key);
    const rows = await db.query(printQuery(q.select([q.as(key, 'id')], { from: q.table(contact.table), orderBy: [key] })));
    const keys = rows.map((r) => String(r.id));
    // From the middle of the keys, not the first: nothing about the first contact is special.
    const candidates = [...keys.slice(keys.length >> 1), ...keys.slice(0, keys.length >> 1)];
    const chosen = candidates.find((k) => members.has(k) === task.member);
    if (chosen === undefined) throw new Error(`${task.label}: no such contact`);
    this.contacts.set(index, chosen);
    return chosen;
  }

  private async trace(index: number, task: Extract<InsightTask, { kind: 'trace' }>, db: Connector, steps: LoadStep[]) {
    const { catalog, library, now } = this.ctx;
    const contact = await this.contactFor(index, task);
    const [ms, explanation] = await timed(() =>
      explainContact(connectorRunner(db), catalog, library, { now, segment: task.segment, contact }),
    );
    if (explanation.member !== task.member || explanation.trace.holds !== task.member)
      throw new Error(`${task.label}: ${contact} has member ${explanation.member}, trace ${explanation.trace.holds}`);
    return { ms, summary: `${contact}: member ${explanation.member}`, setup: [], statements: sqlOf(steps), cleanup: [] };
  }

  private async funnel(task: Extract<InsightTask, { kind: 'funnel' }>, db: Connector, steps: LoadStep[]) {
    const { catalog, library, now } = this.ctx;
    const segment = library.segments.find((s) => s.name === task.segment)!;
    // A fresh cache: nothing counted yet, as when the segment is first opened.
    const cache = new CountCache();
    const epoch = `bench|${++this.runs}`;
    const [ms, counts] = await timed(async () => {
      const plans = funnelPlans(segment, { catalog, now, segmentQuery: (name) => fail(`a group refers to no segment (${name})`) });
      const out: string[] = [];
      for (const plan of plans)
        for (const step of (await countFunnel(plan, cache, (sql) => db.query(sql), epoch)).steps)
          out.push(`${step.remaining}/${step.alone}`);
      return out;
    });
    return { ms, summary: `left/alone per condition: ${counts.join(', ')}`, setup: [], statements: sqlOf(steps), cleanup: [] };
  }

  private async overlap(task: Extract<InsightTask, { kind: 'overlap' }>, db: Connector, steps: LoadStep[]) {
    const { catalog, library, now } = this.ctx;
    const tables = new SegmentEvaluator(`overlap${++this.runs}`);
    const ctx = { runner: connectorRunner(db), catalog, library, now, epoch: epochOf({ version: 1 }, now) };
    if (task.cached) for (const name of task.segments) await tables.materialise(ctx, name);
    const setup = sqlOf(steps.splice(0));
    const [ms, rows] = await timed(async () => {
      const names: string[] = [];
      for (const name of task.segments) names.push((await tables.materialise(ctx, name)).table);
      return db.query(printQuery(overlapQuery(names)));
    });
    const statements = sqlOf(steps.splice(0));
    await tables.clear(ctx.runner);
    const cleanup = sqlOf(steps);
    return { ms, summary: `${rows.length} non-empty intersections`, setup, statements, cleanup };
  }

  private async timeline(task: Extract<InsightTask, { kind: 'timeline' }>, db: Connector, steps: LoadStep[]) {
    const { catalog, library, now } = this.ctx;
    const range = { from: now - TIMELINE_WEEKS * WEEK, to: now, step: 'week' as const, only: task.segment };
    const [ms, result] = await timed(() => evaluateTimeline(connectorRunner(db), catalog, library, range));
    const counts = result[0]!.timeline.map((p) => p.count);
    return {
      ms,
      summary: `${counts.length} points, ${counts[0]} → ${counts.at(-1)} members`,
      setup: [],
      statements: sqlOf(steps),
      cleanup: [],
    };
  }
}

function fail(message: string): never {
  throw new Error(message);
}
