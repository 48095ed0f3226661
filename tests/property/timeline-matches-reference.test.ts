/**
 * Property: on random data and libraries, `evaluateTimeline`'s one-pass counts, entries and
 * exits equal the reference evaluator run afresh at every instant of the series.
 * PROPERTY_RUNS scales the number of cases, PROPERTY_SEED fixes the seed.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { connectorRunner } from '../../src/data/engines/engine';
import type { InputFile } from '../../src/data/decode-file';
import { evaluateTimeline, type SegmentTimeline, type TimelineOptions } from '../../src/data/timeline';
import type { Library } from '../../src/engine/library-schema';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { subtractSpan, timelineInstants, type TimelineStep } from '../../src/engine/time';
import { enginesUnderTest, withLoadedEngine } from '../helpers/engines';
import { propertyConnector, scaledRuns, withLoadedFiles } from '../helpers/property-setup';
import { pointsFromMembers } from '../helpers/timeline-points';
import { evaluateReference } from '../reference/reference-evaluator';
import { assertProperty } from './assert-property';
import { datasetFiles } from './dataset-files';
import { datasetReference } from './dataset-reference';
import { libraryArbitrary, timeLibraryArbitrary } from './library';
import { caseArbitrary } from './property-case';

let generation = 7000;

/** A series around the case's instant: it starts some steps before now and runs a few steps past it. */
const seriesArbitrary = fc.record({
  step: fc.constantFrom<TimelineStep>('day', 'week', 'month'),
  before: fc.integer({ min: 0, max: 3 }),
  points: fc.integer({ min: 1, max: 5 }),
  shift: fc.integer({ min: -36, max: 36 }).map((h) => h * 3_600_000),
});

describe('the timeline equals the reference evaluated at every instant', () => {
  const held = propertyConnector();

  const onWasm: TimelineOn = (files, library, options) =>
    withLoadedFiles(held.db, files, ++generation, (catalog) => evaluateTimeline(connectorRunner(held.db), catalog, library, options));

  it(`every kind of segment, nested conditions (${scaledRuns(40)} cases)`, async () => {
    console.info(`timeline, mixed segments: ${await check(onWasm, libraryArbitrary, scaledRuns(40))} points checked`);
  }, 600_000);

  it(`date and timestamp tests on boundaries (${scaledRuns(30)} cases)`, async () => {
    console.info(`timeline, time boundaries: ${await check(onWasm, timeLibraryArbitrary, scaledRuns(30))} points checked`);
  }, 600_000);
});

// Each case loads a fresh database on the two-shard cluster, so ClickHouse gets a few cases.
const [clickhouse] = await enginesUnderTest(['clickhouse']);
describe('on ClickHouse, the timeline equals the reference evaluated at every instant', () => {
  if (clickhouse!.unavailable) {
    it.skip(`skipped: ${clickhouse!.unavailable}`, () => undefined);
    return;
  }
  const onClickhouse: TimelineOn = (files, library, options) =>
    withLoadedEngine(clickhouse!, files, (engine, loaded) => evaluateTimeline(engine, loaded.catalog, library, options));

  it(`every kind of segment, nested conditions (${scaledRuns(8)} cases)`, async () => {
    console.info(`ClickHouse timeline, mixed segments: ${await check(onClickhouse, libraryArbitrary, scaledRuns(8))} points checked`);
  }, 600_000);
});

type TimelineOn = (files: InputFile[], library: Library, options: TimelineOptions) => Promise<SegmentTimeline[]>;

async function check(on: TimelineOn, library: typeof libraryArbitrary, runs: number) {
  let points = 0;
  const property = fc.asyncProperty(caseArbitrary(library), seriesArbitrary, async (c, s) => {
    const parsed = parseLibraryOrThrow(c.library);
    const from = s.before === 0 ? c.now + s.shift : subtractSpan(c.now + s.shift, { n: s.before, unit: s.step }, 'UTC');
    const to = timelineInstants(from, from + 400 * 86_400_000, s.step)[s.points - 1]!;
    const instants = timelineInstants(from, to, s.step);
    const got = await on(datasetFiles(c.dataset), parsed, { from, to, step: s.step });
    const data = datasetReference(c.dataset);
    const reference = instants.map((t) => evaluateReference(data, parsed, t));
    for (const segment of got) {
      const want = pointsFromMembers(
        instants,
        reference.map((r) => new Set(r.get(segment.name)!)),
      );
      if (JSON.stringify(segment.timeline) !== JSON.stringify(want))
        throw new Error(
          `${segment.name} (${s.step}): got ${JSON.stringify(segment.timeline)}, the reference ${JSON.stringify(want)}\n${JSON.stringify(parsed.segments.find((x) => x.name === segment.name))}`,
        );
      points += want.length;
    }
  });
  await assertProperty(property, runs);
  return points;
}
