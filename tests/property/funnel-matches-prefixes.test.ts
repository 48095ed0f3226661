/**
 * Property: for random data and random libraries, a group's funnel counted in one query (every
 * figure from per-contact or per-interaction flags) gives the counts that running each figure's
 * own members query does: every AND prefix, every condition and every OR branch alone, for
 * profile groups and interaction segments' restrictions. Half the figures are counted first,
 * so the rest are counted through the cache with only the flags they need.
 * PROPERTY_RUNS scales the number of cases, PROPERTY_SEED fixes the seed.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { printQuery } from '../../src/engine/sql/print-duckdb';
import { countOfQuery, funnelPlans, type FunnelFigure } from '../../src/engine/stats/funnel-queries';
import { CountCache } from '../../src/state/insight/count-cache';
import { countFunnel } from '../../src/state/insight/count-funnel';
import { propertyConnector, scaledRuns, withLoadedFiles } from '../helpers/property-setup';
import { assertProperty } from './assert-property';
import { datasetFiles } from './dataset-files';
import { libraryArbitrary } from './library';
import { caseArbitrary } from './property-case';

let generation = 7000;

describe("a funnel's counts in one query equal each figure counted on its own", () => {
  const held = propertyConnector();

  it(`random libraries, profile groups and interaction restrictions (${scaledRuns(40)} cases)`, async () => {
    let checked = 0;
    const property = fc.asyncProperty(caseArbitrary(libraryArbitrary), fc.array(fc.boolean(), { maxLength: 40 }), async (c, firstHalf) => {
      const parsed = parseLibraryOrThrow(c.library);
      await withLoadedFiles(held.db, datasetFiles(c.dataset), ++generation, async (catalog) => {
        const run = (sql: string) => held.db.query(sql);
        for (const segment of parsed.segments) {
          const plans = funnelPlans(segment, {
            catalog,
            now: c.now,
            segmentQuery: (name) => {
              throw new Error(`a funnel refers to no segment (${name})`);
            },
          });
          for (const plan of plans) {
            const figures: FunnelFigure[] = plan.steps.flatMap((s) => [s.remaining, s.alone, ...s.branches.map((b) => b.alone)]);
            if (figures.length === 0) continue;
            const alone = async (figure: FunnelFigure) => Number((await run(printQuery(countOfQuery(figure.members))))[0]?.n ?? 0);
            const expected: number[] = [];
            for (const figure of figures) expected.push(await alone(figure));
            const cache = new CountCache();
            const early = figures.filter((_, i) => firstHalf[i] === true);
            if (early.length > 0) await Promise.all(cache.countAll(run, 'e', early, plan.countsQuery));
            const funnel = await countFunnel(plan, cache, run, 'e');
            const got = funnel.steps.flatMap((s) => [s.remaining, s.alone, ...s.branches.map((b) => b.alone)]);
            if (JSON.stringify(got) !== JSON.stringify(expected))
              throw new Error(
                `${segment.name} group ${plan.group}: funnel ${JSON.stringify(got)}, each figure alone ${JSON.stringify(expected)}\n` +
                  printQuery(plan.countsQuery(figures)),
              );
            checked++;
          }
        }
      });
    });
    await assertProperty(property, scaledRuns(40));
    console.info(`funnel: ${checked} groups checked`);
  }, 600_000);
});
