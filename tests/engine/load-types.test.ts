/** Column types at load (SPEC §2): CSV inference, keys as text, zones turned into UTC. */
import { Int32, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { inferCsvType, parseCsv } from '../../src/data/csv';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { connectorRunner } from '../../src/data/engines/engine';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { textFile } from '../helpers/arrow-files';

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
});
afterAll(async () => db?.close());

describe('CSV type inference', () => {
  it.each([
    [['true', 'FALSE', null], 'boolean'],
    [['1', '-2.5', '0', '0.25'], 'number'],
    [['007', '1'], 'text'],
    [['1e5'], 'text'],
    [['2026-03-01', '1999-12-31'], 'date'],
    [['2026-02-30'], 'text'],
    [['2026-03-01T10:00:00Z', '2026-03-01T10:00:00+02:00', '2026-03-01 10:00', '2026-03-01'], 'timestamp'],
    [['2026-03-01T25:00:00Z'], 'text'],
    [[null, null], 'text'],
    [['yes', 'no'], 'text'],
  ] as const)('%j is %s', (values, type) => {
    expect(inferCsvType(values)).toBe(type);
  });

  it('reads quotes, escaped quotes, embedded newlines, CRLF and a BOM', () => {
    const parsed = parseCsv('\ufeffa,b\r\n"x, ""y""","line1\nline2"\r\n,\r\n', 'f.csv');
    expect(parsed.header).toEqual(['a', 'b']);
    expect(parsed.columns).toEqual([
      ['x, "y"', null],
      ['line1\nline2', null],
    ]);
    expect(parsed.lines).toEqual([2, 4]);
  });
});

