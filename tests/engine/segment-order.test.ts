import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/engine/library-schema';
import { definitionKey, evaluationOrder, referenceCycles } from '../../src/engine/segment-order';
import { checkDefinition } from '../../src/state/library/library-problems';
import type { LibraryEntry } from '../../src/state/library/library-entries';
import type { Catalog } from '../../src/engine/catalog';
import { cityProfile, compound } from '../helpers/segment-builders';

const lookupIn = (segments: Segment[]) => (name: string) => segments.find((s) => s.name === name);

describe('segment order', () => {
  it('finds each reference cycle once, where it closes, and none in a tree', () => {
    const segments = [compound('C', 'A'), compound('A', 'B'), compound('B', 'A'), cityProfile('D', 'x'), compound('E', 'D', 'D')];
    expect(referenceCycles(['C', 'A', 'B', 'D', 'E'], lookupIn(segments))).toEqual([{ at: 'A', names: ['A', 'B', 'A'] }]);
    expect(referenceCycles(['E', 'D'], lookupIn(segments))).toEqual([]);
  });

  it('the designer names a cycle through the definition being checked', () => {
    const entries: LibraryEntry[] = [compound('Middle', 'Top')].map((live) => ({ id: live.name, status: 'live', live, updatedAt: 0 }));
    const catalog = { entities: {}, relations: [], interactions: {} } as unknown as Catalog;
    const check = checkDefinition(compound('Top', 'Middle'), 'Top', entries, catalog);
    expect(check.problems.map((p) => p.message)).toContain('segments refer to each other in a cycle: Top → Middle → Top');
  });

  it('keys a segment by every definition below it, and orders dependencies first', () => {
    const key = (value: string) =>
      definitionKey(compound('Top', 'Middle'), lookupIn([compound('Middle', 'City'), cityProfile('City', value)]));
    expect(key('Seattle')).not.toBe(key('Paris'));
    const library = { version: 1 as const, segments: [compound('Top', 'Middle'), compound('Middle', 'City'), cityProfile('City', 'x')] };
    expect(evaluationOrder(library).map((s) => s.name)).toEqual(['City', 'Middle', 'Top']);
  });
});
