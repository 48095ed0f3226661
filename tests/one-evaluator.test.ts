/**
 * The library's counts, the designer's preview, the results (the members tab and the Query
 * tab's SQL) and `evaluate` all resolve segment references through one evaluator: on a library
 * of compound segments nested two deep they give the same members, and an edit to a segment used
 * only indirectly refreshes every one of them.
 */
import { describe, expect, it, vi } from 'vitest';
import { connectorRunner } from '../src/data/engines/engine';
import { evaluateLibrary } from '../src/data/evaluate-library';
import type { Library, Segment } from '../src/engine/library-schema';
import type { LibraryEntry } from '../src/state/library/library-entries';
import { LibraryCounts } from '../src/state/library/library-counts.svelte';
import { EvaluationClock } from '../src/state/preview/preview-clock.svelte';
import { PreviewState } from '../src/state/preview/preview-state.svelte';
import { MembersState } from '../src/state/results/results-members.svelte';
import { queryTexts } from '../src/state/results/results-query';
import { SegmentEvaluator } from '../src/data/segment-evaluator';
import { NOW } from './helpers/fixture-data';
import { fixtureDatabase } from './helpers/fixture-database';

const fixture = fixtureDatabase();

const profile = (name: string, where: object): Segment =>
  ({ name, kind: 'profile', status: 'live', timeZone: 'UTC', query: { groups: [{ where }] } }) as Segment;
const compound = (name: string, first: string, combine: 'union' | 'intersect' | 'exclude', second: string): Segment => ({
  name,
  kind: 'compound',
  status: 'live',
  timeZone: 'UTC',
  query: { steps: [{ segment: first }, { combine, segment: second }] },
});

/** Top uses Middle and Picked; Middle uses City and Paris: City reaches Top only through Middle. */
const library = (city: string): Segment[] => [
  profile('City', { field: 'address1_city', op: 'eq', value: city }),
  profile('Paris', { field: 'address1_city', op: 'eq', value: 'Paris' }),
  { name: 'Picked', kind: 'static', status: 'live', timeZone: 'UTC', members: ['c1', 'c2', 'c3', 'c5'] },
  compound('Middle', 'City', 'union', 'Paris'),
  compound('Top', 'Middle', 'intersect', 'Picked'),
];
const entriesOf = (segments: Segment[]): LibraryEntry[] => segments.map((live) => ({ id: live.name, status: 'live', live, updatedAt: 0 }));

function app() {
  const clock = new EvaluationClock(() => NOW);
  clock.setAsOf(NOW);
  const data = { connector: fixture.db, catalog: fixture.catalog, version: 1 };
  const deps = { data, clock, evaluator: new SegmentEvaluator('one-evaluator') };
  const preview = new PreviewState(deps, 'one-preview');
  return { data, preview, counts: new LibraryCounts(deps), members: new MembersState(data, preview) };
}

type App = ReturnType<typeof app>;

async function evaluated(segments: Segment[]): Promise<Map<string, string[]>> {
  const results = await evaluateLibrary(connectorRunner(fixture.db), fixture.catalog, { version: 1, segments }, { now: NOW });
  return new Map(results.map((r) => [r.name, [...r.members]]));
}

/** What the preview and the members tab show for `name`, after the edit that led there. */
async function previewed(ui: App, entries: LibraryEntry[], name: string): Promise<{ total: number; members: string[] }> {
  const entry = entries.find((e) => e.id === name)!;
  ui.preview.schedule({ id: name, definition: entry.live!, entries });
  await vi.waitFor(() => expect(ui.preview.status, ui.preview.error).toBe('ready'), { timeout: 5000 });
  await ui.members.load(ui.preview.table);
  return { total: ui.preview.total!, members: ui.members.rows.map((r) => String(r.contactid)).sort() };
}

async function counted(ui: App, entries: LibraryEntry[]): Promise<Record<string, number | undefined>> {
  ui.counts.schedule(entries);
  await vi.waitFor(() => expect(ui.counts.running).toBe(false), { timeout: 5000 });
  return Object.fromEntries(entries.map((e) => [e.id, ui.counts.counts[e.id]?.count]));
}

/** The Query tab's SQL, with every reference inlined, run on its own. */
async function queried(segments: Segment[], name: string): Promise<string[]> {
  const lib: Library = { version: 1, segments };
  const { sql } = queryTexts(
    segments.find((s) => s.name === name)!,
    lib,
    fixture.catalog,
    NOW,
  );
  return (await fixture.db.query(sql)).map((r) => String(r.id)).sort();
}

async function expectAgreement(ui: App, segments: Segment[]): Promise<Map<string, string[]>> {
  const entries = entriesOf(segments);
  const want = await evaluated(segments);
  const counts = await counted(ui, entries);
  for (const segment of segments) {
    const members = want.get(segment.name)!;
    expect(counts[segment.name], `count of ${segment.name}`).toBe(members.length);
    expect(await previewed(ui, entries, segment.name), `preview of ${segment.name}`).toEqual({ total: members.length, members });
    expect(await queried(segments, segment.name), `Query tab SQL of ${segment.name}`).toEqual(members);
  }
  return want;
}

describe('one evaluator for evaluate, counts, preview and results', () => {
  it('gives the same members for nested compound segments, and an edit to an indirect dependency refreshes all of them', async () => {
    const ui = app();
    const before = await expectAgreement(ui, library('Seattle'));
    expect(before.get('Top')).toEqual(['c1', 'c2', 'c3']);

    // City changes; Top does not name it, yet every view of Top must follow.
    const after = await expectAgreement(ui, library('Berlin'));
    expect(after.get('Top')).toEqual(['c3']);
  });
});
