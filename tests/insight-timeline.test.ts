import { describe, expect, it } from 'vitest';
import { connectorRunner } from '../src/data/engines/engine';
import { evaluateLibrary } from '../src/data/evaluate-library';
import type { Library, Segment } from '../src/engine/library-schema';
import { DataInsightServices } from '../src/state/insight/data-insight-services';
import { DEFAULT_SPAN_MS, TimelineState } from '../src/state/insight/timeline-state.svelte';
import { NOW } from './helpers/fixture-data';
import { fixtureDatabase } from './helpers/fixture-database';

const fixture = fixtureDatabase();

const segment: Segment = {
  name: 'OpenedLastWeek',
  kind: 'interaction',
  status: 'draft',
  timeZone: 'UTC',
  query: { interaction: 'EmailOpened', window: { last: 7, unit: 'day' } },
};
const library: Library = { version: 1, segments: [segment] };

async function membersAt(now: number): Promise<Set<string>> {
  const [result] = await evaluateLibrary(connectorRunner(fixture.db), fixture.catalog, library, { now, only: segment.name });
  return new Set(result!.members);
}

describe('membership over time of the open segment', () => {
  it('by default the 12 weeks up to the instant, each point the segment evaluated then; a point lists who entered and left', async () => {
    const timeline = new TimelineState(new DataInsightServices({ connector: fixture.db, catalog: fixture.catalog }));
    timeline.step = 'day';
    timeline.from = NOW - 40 * 86_400_000;
    await timeline.schedule({ id: 'x', segment, library, now: NOW }, true);
    expect(timeline.status, timeline.error).toBe('ready');
    expect(timeline.points).toHaveLength(41);
    expect(Date.parse(timeline.points.at(-1)!.at)).toBe(NOW);
    let before = new Set<string>();
    for (const point of timeline.points) {
      const now = Date.parse(point.at);
      const members = await membersAt(now);
      expect(point.count, point.at).toBe(members.size);
      expect(point.entered, point.at).toBe([...members].filter((id) => !before.has(id)).length);
      expect(point.left, point.at).toBe([...before].filter((id) => !members.has(id)).length);
      before = members;
    }
    const moving = timeline.points.findIndex((p, i) => i > 0 && p.left > 0);
    expect(moving).toBeGreaterThan(0);
    await timeline.select(moving);
    const [now, previous] = [Date.parse(timeline.points[moving]!.at), Date.parse(timeline.points[moving - 1]!.at)];
    const [current, earlier] = [await membersAt(now), await membersAt(previous)];
    expect(timeline.changes).toEqual({
      entered: [...current].filter((id) => !earlier.has(id)).sort(),
      left: [...earlier].filter((id) => !current.has(id)).sort(),
    });

    timeline.from = undefined;
    timeline.step = 'week';
    await timeline.schedule({ id: 'x', segment, library, now: NOW }, true);
    expect(timeline.range(NOW)).toEqual({ from: NOW - DEFAULT_SPAN_MS, to: NOW });
    expect(timeline.points).toHaveLength(13);
  });

  it('waits while its view is closed, and names a range that ends before it starts', async () => {
    const timeline = new TimelineState(new DataInsightServices({ connector: fixture.db, catalog: fixture.catalog }));
    await timeline.schedule({ id: 'x', segment, library, now: NOW }, false);
    expect(timeline.status).toBe('idle');
    timeline.from = NOW + 86_400_000;
    await timeline.schedule({ id: 'x', segment, library, now: NOW }, true);
    expect(timeline.status).toBe('error');
    expect(timeline.error).toMatch(/starts after it ends/);
  });
});