describe('loaded types', () => {
  it('casts CSV columns, keeps keys and links as text, and turns offsets into UTC', async () => {
    const { catalog } = await loadData(
      db,
      [
        textFile(
          'contact.csv',
          'contactid,zip,score,vip,born,seen\n007,01234,1.5,true,2000-01-31,2026-03-01T10:00:00+02:00\n1,98052,,FALSE,,2026-03-01T08:00:00\n',
        ),
        textFile(
          'interactions.csv',
          'InteractionType,Timestamp,ContactId\nEmailOpened,2026-03-01T00:30:00+01:00,007\nEmailOpened,2026-03-01,1\n',
        ),
      ],
      nodeDecoders,
      { generation: 101 },
    );
    expect(catalog.entities.contact!.fields).toEqual({
      contactid: 'text',
      zip: 'text',
      score: 'number',
      vip: 'boolean',
      born: 'date',
      seen: 'timestamp',
    });
    const rows = await db.query(
      `SELECT contactid, CAST(seen AS VARCHAR) AS seen FROM "${catalog.entities.contact!.table}" ORDER BY contactid`,
    );
    expect(rows).toEqual([
      { contactid: '007', seen: '2026-03-01 08:00:00' },
      { contactid: '1', seen: '2026-03-01 08:00:00' },
    ]);
    const library = parseLibraryOrThrow({
      version: 1,
      segments: [{ name: 'Early', kind: 'interaction', query: { interaction: 'EmailOpened', window: { to: '2026-02-28T23:30:00Z' } } }],
    });
    const [result] = await evaluateLibrary(connectorRunner(db), catalog, library, { now: Date.parse('2026-03-31T00:00:00Z') });
    expect(result!.members).toEqual(['007']);
  });

  it('joins a numeric Arrow link to a CSV text key, and takes zoned Arrow timestamps as UTC', async () => {
    const interactions = new Table({
      InteractionType: vectorFromArray(['EmailOpened', 'EmailOpened'], new Utf8()),
      Timestamp: vectorFromArray(
        [Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-03-02T00:00:00Z')],
        new TimestampMillisecond('Europe/Paris'),
      ),
      ContactId: vectorFromArray([1, 2], new Int32()),
    });
    const { catalog } = await loadData(
      db,
      [textFile('contact.csv', 'contactid\n1\n2\n3\n'), { name: 'interactions.arrows', bytes: tableToIPC(interactions, 'stream') }],
      nodeDecoders,
      { generation: 102 },
    );
    expect(catalog.interactions.types.EmailOpened!.fields.Timestamp).toBe('timestamp');
    const library = parseLibraryOrThrow({
      version: 1,
      segments: [
        {
          name: 'Day1',
          kind: 'profile',
          query: { groups: [{ where: { interaction: 'EmailOpened', window: { from: '2026-03-01', to: '2026-03-01' } } }] },
        },
        { name: 'Never', kind: 'interaction', query: { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 } } },
      ],
    });
    const [day1, never] = await evaluateLibrary(connectorRunner(db), catalog, library, { now: Date.parse('2026-03-31T00:00:00Z') });
    expect(day1!.members).toEqual(['1']);
    expect(never!.members).toEqual(['3']);
  });

  it('finds per-type tables, unions them with the long table, and keeps empty types', async () => {
    const { catalog, warnings } = await loadData(
      db,
      [
        textFile('contact.csv', 'contactid\nc1\nc2\n'),
        textFile(
          'interactions.csv',
          'InteractionType,Timestamp,ContactId,Extra\nEmailOpened,2026-03-01T00:00:00Z,c1,x\nEmailOpened,2026-03-02T00:00:00Z,c9,y\n',
        ),
        textFile('EmailOpened.csv', 'Timestamp,ContactId,Only\n2026-03-03T00:00:00Z,c2,z\n'),
        textFile('FormSubmitted.csv', 'Timestamp,ContactId\n'),
      ],
      nodeDecoders,
      { generation: 103 },
    );
    expect(Object.keys(catalog.interactions.types).sort()).toEqual(['EmailOpened', 'FormSubmitted']);
    expect(catalog.interactions.types.EmailOpened!.rowCount).toBe(3);
    expect(Object.keys(catalog.interactions.types.EmailOpened!.fields).sort()).toEqual([
      'ContactId',
      'Extra',
      'InteractionType',
      'Only',
      'Timestamp',
    ]);
    expect(catalog.interactions.types.FormSubmitted!.rowCount).toBe(0);
    expect(warnings.join('\n')).toMatch(/EmailOpened: 1 interaction whose ContactId is not a contact key belongs to no contact/);
  });

  it('infers a lookup relation from a column named like another entity key', async () => {
    const { catalog } = await loadData(
      db,
      [textFile('contact.csv', 'contactid,AccountId\nc1,a1\nc2,\n'), textFile('account.csv', 'accountid,name\na1,Contoso\n')],
      nodeDecoders,
      { generation: 104 },
    );
    expect(catalog.relations).toEqual([
      {
        name: 'contact_AccountId',
        from: { entity: 'contact', field: 'AccountId' },
        to: { entity: 'account', field: 'accountid' },
        inferred: true,
      },
    ]);
  });
});

describe('names that differ only in case', () => {
  it('keeps interaction types apart', async () => {
    const { catalog } = await loadData(
      db,
      [
        textFile('contact.csv', 'contactid\nc1\nc2\n'),
        textFile(
          'interactions.csv',
          'InteractionType,Timestamp,ContactId\nEmailOpened,2026-03-01T00:00:00Z,c1\nemailopened,2026-03-02T00:00:00Z,c2\n',
        ),
      ],
      nodeDecoders,
      { generation: 105 },
    );
    const library = parseLibraryOrThrow({
      version: 1,
      segments: [
        { name: 'Upper', kind: 'interaction', query: { interaction: 'EmailOpened' } },
        { name: 'Lower', kind: 'interaction', query: { interaction: 'emailopened' } },
      ],
    });
    const [upper, lower] = await evaluateLibrary(connectorRunner(db), catalog, library, { now: Date.parse('2026-03-31T00:00:00Z') });
    expect([upper!.members, lower!.members]).toEqual([['c1'], ['c2']]);
  });
});
