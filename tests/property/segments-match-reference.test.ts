/**
 * Property: on random data and random valid segment libraries, the product's SQL path
 * (src/engine compile + src/data evaluate on DuckDB-WASM) selects exactly the members the
 * independent reference evaluator (tests/reference) selects.
 *
 * PROPERTY_RUNS scales the number of cases, PROPERTY_SEED fixes the seed. A failure prints
 * the shrunk case and writes it under .cache/property-failure/ (git-ignored; Playwright empties test-results/) with the command that replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { createNodeConnector } from '../../src/data/node-connector';
import { lowerLikeDuckDb } from '../reference/ref-text';
import fc from 'fast-check';
import { dropTables, loadData } from '../../src/data/load-data';
import { nodeDecoders } from '../../src/data/node-decoders';
import { productShape, referenceShape } from './catalog-agreement';
import { checkAgainstReference, describeTally } from './check-against-reference';
import { datasetArbitrary } from './dataset';
import { datasetFiles } from './dataset-files';
import { datasetReference } from './dataset-reference';
import { timePools } from './time-pools';
import { libraryArbitrary, timeLibraryArbitrary } from './library';
import { caseArbitrary } from './property-case';
import { LIST_ITEMS, TEXT_ALPHABET, TEXT_WORDS } from './value-pools';

const SCALE = Number(process.env.PROPERTY_RUNS ?? 1);
const MIXED_RUNS = Math.round(200 * SCALE);
const TIME_RUNS = Math.round(130 * SCALE);

describe('the SQL path selects what the reference evaluator selects', () => {
  let connector: Connector;
  beforeAll(async () => {
    connector = await createNodeConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('DuckDB lower() agrees with the reference on every character and word the generators use', async () => {
    const samples = [...TEXT_ALPHABET, ...TEXT_WORDS, ...LIST_ITEMS];
    const rows = await connector.query(
      `SELECT lower(s) AS l FROM (SELECT unnest([${samples.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ')}]) AS s)`,
    );
    expect(rows.map((r) => r.l)).toEqual(samples.map(lowerLikeDuckDb));
  });

  it('the product loads the generated files into the entities, relations and types the reference assumes', async () => {
    const pools = timePools('Europe/Berlin', Date.parse('2026-03-31T12:00:00Z'));
    for (const [index, dataset] of fc.sample(datasetArbitrary(pools), { numRuns: 5, seed: 42 }).entries()) {
      const loaded = await loadData(connector, datasetFiles(dataset), nodeDecoders, { generation: 900 + index });
      try {
        expect(productShape(loaded.catalog)).toEqual(referenceShape(datasetReference(dataset)));
      } finally {
        await dropTables(connector, loaded.tables);
      }
    }
  });

  it(`every kind of segment, nested conditions (${MIXED_RUNS} cases)`, async () => {
    const tally = await checkAgainstReference(connector, caseArbitrary(libraryArbitrary), MIXED_RUNS, '.cache/property-failure/mixed');
    console.info(`mixed segments: ${describeTally(tally)}`);
  }, 600_000);

  it(`single date and timestamp tests on boundaries (${TIME_RUNS} cases)`, async () => {
    const tally = await checkAgainstReference(connector, caseArbitrary(timeLibraryArbitrary), TIME_RUNS, '.cache/property-failure/time');
    console.info(`time boundaries: ${describeTally(tally)}`);
  }, 600_000);
});
