import { describe, expect, it } from 'vitest';
import { connectorRunner } from '../src/data/engines/engine';
import { evaluateLibrary } from '../src/data/evaluate-library';
import type { Library, Segment, SegmentInput } from '../src/engine/library-schema';
import { pairMatrix, intersectionSteps, segmentSizes } from '../src/state/insight/overlap-sets';
import { OverlapState } from '../src/state/insight/overlap-state.svelte';
import type { LibraryEntry } from '../src/state/library/library-entries';
import { EvaluationClock } from '../src/state/preview/preview-clock.svelte';
import { SegmentEvaluator } from '../src/data/segment-evaluator';
import { NOW } from './helpers/fixture-data';
import { fixtureDatabase } from './helpers/fixture-database';

const fixture = fixtureDatabase();

const segments: Segment[] = [
  {
    name: 'Seattle',
    kind: 'profile',
    status: 'live',
    timeZone: 'UTC',
    query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'seattle' } }] },
  },
  { name: 'Opened', kind: 'interaction', status: 'live', timeZone: 'UTC', query: { interaction: 'EmailOpened' } },
  { name: 'Picked', kind: 'static', status: 'live', timeZone: 'UTC', members: ['c1', 'c3', 'c5', 'c7'] },
];
const names = segments.map((s) => s.name);
const entries: LibraryEntry[] = segments.map((live, i) => ({ id: `e${i}`, status: 'live', live, updatedAt: 0 }));

async function members(library: Library): Promise<Map<string, Set<string>>> {
  const results = await evaluateLibrary(connectorRunner(fixture.db), fixture.catalog, library, { now: NOW });
  return new Map(results.map((r) => [r.name, new Set(r.members)]));
}

function overlapState(created: SegmentInput[] = []) {
  const clock = new EvaluationClock(() => NOW);
  clock.setAsOf(NOW);
  const library = {
    entries,
    create: (): LibraryEntry => ({
      id: 'new',
      status: 'draft',
      draft: { name: 'NewCompound', kind: 'compound', query: { steps: [] } } as unknown as SegmentInput,
      updatedAt: 0,
    }),
    updateDraft: (_id: string, definition: SegmentInput) => void created.push(definition),
  };
  return new OverlapState({
    data: { connector: fixture.db, catalog: fixture.catalog, version: 1 },
    clock,
    evaluator: new SegmentEvaluator('overlap-test'),
    library,
  });
}

describe('overlap of three segments', () => {
  it('every intersection has the size set arithmetic gives on the evaluated members', async () => {
    const overlap = overlapState();
    for (const name of names) overlap.toggle(name);
    await overlap.schedule();
    expect(overlap.status, overlap.error).toBe('ready');
    const sets = await members({ version: 1, segments });
    const everyone = new Set([...sets.values()].flatMap((s) => [...s]));
    const expected = new Map<number, number>();
    for (const id of everyone) {
      const mask = names.reduce((m, n, i) => (sets.get(n)!.has(id) ? m | (1 << i) : m), 0);
      expected.set(mask, (expected.get(mask) ?? 0) + 1);
    }
    expect(new Map(overlap.parts.map((p) => [p.mask, p.size]))).toEqual(expected);
    expect(overlap.parts.length).toBeGreaterThan(2);
    expect(segmentSizes(names, overlap.parts)).toEqual(names.map((n) => sets.get(n)!.size));
    const matrix = pairMatrix(names, overlap.parts);
    const both = [...sets.get('Seattle')!].filter((id) => sets.get('Picked')!.has(id)).length;
    expect(matrix[0]![2]!.both).toBe(both);
    expect(matrix[0]![2]!.share).toBeCloseTo(both / sets.get('Seattle')!.size);
  });

  it('lists the members of an intersection and starts a compound segment that selects exactly them', async () => {
    const created: SegmentInput[] = [];
    const overlap = overlapState(created);
    for (const name of names) overlap.toggle(name);
    await overlap.schedule();
    for (const part of overlap.parts) {
      await overlap.select(part.mask);
      overlap.startCompound(part.mask);
      const compound = { ...created.at(-1)!, name: 'Exactly', status: 'live' } as Segment;
      const exact = (await members({ version: 1, segments: [...segments, compound] })).get('Exactly')!;
      expect(exact.size, part.segments.join('+')).toBe(part.size);
      expect(overlap.members.map((m) => m.id)).toEqual([...exact].sort());
    }
    expect(intersectionSteps(['A', 'B', 'C'], 0b101)).toEqual([
      { segment: 'A' },
      { combine: 'intersect', segment: 'C' },
      { combine: 'exclude', segment: 'B' },
    ]);
  });

  it('needs two segments, and takes at most eight', () => {
    const overlap = overlapState();
    for (let i = 0; i < 10; i++) overlap.toggle(`S${i}`);
    expect(overlap.chosen).toHaveLength(8);
  });
});
