import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../src/data/connector';
import { evaluateLibrary } from '../src/data/evaluate-library';
import { connectorRunner } from '../src/data/engines/engine';
import { loadData } from '../src/data/load-data';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import { readFolder } from '../src/data/read-folder';
import type { Catalog } from '../src/engine/catalog';
import type { CompoundSegment, Library, ProfileSegment, Segment } from '../src/engine/library-schema';
import { parseLibraryOrThrow } from '../src/engine/parse-library';
import { evaluateSteps, Superseded } from '../src/data/evaluate-steps';
import { SegmentEvaluator, type EvaluationContext } from '../src/data/segment-evaluator';
import { FIXTURE_DATA, FIXTURE_LIBRARY } from './helpers/examples';

const NOW = Date.parse('2026-03-31T12:00:00Z');
let db: Connector;
let catalog: Catalog;
const library: Library = parseLibraryOrThrow(JSON.parse(readFileSync(FIXTURE_LIBRARY, 'utf8')));

beforeAll(async () => {
  db = await createNodeConnector();
  ({ catalog } = await loadData(db, await readFolder(FIXTURE_DATA), nodeDecoders));
});
afterAll(async () => db?.close());

const context = (lib: Library = library, now = NOW): EvaluationContext => ({
  runner: connectorRunner(db),
  catalog,
  library: lib,
  now,
  epoch: `1|${now}`,
});

/** A context whose connector records every statement it runs. */
function recording(): { ctx: EvaluationContext; statements: string[] } {
  const statements: string[] = [];
  const runner = connectorRunner(db);
  const recorded = {
    ...runner,
    execute: (sql: string) => (statements.push(sql), runner.execute(sql)),
    query: (sql: string) => (statements.push(sql), runner.query(sql)),
  };
  return { ctx: { ...context(), runner: recorded }, statements };
}

async function evaluateCounts(lib: Library, now = NOW): Promise<Record<string, number>> {
  const results = await evaluateLibrary(connectorRunner(db), catalog, lib, { now });
  return Object.fromEntries(results.map((r) => [r.name, r.count]));
}

