import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../src/data/connector';
import { evaluateLibrary } from '../src/data/evaluate-library';
import { connectorRunner } from '../src/data/engines/engine';
import { loadData } from '../src/data/load-data';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import { readFolder } from '../src/data/read-folder';
import type { Catalog } from '../src/engine/catalog';
import { parseLibraryOrThrow } from '../src/engine/parse-library';
import type { InteractionQuery } from '../src/engine/library-schema';
import { DataDesignerServices } from '../src/state/designer/data-designer-services';
import { SegmentEvaluator } from '../src/data/segment-evaluator';
import { FIXTURE_DATA } from './helpers/examples';

const NOW = Date.parse('2026-03-31T12:00:00Z');
let db: Connector;
let catalog: Catalog;
let services: DataDesignerServices;

beforeAll(async () => {
  db = await createNodeConnector();
  ({ catalog } = await loadData(db, await readFolder(FIXTURE_DATA), nodeDecoders));
  services = new DataDesignerServices({ connector: db, catalog, version: 1 }, new SegmentEvaluator('designer'));
});
afterAll(() => db.close());

async function membersOf(query: InteractionQuery): Promise<number> {
  const library = parseLibraryOrThrow({ version: 1, segments: [{ name: 'S', kind: 'interaction', query }] });
  const [result] = await evaluateLibrary(connectorRunner(db), catalog, library, { now: NOW });
  return result!.count;
}

describe('distinct values', () => {
  it('groups text ignoring case, as clauses compare it, most common first', async () => {
    const values = await services.distinctValues({ entity: 'contact' }, 'address1_city');
    expect(String(values[0]!.value).toLowerCase()).toBe('seattle');
    expect(values[0]!.count).toBe(3);
    expect(values.filter((v) => String(v.value).toLowerCase() === 'seattle')).toHaveLength(1);
  });

  it('names lookup ids from the referenced table and searches names too', async () => {
    const values = await services.distinctValues({ entity: 'contact' }, 'parentcustomerid');
    expect(values.find((v) => v.value === 'acc-1')).toEqual({ value: 'acc-1', label: 'Contoso Pharmaceuticals', count: 2 });
    const searched = await services.distinctValues({ entity: 'contact' }, 'parentcustomerid', 'contoso');
    expect(searched.map((v) => v.value)).toEqual(['acc-1']);
  });

  it('counts each element of a list field and lists numbers as numbers', async () => {
    const interests = await services.distinctValues({ entity: 'contact' }, 'interests');
    expect(interests.find((v) => v.value === 'golf')?.count).toBeGreaterThan(0);
    const revenue = await services.distinctValues({ entity: 'account' }, 'revenue');
    expect(revenue.every((v) => typeof v.value === 'number')).toBe(true);
    expect(revenue.map((v) => v.value)).toContain(2500000);
  });

  it('treats search text literally', async () => {
    expect(await services.distinctValues({ interaction: 'EmailClicked' }, 'MessageId', "%' OR 1=1 --")).toEqual([]);
    const clicked = await services.distinctValues({ interaction: 'EmailClicked' }, 'MessageId', 'msg');
    expect(clicked.map((v) => [String(v.value).toLowerCase(), v.count])).toEqual([['msg-1', 2]]);
  });
});

describe('interaction histogram', () => {
  const opened: InteractionQuery = { interaction: 'EmailOpened', window: { last: 30, unit: 'day' } };

  it('agrees with the segment for every threshold, including zero', async () => {
    const bins = await services.interactionHistogram(opened, 'UTC', NOW);
    expect(bins.reduce((n, b) => n + b.contacts, 0)).toBe(catalog.entities.contact!.rowCount);
    for (const k of [0, 1, 2, 3]) {
      const atLeast = bins.filter((b) => b.value >= k).reduce((n, b) => n + b.contacts, 0);
      expect(atLeast).toBe(await membersOf({ ...opened, count: { op: 'atLeast', value: k } }));
      const exactly = bins.find((b) => b.value === k)?.contacts ?? 0;
      expect(exactly).toBe(await membersOf({ ...opened, count: { op: 'exactly', value: k } }));
    }
  });

  it('reads the values the preview keeps, and draws what the query alone would', async () => {
    const kept = await services.interactionHistogram(opened, 'UTC', NOW);
    const fresh = await new DataDesignerServices({ connector: db, catalog, version: 1 }).interactionHistogram(opened, 'UTC', NOW);
    expect(kept).toEqual(fresh);
    expect(await services.interactionHistogram({ ...opened, count: { op: 'atMost', value: 5 } }, 'UTC', NOW)).toEqual(fresh);
    const parts = await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'designer:part:%'`);
    expect(Number(parts[0]!.n), 'one kept table for the query, whatever its count test').toBe(1);
  });

  it('plots sums of a numeric field, leaving out contacts with no value', async () => {
    const query: InteractionQuery = { interaction: 'WebsiteVisited', measure: { agg: 'sum', field: 'VisitDuration' } };
    const bins = await services.interactionHistogram(query, 'UTC', NOW);
    expect(bins.find((b) => b.value === 650)?.contacts).toBe(1);
    expect(bins.find((b) => b.value === 0)).toBeUndefined();
    const atLeast600 = bins.filter((b) => b.value >= 600).reduce((n, b) => n + b.contacts, 0);
    expect(atLeast600).toBe(await membersOf({ ...query, count: { op: 'atLeast', value: 600 } }));
  });

  it('follows the chosen relation and the restrictions', async () => {
    const referrers = await services.interactionHistogram({ interaction: 'EventRegistration', relation: 'ReferrerContactId' }, 'UTC', NOW);
    expect(referrers.find((b) => b.value === 2)?.contacts).toBe(1);
    const clicked = await services.interactionHistogram(
      { interaction: 'EmailClicked', where: { field: 'MessageId', op: 'eq', value: 'msg-1' } },
      'UTC',
      NOW,
    );
    expect(clicked.find((b) => b.value === 1)?.contacts).toBe(
      await membersOf({ interaction: 'EmailClicked', where: { field: 'MessageId', op: 'eq', value: 'msg-1' } }),
    );
  });
});

describe('contacts', () => {
  it('finds contacts by any text field, ignoring case', async () => {
    const found = await services.searchContacts('ANA');
    expect(found).toContainEqual({ id: 'ct-01', label: 'Ana' });
    expect(await services.searchContacts('   ')).toEqual([]);
  });

  it('reports ids that are not contacts', async () => {
    expect(await services.unknownContacts(['ct-01', 'nope', 'ct-02', 'nope', "x'y"])).toEqual(['nope', "x'y"]);
  });

  it('lists the contacts matching a condition and rejects an invalid one with its problem', async () => {
    expect(await services.contactsMatching({ field: 'address1_city', op: 'eq', value: 'seattle' }, 'UTC', NOW)).toEqual(
      expect.arrayContaining(['ct-01', 'ct-02']),
    );
    await expect(services.contactsMatching({ field: 'adress1_city', op: 'eq', value: 'x' }, 'UTC', NOW)).rejects.toThrow(/address1_city/);
  });
});
