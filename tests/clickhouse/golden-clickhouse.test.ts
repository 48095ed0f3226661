/**
 * The golden cases on ClickHouse: each case's ClickHouse SQL is pinned
 * (tests/clickhouse/golden/<case>.sql), and, on the two-shard cluster, the inlined SQL and the
 * evaluator both select the same members as DuckDB-WASM's golden test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorRunner, type Engine, type SqlRunner } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import type { Catalog } from '../../src/engine/catalog';
import { compileSegment } from '../../src/engine/compile/compile-segment';
import * as q from '../../src/engine/sql/build';
import { printQueryIn } from '../../src/engine/sql/dialect';
import { printQuery } from '../../src/engine/sql/print-clickhouse';
import { quoteString as quote } from '../../src/engine/sql/quote-clickhouse';
import { clickhouseRunning, loadIntoClickhouse, SKIP_REASON } from '../helpers/clickhouse-server';
import { fixtureFiles, NOW } from '../helpers/fixture-data';
import { CASES, libraryWith } from '../engine/golden-cases';

function compiled(testCase: (typeof CASES)[number], catalog: Catalog) {
  const name = String(testCase.segment.name ?? 'Under_test');
  const library = libraryWith(testCase.segment, name);
  const byName = new Map(library.segments.map((s) => [s.name, s]));
  const options = { catalog, now: NOW, segmentQuery: (ref: string) => compileSegment(byName.get(ref)!, options) };
  return { name, library, sql: printQuery(compileSegment(byName.get(name)!, options)) };
}

describe('golden ClickHouse SQL', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    const db = await createNodeConnector();
    catalog = (await loadData(db, fixtureFiles(), nodeDecoders)).catalog;
    await db.close();
  });
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      await expect(compiled(testCase, catalog).sql).toMatchFileSnapshot(`golden/${testCase.name}.sql`);
    });
  }
});

describe.skipIf(!clickhouseRunning)('golden members on a two-shard ClickHouse', () => {
  let engine: Engine;
  let catalog: Catalog;
  beforeAll(async () => {
    ({ engine, catalog } = await loadIntoClickhouse(fixtureFiles()));
  }, 120_000);
  afterAll(async () => engine?.close());

  it('keeps interactions in a Distributed table over rows on both shards', async () => {
    const [{ d }] = (await engine.query('SELECT currentDatabase() AS d')) as [{ d: string }];
    const tables = Object.values(catalog.interactions.types).map((t) => t.table);
    for (const table of tables) {
      const [row] = await engine.query(`SELECT engine FROM system.tables WHERE database = ${quote(d)} AND name = ${quote(table)}`);
      expect(row!.engine).toBe('Distributed');
    }
    const perShard: number[] = [];
    for (const port of [19000, 19001]) {
      let n = 0;
      for (const table of tables) {
        const [row] = await engine.query(`SELECT count() AS n FROM remote('127.0.0.1:${port}', ${quote(d)}, ${quote(`${table}:local`)})`);
        n += Number(row!.n);
      }
      perShard.push(n);
    }
    const total = Object.values(catalog.interactions.types).reduce((sum, t) => sum + (t.rowCount ?? 0), 0);
    expect(perShard.every((n) => n > 0)).toBe(true);
    expect(perShard[0]! + perShard[1]!).toBe(total);
  });

  it('returns values as DuckDB-WASM does: timestamps and dates in epoch ms, booleans, numbers, lists', async () => {
    const db = await createNodeConnector();
    try {
      const wasmCatalog = (await loadData(db, fixtureFiles(), nodeDecoders)).catalog;
      const rowsOn = async (runner: SqlRunner, c: Catalog) => {
        const contact = c.entities.contact!;
        const columns = ['contactid', 'createdon', 'birthdate', 'donotemail', 'annualincome'].map((f) => q.col('c', f));
        return runner.query(
          printQueryIn(runner.dialect, q.select(columns, { from: q.table(contact.table, 'c'), orderBy: [q.col('c', 'contactid')] })),
        );
      };
      const expected = await rowsOn(connectorRunner(db), wasmCatalog);
      expect(expected.some((r) => typeof r.createdon === 'number')).toBe(true);
      expect(await rowsOn(engine, catalog)).toEqual(expected);
    } finally {
      await db.close();
    }
  });

  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const { name, library, sql } = compiled(testCase, catalog);
      const rows = await engine.query(`SELECT id FROM (${sql}) ORDER BY id`);
      expect(rows.map((r) => r.id)).toEqual(testCase.members);
      const [result] = await evaluateLibrary(engine, catalog, library, { now: NOW, only: name });
      expect(result!.members).toEqual(testCase.members);
    });
  }
});

it.skipIf(clickhouseRunning)(SKIP_REASON, () => undefined);