describe('designer evaluation on the worked examples', () => {
  it('segment tables count every segment like evaluate does', async () => {
    const tables = new SegmentEvaluator();
    const expected = await evaluateCounts(library);
    for (const segment of library.segments) {
      expect((await tables.materialise(context(), segment.name)).count, segment.name).toBe(expected[segment.name]);
    }
  });

  it('a preview totals like evaluate and counts each group prefix of the Flow', async () => {
    const tables = new SegmentEvaluator();
    const expected = await evaluateCounts(library);
    let n = 0;
    for (const segment of library.segments) {
      const outcome = await evaluateSteps(context(), tables, segment, `preview:${++n}`, () => true);
      expect(outcome.total, segment.name).toBe(expected[segment.name]);
    }
    const engaged = library.segments.find((s) => s.name === 'EngagedSeattle')!;
    const outcome = await evaluateSteps(context(), tables, engaged, 'preview:steps', () => true);
    // SeattleEmailable, then ∪ Referrers, then ∩ OpenedTwiceLast30Days — each prefix as its own compound segment.
    const steps = (engaged as CompoundSegment).query.steps;
    const prefixes: Segment[] = [1, 2, 3].map((k) => ({
      ...(engaged as CompoundSegment),
      name: `Prefix${k}`,
      query: { steps: steps.slice(0, k) },
    }));
    const prefixCounts = await evaluateCounts({ version: 1, segments: [...library.segments, ...prefixes] });
    expect(outcome.stepCounts).toEqual([prefixCounts.Prefix1, prefixCounts.Prefix2, prefixCounts.Prefix3]);
    const members = await db.query(`SELECT count(*) AS n FROM "${outcome.table}"`);
    expect(Number(members[0]!.n)).toBe(expected.EngagedSeattle);
  });

  it('profile group counts follow the fold, exclude included', async () => {
    const seattle = library.segments.find((s) => s.name === 'SeattleEmailable')!;
    const outcome = await evaluateSteps(context(), new SegmentEvaluator(), seattle, 'preview:seattle', () => true);
    const profile = seattle as ProfileSegment;
    const firstGroup: Segment = { ...profile, name: 'FirstGroup', query: { groups: [profile.query.groups[0]!] } };
    const counts = await evaluateCounts({ version: 1, segments: [firstGroup, seattle] });
    expect(outcome.stepCounts).toEqual([counts.FirstGroup, counts.SeattleEmailable]);
    expect(outcome.stepCounts[0]).toBeGreaterThan(outcome.stepCounts[1]!);
  });

  it('evaluate as of another instant changes sliding windows, and the cache follows the epoch', async () => {
    const tables = new SegmentEvaluator();
    const later = Date.parse('2026-05-15T00:00:00Z');
    const now = await tables.materialise(context(), 'OpenedTwiceLast30Days');
    const then = await tables.materialise(context(library, later), 'OpenedTwiceLast30Days');
    expect(now.count).toBe((await evaluateCounts(library)).OpenedTwiceLast30Days);
    expect(then.count).toBe((await evaluateCounts(library, later)).OpenedTwiceLast30Days);
    expect(then.count).not.toBe(now.count);
    expect(then.table).not.toBe(now.table);
  });

  it('a superseded preview stops and leaves no table behind', async () => {
    const seattle = library.segments.find((s) => s.name === 'SeattleEmailable')!;
    await expect(evaluateSteps(context(), new SegmentEvaluator(), seattle, 'preview:stale', () => false)).rejects.toBeInstanceOf(
      Superseded,
    );
    const left = await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'preview:stale%'`);
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('an edit to one Flow group evaluates that group alone, and totals like evaluate', async () => {
    const tables = new SegmentEvaluator('flow');
    const { ctx, statements } = recording();
    const seattle = library.segments.find((s) => s.name === 'SeattleEmailable') as ProfileSegment;
    const [first, second] = seattle.query.groups;
    const edited: ProfileSegment = {
      ...seattle,
      name: 'PortlandEmailable',
      query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'Portland' } }, second!] },
    };
    const groupsCreated = () => statements.filter((sql) => sql.startsWith('CREATE OR REPLACE TEMP TABLE "flow:part:')).length;

    await evaluateSteps(ctx, tables, seattle, 'preview:a', () => true);
    expect(groupsCreated()).toBe(2);
    const outcome = await evaluateSteps(ctx, tables, edited, 'preview:b', () => true);
    expect(groupsCreated(), 'only the edited group is evaluated again').toBe(3);
    const counts = await evaluateCounts({ version: 1, segments: [edited] });
    expect(outcome.total).toBe(counts.PortlandEmailable);
    expect(first).not.toEqual(edited.query.groups[0]);

    await evaluateSteps({ ...ctx, now: NOW + 1, epoch: `1|${NOW + 1}` }, tables, seattle, 'preview:c', () => true);
    expect(groupsCreated(), 'a new instant evaluates every group again').toBe(5);
    await tables.clear(connectorRunner(db));
    const left = await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'flow:part:%'`);
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('a new count test on an interaction query reads the kept values, and totals like evaluate', async () => {
    const tables = new SegmentEvaluator('counts');
    const { ctx, statements } = recording();
    const opened = library.segments.find((s) => s.name === 'OpenedTwiceLast30Days')!;
    if (opened.kind !== 'interaction') throw new Error('OpenedTwiceLast30Days is an interaction segment');
    const tests = [
      undefined,
      { op: 'atLeast', value: 1 },
      { op: 'atMost', value: 1 },
      { op: 'exactly', value: 0 },
      { op: 'between', value: [1, 3] },
    ] as const;
    const variants = tests.map((count, i) => ({ ...opened, name: `Count${i}`, query: { ...opened.query, count } }) as Segment);
    const expected = await evaluateCounts({ version: 1, segments: variants });
    for (const variant of variants) {
      const outcome = await evaluateSteps(ctx, tables, variant, `preview:${variant.name}`, () => true);
      expect(outcome.total, variant.name).toBe(expected[variant.name]);
      await db.query(`DROP TABLE "${outcome.table}"`);
    }
    expect(statements.filter((sql) => sql.startsWith('CREATE OR REPLACE TEMP TABLE "counts:part:')).length).toBe(1);
    await tables.clear(connectorRunner(db));
  });
});
