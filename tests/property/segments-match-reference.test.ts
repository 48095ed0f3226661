/**
 * Property: on random data and random valid segment libraries, the product's SQL path
 * (src/engine compile + src/data evaluate) selects exactly the members the independent
 * reference evaluator (tests/reference) selects, on every engine of engines-under-test.ts.
 *
 * PROPERTY_RUNS scales the number of cases, PROPERTY_SEED fixes the seed. A failure prints
 * the shrunk case and writes it under .cache/property-failure/ (git-ignored; Playwright empties test-results/) with the command that replays it.
 */
import { describe, expect, it } from 'vitest';
import { lowerLikeDuckDb } from '../reference/ref-text';
import fc from 'fast-check';
import { dropTables, loadData } from '../../src/data/load-data';
import { nodeDecoders } from '../../src/data/node-decoders';
import { productShape, referenceShape } from './catalog-agreement';
import { checkAgainstReference, describeTally } from './check-against-reference';
import { ENGINES_UNDER_TEST } from './engines-under-test';
import { evaluateOnEngine, evaluateWithSql } from './sql-path';
import { enginesUnderTest } from '../helpers/engines';
import { propertyConnector, scaledRuns as runs } from '../helpers/property-setup';
import * as q from '../../src/engine/sql/build';
import { printQueryIn } from '../../src/engine/sql/dialect';
import { datasetArbitrary } from './dataset';
import { datasetFiles } from './dataset-files';
import { datasetReference } from './dataset-reference';
import { timePools } from './time-pools';
import { libraryArbitrary, timeLibraryArbitrary } from './library';
import { caseArbitrary } from './property-case';
import { LIST_ITEMS, TEXT_ALPHABET, TEXT_WORDS } from './value-pools';

const WASM = ENGINES_UNDER_TEST.find((e) => e.name === 'wasm')!;
const MIXED_RUNS = runs(WASM.mixedRuns);
const TIME_RUNS = runs(WASM.timeRuns);

describe('the SQL path selects what the reference evaluator selects', () => {
  const held = propertyConnector();

  it('DuckDB lower() agrees with the reference on every character and word the generators use', async () => {
    const samples = [...TEXT_ALPHABET, ...TEXT_WORDS, ...LIST_ITEMS];
    const rows = await held.db.query(
      `SELECT lower(s) AS l FROM (SELECT unnest([${samples.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ')}]) AS s)`,
    );
    expect(rows.map((r) => r.l)).toEqual(samples.map(lowerLikeDuckDb));
  });

  it('the product loads the generated files into the entities, relations and types the reference assumes', async () => {
    const pools = timePools('Europe/Berlin', Date.parse('2026-03-31T12:00:00Z'));
    for (const [index, dataset] of fc.sample(datasetArbitrary(pools), { numRuns: 5, seed: 42 }).entries()) {
      const loaded = await loadData(held.db, datasetFiles(dataset), nodeDecoders, { generation: 900 + index });
      try {
        expect(productShape(loaded.catalog)).toEqual(referenceShape(datasetReference(dataset)));
      } finally {
        await dropTables(held.db, loaded.tables);
      }
    }
  });

  it(`every kind of segment, nested conditions (${MIXED_RUNS} cases)`, async () => {
    const tally = await checkAgainstReference(
      (f, l, n) => evaluateWithSql(held.db, f, l, n),
      caseArbitrary(libraryArbitrary),
      MIXED_RUNS,
      '.cache/property-failure/mixed',
    );
    console.info(`mixed segments: ${describeTally(tally)}`);
  }, 600_000);

  it(`single date and timestamp tests on boundaries (${TIME_RUNS} cases)`, async () => {
    const tally = await checkAgainstReference(
      (f, l, n) => evaluateWithSql(held.db, f, l, n),
      caseArbitrary(timeLibraryArbitrary),
      TIME_RUNS,
      '.cache/property-failure/time',
    );
    console.info(`time boundaries: ${describeTally(tally)}`);
  }, 600_000);
});

/** A server engine shares its server with whatever else runs on the machine: room for a slow day. */
const SERVER_TIMEOUT_MS = 900_000;
const OTHER_ENGINES = ENGINES_UNDER_TEST.filter((e) => e.name !== 'wasm');
const opened = await enginesUnderTest(OTHER_ENGINES.map((e) => e.name));

for (const [index, { name, mixedRuns, timeRuns }] of OTHER_ENGINES.entries()) {
  const engine = opened[index]!;
  describe(`on ${name}, the SQL path selects what the reference evaluator selects`, () => {
    if (engine.unavailable) {
      it.skip(`skipped: ${engine.unavailable}`, () => undefined);
      return;
    }
    it(`lower() agrees with the reference on every character and word the generators use`, async () => {
      const samples = [...TEXT_ALPHABET, ...TEXT_WORDS, ...LIST_ITEMS];
      const query = q.select(samples.map((s, i) => q.as(q.lower(q.text(s)), `l${i}`)));
      const opened = await engine.open();
      try {
        const [row] = await opened.query(printQueryIn(opened.dialect, query));
        expect(samples.map((_, i) => row![`l${i}`])).toEqual(samples.map(lowerLikeDuckDb));
      } finally {
        await opened.close();
      }
    });

    const path = (f: Parameters<typeof evaluateOnEngine>[1], l: unknown, n: number) => evaluateOnEngine(engine, f, l, n);

    it(
      `every kind of segment, nested conditions (${runs(mixedRuns)} cases)`,
      async () => {
        const tally = await checkAgainstReference(
          path,
          caseArbitrary(libraryArbitrary),
          runs(mixedRuns),
          `.cache/property-failure/${name}-mixed`,
        );
        console.info(`${name}, mixed segments: ${describeTally(tally)}`);
      },
      SERVER_TIMEOUT_MS,
    );

    it(
      `single date and timestamp tests on boundaries (${runs(timeRuns)} cases)`,
      async () => {
        const tally = await checkAgainstReference(
          path,
          caseArbitrary(timeLibraryArbitrary),
          runs(timeRuns),
          `.cache/property-failure/${name}-time`,
        );
        console.info(`${name}, time boundaries: ${describeTally(tally)}`);
      },
      SERVER_TIMEOUT_MS,
    );
  });
}
