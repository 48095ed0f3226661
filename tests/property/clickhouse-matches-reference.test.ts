/**
 * Property: on the random data and libraries of segments-match-reference.test.ts, the ClickHouse
 * engine (files loaded onto the two-shard cluster, interactions distributed) selects exactly what
 * the reference evaluator selects. Fewer cases than on DuckDB-WASM: each loads a fresh database.
 *
 * PROPERTY_RUNS scales the number of cases, PROPERTY_SEED fixes the seed; a failure is written
 * under .cache/property-failure/clickhouse-* with the command that replays it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { createClickhouseEngine } from '../../src/data/engines/clickhouse-engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { createNodeConnector } from '../../src/data/node-connector';
import type { Library } from '../../src/engine/library-schema';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { CLICKHOUSE_URL, clickhouseRunning, folderOf, SKIP_REASON } from '../helpers/clickhouse-server';
import { evaluateReference } from '../reference/reference-evaluator';
import { datasetFiles } from './dataset-files';
import { datasetReference } from './dataset-reference';
import { firstDisagreement, writeRepro, type PropertyCase } from './failure-report';
import { libraryArbitrary, timeLibraryArbitrary } from './library';
import { caseArbitrary } from './property-case';

const SCALE = Number(process.env.PROPERTY_RUNS ?? 1);
const MIXED_RUNS = Math.round(20 * SCALE);
const TIME_RUNS = Math.round(10 * SCALE);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

describe.skipIf(!clickhouseRunning)('ClickHouse selects what the reference evaluator selects', () => {
  let connector: Connector;
  let generation = 2000;
  beforeAll(async () => {
    connector = await createNodeConnector();
  });
  afterAll(async () => connector?.close());

  async function onClickhouse(c: PropertyCase): Promise<Map<string, string[]>> {
    const folder = await folderOf(datasetFiles(c.dataset));
    const engine = await createClickhouseEngine(CLICKHOUSE_URL, { connector, generation: ++generation });
    try {
      const { catalog } = await engine.load(folder.dir);
      const results = await evaluateLibrary(engine, catalog, parseLibraryOrThrow(c.library), { now: c.now });
      return new Map(results.map((r) => [r.name, [...r.members]]));
    } finally {
      await engine.close();
      await folder.remove();
    }
  }

  async function check(cases: fc.Arbitrary<PropertyCase>, numRuns: number, repro: string): Promise<void> {
    const property = fc.asyncProperty(cases, async (c) => {
      const reference = evaluateReference(datasetReference(c.dataset), c.library as unknown as Library, c.now);
      const problem = firstDisagreement(c, await onClickhouse(c), reference);
      if (problem) throw new Error(problem);
    });
    const details = await fc.check(property, { numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });
    if (!details.failed) return;
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const replay = details.counterexample ? await writeRepro(details.counterexample[0], repro, cause) : '';
    throw new Error(
      `${fc.defaultReportMessage(details)}\n\n${cause}\n\nReplay with:\n  ${replay} --engine clickhouse --url '${CLICKHOUSE_URL}'`,
    );
  }

  it(`every kind of segment, nested conditions (${MIXED_RUNS} cases)`, async () => {
    await check(caseArbitrary(libraryArbitrary), MIXED_RUNS, '.cache/property-failure/clickhouse-mixed');
  }, 900_000);

  it(`single date and timestamp tests on boundaries (${TIME_RUNS} cases)`, async () => {
    await check(caseArbitrary(timeLibraryArbitrary), TIME_RUNS, '.cache/property-failure/clickhouse-time');
  }, 900_000);
});

it.skipIf(clickhouseRunning)(SKIP_REASON, () => undefined);
