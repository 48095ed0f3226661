/**
 * Golden tests: every operator and segment kind compiled against the fixture data. Each case
 * pins the printed SQL, DuckDB's (tests/engine/golden/<case>.sql) and PostgreSQL's
 * (golden/postgres/<case>.sql), and runs DuckDB's on DuckDB-WASM, checking the members worked
 * out by hand from tests/helpers/fixture-data.ts. golden-engines.test.ts runs them on the other engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { connectorRunner } from '../../src/data/engines/engine';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import type { Catalog } from '../../src/engine/catalog';
import { compileSegment } from '../../src/engine/compile/compile-segment';
import { printQuery } from '../../src/engine/sql/print-duckdb';
import { printQueryIn } from '../../src/engine/sql/dialect';
import { fixtureFiles, NOW } from '../helpers/fixture-data';
import { CASES, libraryWith } from './golden-cases';

let db: Connector;
let catalog: Catalog;

beforeAll(async () => {
  db = await createNodeConnector();
  catalog = (await loadData(db, fixtureFiles(), nodeDecoders)).catalog;
});
afterAll(async () => db?.close());

describe('golden SQL and members', () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const name = String(testCase.segment.name ?? 'Under_test');
      const library = libraryWith(testCase.segment, name);
      const segment = library.segments.find((s) => s.name === name)!;
      const byName = new Map(library.segments.map((s) => [s.name, s]));
      const options = {
        catalog,
        now: NOW,
        segmentQuery: (ref: string) => compileSegment(byName.get(ref)!, options),
      };
      const sql = printQuery(compileSegment(segment, options));
      await expect(sql).toMatchFileSnapshot(`golden/${testCase.name}.sql`);
      await expect(printQueryIn('postgres', compileSegment(segment, options))).toMatchFileSnapshot(`golden/postgres/${testCase.name}.sql`);
      const rows = await db.query(`SELECT id FROM (${sql}) ORDER BY id`);
      expect(rows.map((r) => r.id)).toEqual(testCase.members);
      // The evaluator (which materialises referenced segments) must agree with the inlined SQL.
      const [result] = await evaluateLibrary(connectorRunner(db), catalog, library, { now: NOW, only: name });
      expect(result!.members).toEqual(testCase.members);
    });
  }
});
