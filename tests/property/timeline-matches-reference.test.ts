/**
 * Property: on random data and libraries, `evaluateTimeline`'s one-pass counts, entries and
 * exits equal the reference evaluator run afresh at every instant of the series.
 * PROPERTY_RUNS scales the number of cases, PROPERTY_SEED fixes the seed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { connectorRunner } from '../../src/data/engines/engine';
import { dropTables, loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { evaluateTimeline } from '../../src/data/timeline';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { subtractSpan, timelineInstants, type TimelineStep } from '../../src/engine/time';
import { evaluateReference } from '../reference/reference-evaluator';
import { datasetFiles } from './dataset-files';
import { datasetReference } from './dataset-reference';
import { libraryArbitrary, timeLibraryArbitrary } from './library';
import { caseArbitrary } from './property-case';

const SCALE = Number(process.env.PROPERTY_RUNS ?? 1);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
let generation = 7000;

/** A series around the case's instant: it starts some steps before now and runs a few steps past it. */
const seriesArbitrary = fc.record({
  step: fc.constantFrom<TimelineStep>('day', 'week', 'month'),
  before: fc.integer({ min: 0, max: 3 }),
  points: fc.integer({ min: 1, max: 5 }),
  shift: fc.integer({ min: -36, max: 36 }).map((h) => h * 3_600_000),
});

describe('the timeline equals the reference evaluated at every instant', () => {
  let connector: Connector;
  beforeAll(async () => {
    connector = await createNodeConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  async function check(library: typeof libraryArbitrary, runs: number) {
    let points = 0;
    const property = fc.asyncProperty(caseArbitrary(library), seriesArbitrary, async (c, s) => {
      const parsed = parseLibraryOrThrow(c.library);
      const from = s.before === 0 ? c.now + s.shift : subtractSpan(c.now + s.shift, { n: s.before, unit: s.step }, 'UTC');
      const to = timelineInstants(from, from + 400 * 86_400_000, s.step)[s.points - 1]!;
      const instants = timelineInstants(from, to, s.step);
      const loaded = await loadData(connector, datasetFiles(c.dataset), nodeDecoders, { generation: ++generation });
      try {
        const got = await evaluateTimeline(connectorRunner(connector), loaded.catalog, parsed, { from, to, step: s.step });
        const data = datasetReference(c.dataset);
        const reference = instants.map((t) => evaluateReference(data, parsed, t));
        for (const segment of got) {
          segment.timeline.forEach((point, k) => {
            const now = new Set(reference[k]!.get(segment.name)!);
            const before = new Set(k === 0 ? [] : reference[k - 1]!.get(segment.name)!);
            const want = {
              at: new Date(instants[k]!).toISOString(),
              count: now.size,
              entered: [...now].filter((id) => !before.has(id)).length,
              left: [...before].filter((id) => !now.has(id)).length,
            };
            if (JSON.stringify(point) !== JSON.stringify(want))
              throw new Error(
                `${segment.name} at ${want.at} (${s.step}): got ${JSON.stringify(point)}, the reference ${JSON.stringify(want)}\n${JSON.stringify(parsed.segments.find((x) => x.name === segment.name))}`,
              );
            points++;
          });
        }
      } finally {
        await dropTables(connector, loaded.tables);
      }
    });
    const details = await fc.check(property, { numRuns: runs, ...(SEED === undefined ? {} : { seed: SEED }) });
    expect(details.failed, fc.defaultReportMessage(details) ?? '').toBe(false);
    return points;
  }

  it(`every kind of segment, nested conditions (${Math.round(40 * SCALE)} cases)`, async () => {
    console.info(`timeline, mixed segments: ${await check(libraryArbitrary, Math.round(40 * SCALE))} points checked`);
  }, 600_000);

  it(`date and timestamp tests on boundaries (${Math.round(30 * SCALE)} cases)`, async () => {
    console.info(`timeline, time boundaries: ${await check(timeLibraryArbitrary, Math.round(30 * SCALE))} points checked`);
  }, 600_000);
});
