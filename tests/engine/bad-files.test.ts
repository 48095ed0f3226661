/**
 * Files that loaded wrongly without a word: duplicate column names (one dropped, renamed or a
 * key swapped), Arrow cut short at a batch boundary, and Parquet with dictionary-encoded text,
 * which could not be loaded at all.
 */
import {
  Dictionary,
  Field,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { Table as WasmTable, writeParquet, WriterPropertiesBuilder } from 'parquet-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { DataError } from '../../src/data/data-error';
import type { InputFile } from '../../src/data/decode-file';
import { connectorRunner } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { dropTables, loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { textFile } from '../helpers/arrow-files';

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
});
afterAll(async () => db?.close());

let generation = 1;
const load = (files: InputFile[], chunkRows?: number) =>
  loadData(db, files, chunkRows ? { ...nodeDecoders, chunkRows } : nodeDecoders, { generation: generation++ });

async function refusal(files: InputFile[]): Promise<DataError> {
  const error: unknown = await load(files).then(
    async (result) => {
      await dropTables(db, result.tables);
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

/** An Arrow table whose columns are given in order, names repeated if need be, in batches of `batchRows`. */
function orderedTable(columns: [name: string, vector: Vector][], batchRows = Infinity): Table {
  const fields = columns.map(([name, vector]) => new Field(name, vector.type, true));
  const schema = new Schema(fields);
  const rows = columns[0]![1].length;
  const batches: RecordBatch[] = [];
  for (let start = 0; start < rows; start += Math.min(batchRows, rows)) {
    const end = Math.min(rows, start + batchRows);
    const children = columns.map(([, vector]) => vector.slice(start, end).data[0]!);
    batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length: end - start, nullCount: 0, children })));
  }
  return new Table(batches);
}

const utf8 = (...values: (string | null)[]) => vectorFromArray(values, new Utf8());
const category = (...values: (string | null)[]) => vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));
const stamps = (...iso: string[]) =>
  vectorFromArray(
    iso.map((v) => Date.parse(v)),
    new TimestampMillisecond(),
  );

const CONTACTS = textFile('contact.csv', 'contactid,name\nc1,Ana\nc2,Ben\nc3,Cleo\n');

describe('duplicate column names', () => {
  it.each([
    ['the same name twice', 'contactid,email,email\nc1,a,b\n', /columns 2 "email" and 3 "email" have the same name/],
    ['names that differ only in case', 'contactid,Email,email\nc1,a,b\n', /columns 2 "Email" and 3 "email" differ only in case/],
    ['the key column twice', 'contactid,name,contactid\nc1,Ana,c2\n', /columns 1 "contactid" and 3 "contactid" have the same name/],
    [
      'the key column in another case',
      'contactid,name,ContactId\nc1,Ana,c2\n',
      /columns 1 "contactid" and 3 "ContactId" differ only in case/,
    ],
  ])('refuses a CSV with %s', async (_, csv, message) => {
    const error = await refusal([textFile('contact.csv', csv)]);
    expect(error.file).toBe('contact.csv');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['the same name twice', ['email', 'email'], /columns 2 "email" and 3 "email" have the same name/],
    ['names that differ only in case', ['Email', 'EMAIL'], /columns 2 "Email" and 3 "EMAIL" differ only in case/],
    ['the key column twice', ['name', 'contactid'], /columns 1 "contactid" and 3 "contactid" have the same name/],
  ])('refuses an Arrow file with %s', async (_, [second, third], message) => {
    const table = orderedTable([
      ['contactid', utf8('c1', 'c2')],
      [second!, utf8('x', 'y')],
      [third!, utf8('c2', 'c1')],
    ]);
    const error = await refusal([{ name: 'contact.arrow', bytes: tableToIPC(table, 'stream') }]);
    expect(error.file).toBe('contact.arrow');
    expect(error.message).toMatch(message);
  });

  it('refuses a duplicate column of an interactions file too', async () => {
    const csv = 'InteractionId,InteractionType,Timestamp,ContactId,contactid\ne1,EmailOpened,2026-01-01T00:00:00Z,c1,c2\n';
    const error = await refusal([CONTACTS, textFile('interactions.csv', csv)]);
    expect(error.message).toMatch(/^interactions\.csv: columns 4 "ContactId" and 5 "contactid" differ only in case/);
  });
});

