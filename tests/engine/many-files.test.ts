/**
 * A folder of many small files: the loader's per-file work must not grow with the number of
 * tables already loaded. Reading information_schema costs as much as the database has tables,
 * so it is asked once for all files, not once per file (which made 10,000 files quadratic).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import type { InputFile } from '../../src/data/decode-file';
import { connectorRunner } from '../../src/data/engines/engine';
import { allIds, duplicateInteractionId } from '../../src/data/load/load-checks';
import { dropTables, loadData } from '../../src/data/load-data';
import * as q from '../../src/engine/sql/build';
import { printQuery } from '../../src/engine/sql/print-duckdb';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { textFile } from '../helpers/arrow-files';

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
});
afterAll(async () => db?.close());

/** The connector, counting the statements that read information_schema. */
function counting(connector: Connector): { connector: Connector; schemaReads: () => number } {
  let reads = 0;
  const count = (sql: string) => (reads += /information_schema/i.test(sql) ? 1 : 0);
  return {
    connector: {
      ...connector,
      query: (sql) => (count(sql), connector.query(sql)),
      queryArrow: (sql) => (count(sql), connector.queryArrow(sql)),
      insertArrowStream: (name, ipc, options) => connector.insertArrowStream(name, ipc, options),
      close: () => connector.close(),
    },
    schemaReads: () => reads,
  };
}

function folder(types: number, entities: number): InputFile[] {
  const files = [textFile('contact.csv', 'contactid,name\nc1,Ana\nc2,Ben\n')];
  for (let i = 0; i < types; i++)
    files.push(textFile(`Visit${i}.csv`, `InteractionId,Timestamp,ContactId\nv${i},2026-01-0${1 + (i % 9)}T00:00:00Z,c${1 + (i % 2)}\n`));
  for (let i = 0; i < entities; i++) files.push(textFile(`thing${i}.csv`, `thing${i}id,value\nk${i},${i}\n`));
  return files;
}

describe('many small files', () => {
  it('reads information_schema a fixed number of times, whatever the number of files', async () => {
    const reads: number[] = [];
    for (const [types, entities] of [
      [2, 1],
      [40, 20],
    ] as const) {
      const { connector, schemaReads } = counting(db);
      const result = await loadData(connector, folder(types, entities), nodeDecoders, { generation: types });
      expect(Object.keys(result.catalog.interactions.types)).toHaveLength(types);
      expect(Object.keys(result.catalog.entities)).toHaveLength(entities + 1);
      expect(result.catalog.interactions.types.Visit1!.fields).toEqual({
        InteractionId: 'text',
        Timestamp: 'timestamp',
        ContactId: 'text',
        InteractionType: 'text',
      });
      expect(result.catalog.entities.thing3?.fields ?? result.catalog.entities.thing0!.fields).toMatchObject({ value: 'number' });
      reads.push(schemaReads());
      await dropTables(db, result.tables);
    }
    expect(reads[1]).toBe(reads[0]);
    expect(reads[1]).toBeLessThanOrEqual(4);
  }, 300_000);

  it('checks InteractionIds across thousands of sources without passing the parser depth', async () => {
    await db.query(`CREATE TABLE "ids:one" AS SELECT 'id-' || range AS "InteractionId" FROM range(3)`);
    await db.query(`CREATE TABLE "ids:other" AS SELECT 'other-' || range AS "InteractionId" FROM range(2)`);
    const sources = Array.from({ length: 1_500 }, (_, i) => ({ table: i === 0 ? 'ids:one' : 'ids:other', column: 'InteractionId' }));
    const [row] = await db.query(printQuery(q.select([q.as(q.agg('count'), 'n')], { from: q.subquery(allIds(sources), 'ids') })));
    expect(Number(row!.n)).toBe(3 + 2 * 1_499);
    const found = await duplicateInteractionId(connectorRunner(db), sources, 'ids:hashes', 1_000_000, (s, r) => `source ${s} row ${r + 1}`);
    expect(found).toMatchObject({ source: expect.any(Number), message: expect.stringMatching(/other-\d/) });
    expect(found!.message).toMatch(/source 1 row \d/);
    // Unsliced (native DuckDB's way: one sort of every hash), the same id and places.
    const sorted = await duplicateInteractionId(
      connectorRunner(db),
      sources,
      'ids:hashes',
      Number.POSITIVE_INFINITY,
      (s, r) => `source ${s} row ${r + 1}`,
    );
    expect(sorted).toEqual(found);
  }, 300_000);
});
