/**
 * `evaluateTimeline` on the fixture data equals the normal evaluator run at every instant:
 * windows in months and weeks, a zone other than UTC, the zero rule, relative dates on contact
 * and interaction fields, referenced segments, and the per-instant fallback.
 */
import { describe, expect, it } from 'vitest';
import type { SqlRunner } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { evaluateTimeline, timelineChanges } from '../../src/data/timeline';
import type { Catalog } from '../../src/engine/catalog';
import { timelinePass } from '../../src/engine/compile/compile-timeline';
import type { Library } from '../../src/engine/library-schema';
import { LibraryError } from '../../src/engine/problems';
import { timelineInstants, type TimelineStep } from '../../src/engine/time';
import { useFixtureEngine } from '../helpers/fixture-engine';
import { TIMELINE_LIBRARY as LIBRARY } from '../helpers/insight-libraries';
import { pointsFromMembers } from '../helpers/timeline-points';

/** The timeline worked out the slow way: the normal evaluator at every instant. */
async function perInstant(runner: SqlRunner, catalog: Catalog, library: Library, instants: number[]) {
  // One after another: evaluations share their temporary tables' names.
  const at: Map<string, Set<string>>[] = [];
  for (const now of instants)
    at.push(new Map((await evaluateLibrary(runner, catalog, library, { now })).map((r) => [r.name, new Set(r.members)])));
  return library.segments.map(({ name }) => ({
    name,
    timeline: pointsFromMembers(
      instants,
      at.map((m) => m.get(name)!),
    ),
  }));
}

describe('evaluateTimeline', () => {
  const fixture = useFixtureEngine();

  it('counts instants FROM + k steps up to and including TO, months clamped and counted from FROM', () => {
    const iso = (from: string, to: string, step: TimelineStep) =>
      timelineInstants(Date.parse(from), Date.parse(to), step).map((t) => new Date(t).toISOString());
    expect(iso('2026-01-31T00:00:00Z', '2026-05-31T00:00:00Z', 'month')).toEqual([
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
      '2026-05-31T00:00:00.000Z',
    ]);
    expect(iso('2026-03-01T12:00:00Z', '2026-03-15T11:59:59Z', 'week')).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-08T12:00:00.000Z']);
    expect(iso('2026-03-28T06:00:00Z', '2026-03-30T06:00:00Z', 'day')).toHaveLength(3);
    expect(iso('2026-03-28T06:00:00Z', '2026-03-28T06:00:00Z', 'day')).toEqual(['2026-03-28T06:00:00.000Z']);
    expect(() => timelineInstants(0, Date.parse('2026-01-01T00:00:00Z'), 'day')).toThrow(/at most 1000 instants/);
  });

  it('reads the data once for every instant where it can (interaction conditions in a Flow too), and per instant under related conditions', () => {
    const pass = Object.fromEntries(LIBRARY.segments.map((s) => [s.name, timelinePass(s)]));
    expect(pass).toMatchObject({
      OpenedMonth: 'one pass',
      NewContacts: 'one pass',
      Mixed: 'one pass',
      SeattleOpeners: 'one pass',
      ManagerIsNew: 'per instant',
      Seattle: 'one pass',
    });
  });

  it.each([
    ['daily around the fixture interactions', '2026-02-25T05:00:00Z', '2026-04-02T05:00:00Z', 'day'],
    ['weekly', '2026-01-03T23:30:00Z', '2026-04-10T00:00:00Z', 'week'],
    ['monthly from a 31st', '2025-12-31T12:00:00Z', '2026-05-31T12:00:00Z', 'month'],
  ] as const)(
    'equals the evaluator at every instant: %s',
    async (_, from, to, step) => {
      const instants = timelineInstants(Date.parse(from), Date.parse(to), step);
      const got = await evaluateTimeline(fixture.runner, fixture.catalog, LIBRARY, { from: Date.parse(from), to: Date.parse(to), step });
      expect(got).toEqual(await perInstant(fixture.runner, fixture.catalog, LIBRARY, instants));
      // The timeline is not flat: entering and leaving both happen.
      expect(got.some((s) => s.timeline.some((p) => p.left > 0))).toBe(true);
      expect(got.some((s) => s.timeline.slice(1).some((p) => p.entered > 0))).toBe(true);
    },
    120_000,
  );

  it('holds a contact from the very instant of its first interaction, as the evaluator does', async () => {
    const opened = fixture.catalog.interactions.types.EmailOpened!.table;
    const [first] = await fixture.runner.query(`SELECT epoch_ms(min("Timestamp")) AS t FROM "${opened}"`);
    const from = Number(first!.t);
    const library: Library = { ...LIBRARY, segments: LIBRARY.segments.filter((s) => s.name === 'EverOpened') };
    const instants = timelineInstants(from - 86_400_000, from + 86_400_000, 'day');
    const got = await evaluateTimeline(fixture.runner, fixture.catalog, library, { from: instants[0]!, to: instants.at(-1)!, step: 'day' });
    expect(got).toEqual(await perInstant(fixture.runner, fixture.catalog, library, instants));
    // The second instant is the first interaction's own: someone enters there, not a day later.
    expect(got[0]!.timeline.map((p) => p.entered)).toEqual([0, expect.any(Number), expect.any(Number)]);
    expect(got[0]!.timeline[1]!.entered).toBeGreaterThan(0);
  });

  it('prints one segment with only, evaluating what it refers to', async () => {
    const got = await evaluateTimeline(fixture.runner, fixture.catalog, LIBRARY, {
      from: Date.parse('2026-03-01T00:00:00Z'),
      to: Date.parse('2026-03-31T00:00:00Z'),
      step: 'week',
      only: 'Nested',
    });
    expect(got.map((s) => s.name)).toEqual(['Nested']);
    expect(got[0]!.timeline).toHaveLength(5);
    await expect(
      evaluateTimeline(fixture.runner, fixture.catalog, LIBRARY, { from: 0, to: 0, step: 'day', only: 'Nobody' }),
    ).rejects.toThrow(LibraryError);
  });

  it('names the contacts that entered and left at a point', async () => {
    const at = Date.parse('2026-03-08T00:00:00Z');
    const previous = Date.parse('2026-03-01T00:00:00Z');
    const membersAt = async (t: number) =>
      new Set((await evaluateLibrary(fixture.runner, fixture.catalog, LIBRARY, { now: t, only: 'OpenedMonth' }))[0]!.members);
    const before = await membersAt(previous);
    const now = await membersAt(at);
    const changes = await timelineChanges(fixture.runner, fixture.catalog, LIBRARY, { segment: 'OpenedMonth', at, previous });
    expect(changes).toEqual({
      entered: [...now!].filter((c) => !before!.has(c)).sort(),
      left: [...before!].filter((c) => !now!.has(c)).sort(),
    });
    expect(changes.entered.length + changes.left.length).toBeGreaterThan(0);
    expect(await timelineChanges(fixture.runner, fixture.catalog, LIBRARY, { segment: 'Vips', at })).toEqual({
      entered: ['c2', 'c5'],
      left: [],
    });
  });
});