describe('Arrow files cut short', () => {
  const table = orderedTable(
    [
      ['contactid', utf8('c1', 'c2', 'c3', 'c4', 'c5', 'c6')],
      ['city', utf8('Oslo', 'Rome', null, 'Oslo', 'Lima', 'Rome')],
    ],
    2,
  );

  it('loads the whole stream and the whole file', async () => {
    for (const format of ['stream', 'file'] as const) {
      const result = await load([{ name: 'contact.arrow', bytes: tableToIPC(table, format) }]);
      expect(result.catalog.entities.contact!.rowCount).toBe(6);
      await dropTables(db, result.tables);
    }
  });

  it.each([1, 2])('refuses a stream cut after %i of its 3 batches', async (kept) => {
    const whole = tableToIPC(new Table(table.batches.slice(0, kept)), 'stream');
    const cut = whole.slice(0, whole.length - 8);
    expect(tableToIPC(table, 'stream').subarray(0, cut.length)).toEqual(cut);
    const error = await refusal([{ name: 'contact.arrows', bytes: cut }]);
    expect(error.file).toBe('contact.arrows');
    expect(error.message).toMatch(/cannot be read as Arrow IPC: it ends without the end-of-stream marker/);
  });

  it('refuses a stream cut inside a batch and a file without its footer', async () => {
    const stream = tableToIPC(table, 'stream');
    expect((await refusal([{ name: 'contact.arrows', bytes: stream.slice(0, stream.length - 30) }])).message).toMatch(
      /^contact\.arrows: cannot be read as Arrow IPC: its last (record batch|message) is cut short/,
    );
    const file = tableToIPC(table, 'file');
    for (const end of [file.length - 6, file.length - 100, Math.floor(file.length / 2)]) {
      expect((await refusal([{ name: 'contact.arrow', bytes: file.slice(0, end) }])).message).toMatch(
        /^contact\.arrow: cannot be read as Arrow IPC: it is an Arrow file without its closing footer/,
      );
    }
  });
});

describe('Parquet with dictionary-encoded text', () => {
  /** Parquet as pandas writes `category` columns: dictionary pages with the Arrow schema kept. */
  function parquetOf(table: Table, rowGroupRows: number): Uint8Array {
    const properties = new WriterPropertiesBuilder().setMaxRowGroupSize(rowGroupRows).build();
    return writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream')), properties);
  }

  const contacts = orderedTable([
    ['contactid', utf8('c1', 'c2', 'c3', 'c4', 'c5')],
    ['city', category('Paris', 'Oslo', null, 'Paris', 'Lima')],
  ]);
  const interactions = orderedTable([
    ['InteractionId', utf8('e1', 'e2', 'e3', 'e4', 'e5')],
    ['InteractionType', category('EmailOpened', 'EmailOpened', 'WebsiteVisited', 'EmailOpened', 'WebsiteVisited')],
    [
      'Timestamp',
      stamps('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z', '2026-01-05T00:00:00Z'),
    ],
    ['ContactId', category('c1', 'c1', 'c2', 'c3', 'c5')],
  ]);

  it.each([
    ['one row group', 100, undefined],
    ['a row group per two rows, a chunk per row group', 2, 2],
  ])('loads and evaluates, %s', async (_, rowGroupRows, chunkRows) => {
    const files = [
      { name: 'contact.parquet', bytes: parquetOf(contacts, rowGroupRows) },
      { name: 'interactions.parquet', bytes: parquetOf(interactions, rowGroupRows) },
    ];
    const result = await load(files, chunkRows);
    const { catalog } = result;
    expect(catalog.entities.contact!.fields.city).toBe('text');
    expect(Object.keys(catalog.interactions.types).sort()).toEqual(['EmailOpened', 'WebsiteVisited']);
    const library = parseLibraryOrThrow({
      version: 1,
      segments: [
        { name: 'Paris', kind: 'profile', query: { groups: [{ where: { field: 'city', op: 'eq', value: 'paris' } }] } },
        { name: 'NoCity', kind: 'profile', query: { groups: [{ where: { field: 'city', op: 'isNull' } }] } },
        { name: 'Opened', kind: 'interaction', query: { interaction: 'EmailOpened', count: { op: 'atLeast', value: 1 } } },
      ],
    });
    const results = await evaluateLibrary(connectorRunner(db), catalog, library, { now: Date.parse('2026-02-01T00:00:00Z') });
    expect(results.map((r) => [r.name, r.members])).toEqual([
      ['Paris', ['c1', 'c4']],
      ['NoCity', ['c3']],
      ['Opened', ['c1', 'c3']],
    ]);
    await dropTables(db, result.tables);
  });
});
