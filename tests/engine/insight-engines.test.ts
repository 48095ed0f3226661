/**
 * `--timeline` and `--explain` on every engine (SPEC §4: they work with `--engine`): on the
 * fixture data, each engine's timelines and traces equal DuckDB-WASM's, the app's engine, for
 * every segment of the insight libraries and every contact.
 */
import { describe, expect, it } from 'vitest';
import { explainContact } from '../../src/data/explain-contact';
import { evaluateTimeline, type TimelineOptions } from '../../src/data/timeline';
import { enginesUnderTest, useLoadedEngine } from '../helpers/engines';
import { fixtureFiles, NOW } from '../helpers/fixture-data';
import { useFixtureEngine } from '../helpers/fixture-engine';
import { EXPLAIN_LIBRARY, TIMELINE_LIBRARY } from '../helpers/insight-libraries';

const CONTACTS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];

const SERIES: Record<string, TimelineOptions> = {
  daily: { from: Date.parse('2026-02-25T05:00:00Z'), to: Date.parse('2026-04-02T05:00:00Z'), step: 'day' },
  weekly: { from: Date.parse('2026-01-03T23:30:00Z'), to: Date.parse('2026-04-10T00:00:00Z'), step: 'week' },
};

const fixture = useFixtureEngine();

for (const engine of await enginesUnderTest(['native', 'postgres', 'clickhouse'])) {
  describe(`timelines and traces on ${engine.name} equal DuckDB-WASM's`, () => {
    if (engine.unavailable) {
      it.skip(`skipped: ${engine.unavailable}`, () => undefined);
      return;
    }
    const held = useLoadedEngine(engine, fixtureFiles);

    for (const [name, series] of Object.entries(SERIES))
      it(`the ${name} timeline of every segment`, async () => {
        const want = await evaluateTimeline(fixture.runner, fixture.catalog, TIMELINE_LIBRARY, series);
        expect(want.some((s) => s.timeline.some((p) => p.left > 0))).toBe(true);
        expect(await evaluateTimeline(held.opened, held.loaded.catalog, TIMELINE_LIBRARY, series)).toEqual(want);
      }, 120_000);

    for (const segment of EXPLAIN_LIBRARY.segments)
      it(`the trace of ${segment.name} for every contact`, async () => {
        for (const contact of CONTACTS) {
          const options = { now: NOW, segment: segment.name, contact };
          const want = await explainContact(fixture.runner, fixture.catalog, EXPLAIN_LIBRARY, options);
          expect(await explainContact(held.opened, held.loaded.catalog, EXPLAIN_LIBRARY, options), `${segment.name}, ${contact}`).toEqual(
            want,
          );
        }
      }, 120_000);
  });
}
