import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../src/data/connector';
import type { InputFile } from '../src/data/decode-file';
import { loadData } from '../src/data/load-data';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import { DEFAULT_SAMPLE_NOW, DEFAULT_SAMPLE_SIZE, generateSampleData } from '../src/data/sample/generate-sample';
import { INTERACTION_TYPES } from '../src/data/sample/interactions';
import { loadSampleTables } from '../src/data/sample/load-sample';
import type { Catalog } from '../src/engine/catalog';

const DAY = 86_400_000;

function tables(files: readonly InputFile[]): Map<string, Table> {
  return new Map(files.filter((f) => f.name.endsWith('.arrows')).map((f) => [f.name.replace('.arrows', ''), tableFromIPC(f.bytes)]));
}

function column(table: Table, name: string): unknown[] {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`no column ${name}`);
  return vector.toArray() as unknown[];
}

describe('sample data generator', () => {
  const small = { contacts: 2_000, interactions: 60_000, seed: 7 };
  const files = generateSampleData(small);
  const byName = tables(files);

  it('is the same for the same seed and differs for another seed', () => {
    const again = generateSampleData(small);
    expect(again.map((f) => f.name)).toEqual(files.map((f) => f.name));
    again.forEach((f, i) => expect(Buffer.from(f.bytes).equals(Buffer.from(files[i]!.bytes))).toBe(true));
    const other = generateSampleData({ ...small, seed: 8 });
    const contact = (fs: InputFile[]) => Buffer.from(fs.find((f) => f.name === 'contact.arrows')!.bytes);
    expect(contact(other).equals(contact(files))).toBe(false);
  });

  it('has the requested numbers of contacts and interactions', () => {
    expect(byName.get('contact')!.numRows).toBe(small.contacts);
    const total = INTERACTION_TYPES.reduce((sum, t) => sum + byName.get(t)!.numRows, 0);
    expect(total).toBe(small.interactions);
    const tiny = tables(generateSampleData({ contacts: 3, interactions: 10, seed: 1 }));
    expect(tiny.get('contact')!.numRows).toBe(3);
    expect(INTERACTION_TYPES.reduce((sum, t) => sum + tiny.get(t)!.numRows, 0)).toBe(10);
  });

  it('has every interaction type, each with rows and its own fields', () => {
    for (const type of INTERACTION_TYPES) expect(byName.get(type)!.numRows, type).toBeGreaterThan(0);
    const fields = (t: string) => byName.get(t)!.schema.fields.map((f) => f.name);
    expect(fields('EmailOpened')).toEqual(expect.arrayContaining(['Timestamp', 'ContactId', 'MessageId', 'CustomerJourneyId']));
    expect(fields('EventRegistration')).toEqual(expect.arrayContaining(['EventId', 'ReferrerContactId']));
    expect(fields('FormSubmitted')).toEqual(expect.arrayContaining(['FormId', 'PageAddress']));
    expect(fields('WebsiteVisited')).toEqual(expect.arrayContaining(['PageAddress', 'VisitDuration']));
    expect(fields('contact')).toEqual(
      expect.arrayContaining([
        'contactid',
        'firstname',
        'lastname',
        'emailaddress1',
        'address1_city',
        'birthdate',
        'createdon',
        'donotemail',
        'annualincome',
        'parentcustomerid',
        'interests',
      ]),
    );
  });

  it('names every id interactions point at in a reference table', () => {
    const ids = (table: string, key: string) => new Set(column(byName.get(table)!, key));
    const messages = ids('message', 'messageid');
    const events = ids('event', 'eventid');
    for (const m of column(byName.get('EmailOpened')!, 'MessageId')) expect(messages.has(m)).toBe(true);
    for (const e of column(byName.get('EventCheckIn')!, 'EventId')) expect(events.has(e)).toBe(true);
    expect(column(byName.get('message')!, 'name').some((n) => String(n).startsWith('Newsletter – '))).toBe(true);
  });

  it('is skewed: a few contacts are very active, many are quiet', () => {
    const counts = new Map<unknown, number>();
    for (const type of INTERACTION_TYPES)
      for (const c of column(byName.get(type)!, 'ContactId')) if (c !== null) counts.set(c, (counts.get(c) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top = sorted.slice(0, small.contacts / 10).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.4);
    expect(small.contacts - counts.size).toBeGreaterThan(small.contacts * 0.2);
    expect(sorted[0]!).toBeGreaterThan(20 * sorted[Math.floor(sorted.length / 2)]!);
  });

  it('lies in the two years before now, busier on weekdays than at weekends', () => {
    const perWeekday = new Array<number>(7).fill(0);
    for (const type of INTERACTION_TYPES) {
      // Arrow gives the microseconds DuckDB's TIMESTAMP holds.
      for (const micros of column(byName.get(type)!, 'Timestamp')) {
        const t = Number(micros) / 1000;
        expect(t).toBeLessThanOrEqual(DEFAULT_SAMPLE_NOW);
        expect(t).toBeGreaterThan(DEFAULT_SAMPLE_NOW - 731 * DAY);
        perWeekday[new Date(t).getUTCDay()]!++;
      }
    }
    const weekend = (perWeekday[0]! + perWeekday[6]!) / 2;
    const weekday = (perWeekday[1]! + perWeekday[2]! + perWeekday[3]! + perWeekday[4]! + perWeekday[5]!) / 5;
    expect(weekday).toBeGreaterThan(1.8 * weekend);
  });

  it('rejects sizes beyond the limits', () => {
    expect(() => generateSampleData({ contacts: 0, interactions: 10 })).toThrow(/contacts/);
    expect(() => generateSampleData({ contacts: 10, interactions: 20_000_001 })).toThrow(/interactions/);
  });
});

describe('sample data in DuckDB', () => {
  let db: Connector;
  beforeAll(async () => {
    db = await createNodeConnector();
  });
  afterAll(async () => {
    await db.close();
  });

  it('loads at the default size with the relations and types the catalog declares', async () => {
    const started = performance.now();
    const files = generateSampleData(DEFAULT_SAMPLE_SIZE);
    const { catalog, warnings } = await loadData(db, files, nodeDecoders);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(catalog.entities.contact!.rowCount).toBe(DEFAULT_SAMPLE_SIZE.contacts);
    expect(Object.keys(catalog.interactions.types).sort()).toEqual([...INTERACTION_TYPES].sort());
    const rows = Object.values(catalog.interactions.types).reduce((sum, t) => sum + (t.rowCount ?? 0), 0);
    expect(rows).toBe(DEFAULT_SAMPLE_SIZE.interactions);
    expect(catalog.relations.map((r) => r.name)).toEqual(
      expect.arrayContaining(['contact_account', 'lead_contact', 'lead_account', 'account_primarycontact']),
    );
    expect(catalog.interactions.types.EventRegistration!.links).toEqual(['ContactId', 'ReferrerContactId']);
    expect(catalog.entities.contact!.fields.interests).toBe('textList');
    expect(catalog.entities.contact!.fields.birthdate).toBe('date');
    // Anonymous website visits are the only interactions without a contact.
    expect(warnings.every((w) => /no ContactId/.test(w))).toBe(true);
  });
});

describe('sample fast path', () => {
  it('builds the same catalog and answers like the general loader', async () => {
    // Small batches and slices, so tables arrive in several slices as the largest sizes do.
    const files = generateSampleData({ contacts: 3_000, interactions: 50_000, seed: 3, batchRows: 1_000 });
    const general = await createNodeConnector();
    const fast = await createNodeConnector();
    try {
      const a = await loadData(general, files, nodeDecoders);
      const b = await loadSampleTables(fast, files, {}, 5_000);
      const shape = (catalog: Catalog) => ({
        relations: catalog.relations,
        interactions: {
          ...catalog.interactions,
          types: Object.fromEntries(
            Object.entries(catalog.interactions.types).map(([t, info]) => [
              t,
              { fields: info.fields, links: info.links, rowCount: info.rowCount },
            ]),
          ),
        },
        entities: Object.fromEntries(
          Object.entries(catalog.entities).map(([e, info]) => [e, { key: info.key, fields: info.fields, rowCount: info.rowCount }]),
        ),
      });
      expect(shape(b.catalog)).toEqual(shape(a.catalog));
      expect([...b.warnings].sort()).toEqual([...a.warnings].sort());
      const sums = async (db: Connector, catalog: Catalog, type: string) => {
        const info = catalog.interactions.types[type]!;
        const [row] = await db.query(
          `SELECT count(DISTINCT ContactId) AS contacts, sum(epoch_ms(Timestamp)) % 1000003 AS t, count(*) FILTER (WHERE ContactId IN (SELECT contactid FROM "${catalog.entities.contact!.table}" WHERE address1_city = 'Seattle')) AS seattle FROM "${info.table}"`,
        );
        return row;
      };
      for (const type of ['EmailOpened', 'WebsiteVisited', 'EventRegistration'])
        expect(await sums(fast, b.catalog, type)).toEqual(await sums(general, a.catalog, type));
      // A load this small gets plain tables, the sample's too (no automatic checkpoint on the first screen).
      const databases = async (db: Connector) =>
        (await db.query('SELECT DISTINCT database_name AS name FROM duckdb_tables() ORDER BY 1')).map((r) => r.name);
      expect(await databases(fast)).toEqual(['memory']);
      expect(await databases(fast)).toEqual(await databases(general));
    } finally {
      await general.close();
      await fast.close();
    }
  });
});
