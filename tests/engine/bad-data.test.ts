/** Every bad data folder of SPEC §2 is refused with the file (and row or column) named, loading nothing. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { DataError } from '../../src/data/data-error';
import type { InputFile } from '../../src/data/decode-file';
import { dropTables, loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { arrowFile, jsonFile, text, textFile, ts } from '../helpers/arrow-files';
import { FIXTURE_DATA } from '../helpers/examples';
import { fixtureFiles } from '../helpers/fixture-data';

const example = (name: string): InputFile => ({ name, bytes: new Uint8Array(readFileSync(path.join(FIXTURE_DATA, name))) });

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
});
afterAll(async () => db?.close());

async function tableCount(): Promise<number> {
  const [row] = await db.query('SELECT count(*) AS n FROM information_schema.tables');
  return Number(row!.n);
}

const CONTACTS_CSV = 'contactid,firstname\nc1,Ana\nc2,Ben\n';

async function expectRefused(files: InputFile[], file: string, message: RegExp): Promise<void> {
  const before = await tableCount();
  const error = await loadData(db, files, nodeDecoders).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  expect((error as DataError).file).toBe(file);
  expect((error as DataError).message).toMatch(message);
  expect(await tableCount()).toBe(before);
}

const withReplaced = (files: InputFile[], replacement: InputFile): InputFile[] => [
  ...files.filter((f) => f.name.replace(/\.\w+$/, '') !== replacement.name.replace(/\.\w+$/, '')),
  replacement,
];

describe('bad data', () => {
  it('needs a contact table', async () => {
    await expectRefused([textFile('account.csv', 'accountid\na1\n')], 'contact', /needs a contact table/);
  });

  it('refuses a truncated Parquet file', async () => {
    const whole = example('contact.parquet');
    await expectRefused(
      withReplaced([example('account.parquet'), example('interactions.parquet'), example('catalog.json')], {
        name: 'contact.parquet',
        bytes: whole.bytes.slice(0, whole.bytes.length - 40),
      }),
      'contact.parquet',
      /cannot be read as Parquet/,
    );
  });

  it('refuses a truncated Arrow file', async () => {
    const whole = arrowFile('contact', { contactid: text('c1', 'c2') });
    await expectRefused([{ name: 'contact.arrows', bytes: whole.bytes.slice(0, 50) }], 'contact.arrows', /cannot be read as Arrow/);
  });

  it('refuses a CSV with an unclosed quote', async () => {
    await expectRefused(
      [textFile('contact.csv', 'contactid,firstname\nc1,"Ana\nc2,Ben\n')],
      'contact.csv',
      /quoted field that starts on line 2 is never closed/,
    );
  });

  it('refuses a CSV row with too few fields', async () => {
    await expectRefused(
      [textFile('contact.csv', 'contactid,firstname\nc1,Ana\nc2\n')],
      'contact.csv',
      /line 3 has 1 fields; the header has 2/,
    );
  });

  it('refuses an entity without its key column', async () => {
    await expectRefused(
      [textFile('contact.csv', CONTACTS_CSV), textFile('account.csv', 'name\nContoso\n')],
      'account.csv',
      /no key column "accountid"/,
    );
  });

  it('refuses a null key, naming the line', async () => {
    await expectRefused(
      [textFile('contact.csv', 'contactid,firstname\nc1,Ana\n,Ben\n')],
      'contact.csv',
      /line 3 has no key: column "contactid" is empty/,
    );
  });

  it('refuses a duplicate key, naming both rows', async () => {
    await expectRefused(
      [textFile('contact.csv', 'contactid,firstname\nc1,Ana\nc2,Ben\nc1,Cleo\n')],
      'contact.csv',
      /key "c1" in column "contactid" appears twice: line 2 and line 4/,
    );
  });

  it('refuses a duplicate key in Arrow data, naming rows', async () => {
    await expectRefused([arrowFile('contact', { contactid: text('a', 'b', 'b') })], 'contact.arrows', /key "b" .* row 2 and row 3/);
  });

  it('refuses an interaction whose timestamp does not parse', async () => {
    await expectRefused(
      [
        textFile('contact.csv', CONTACTS_CSV),
        textFile(
          'interactions.csv',
          'InteractionType,Timestamp,ContactId\nEmailOpened,2026-03-01T10:00:00Z,c1\nEmailOpened,yesterday,c2\n',
        ),
      ],
      'interactions.csv',
      /line 3: "yesterday" in column "Timestamp" is not an ISO 8601 timestamp/,
    );
  });

  it('refuses an interaction without a timestamp', async () => {
    await expectRefused(
      [
        textFile('contact.csv', CONTACTS_CSV),
        textFile('interactions.csv', 'InteractionType,Timestamp,ContactId\nEmailOpened,2026-03-01T10:00:00Z,c1\nEmailOpened,,c2\n'),
      ],
      'interactions.csv',
      /line 3/,
    );
  });

  it('refuses a per-type table holding another type', async () => {
    await expectRefused(
      [
        textFile('contact.csv', CONTACTS_CSV),
        textFile(
          'EmailOpened.csv',
          'InteractionType,Timestamp,ContactId\nEmailOpened,2026-03-01T10:00:00Z,c1\nEmailClicked,2026-03-02T10:00:00Z,c2\n',
        ),
      ],
      'EmailOpened.csv',
      /line 3 has type "EmailClicked" but the file holds EmailOpened/,
    );
  });

  it('refuses a per-type table with a null type', async () => {
    await expectRefused(
      [
        textFile('contact.csv', CONTACTS_CSV),
        textFile('EmailOpened.csv', 'InteractionType,Timestamp,ContactId\n,2026-03-01T10:00:00Z,c1\n'),
      ],
      'EmailOpened.csv',
      /line 2 has no interaction type/,
    );
  });

  it('refuses a null type in the long table', async () => {
    await expectRefused(
      [
        textFile('contact.csv', CONTACTS_CSV),
        textFile('interactions.csv', 'InteractionType,Timestamp,ContactId\n,2026-03-01T10:00:00Z,c1\n'),
      ],
      'interactions.csv',
      /line 2 has no interaction type/,
    );
  });

  it('refuses a duplicate InteractionId across files, naming both places', async () => {
    await expectRefused(
      [
        textFile('contact.csv', CONTACTS_CSV),
        textFile(
          'interactions.csv',
          'InteractionId,InteractionType,Timestamp,ContactId\ni1,EmailOpened,2026-03-01T10:00:00Z,c1\ni2,EmailOpened,2026-03-01T10:00:00Z,c1\n',
        ),
        arrowFile('EmailClicked', {
          InteractionId: text('k1', 'i2'),
          Timestamp: ts('2026-03-01T00:00:00', '2026-03-02T00:00:00'),
          ContactId: text('c1', 'c2'),
        }),
      ],
      'interactions.csv',
      /InteractionId "i2" appears twice: interactions.csv line 3 and EmailClicked.arrows row 2/,
    );
  });

  /** Contacts and one EmailOpened per id, with ids i0 … i39 and then `more`. */
  const openedFiles = (...more: string[]): InputFile[] => {
    const ids = [...Array.from({ length: 40 }, (_, i) => `i${i}`), ...more];
    const rows = ids.map((i) => `${i},EmailOpened,2026-03-01T10:00:00Z,c1`).join('\n');
    return [
      textFile('contact.csv', CONTACTS_CSV),
      textFile('interactions.csv', `InteractionId,InteractionType,Timestamp,ContactId\n${rows}\n`),
    ];
  };

  it('finds a duplicate InteractionId when the check runs in slices', async () => {
    const files = openedFiles('i17');
    const error = await loadData(db, files, nodeDecoders, { idCheckSliceRows: 5 }).catch((e: unknown) => e);
    expect((error as DataError).message).toMatch(
      /InteractionId "i17" appears twice: interactions.csv line 19 and interactions.csv line 42/,
    );
  });

  it('accepts unique InteractionIds checked in slices, and leaves no table of hashes behind', async () => {
    const files = openedFiles();
    const before = await tableCount();
    const result = await loadData(db, files, nodeDecoders, { idCheckSliceRows: 5, generation: 7 });
    expect(result.catalog.interactions.types.EmailOpened!.rowCount).toBe(40);
    expect(await tableCount()).toBe(before + result.tables.length);
    await dropTables(db, result.tables);
  });

  it('refuses the same table twice', async () => {
    await expectRefused(
      [textFile('contact.csv', CONTACTS_CSV), arrowFile('contact', { contactid: text('c1') })],
      'contact.arrows',
      /table "contact" is also loaded from contact.csv/,
    );
  });

  it('refuses catalog.json that is not JSON', async () => {
    await expectRefused([textFile('contact.csv', CONTACTS_CSV), textFile('catalog.json', '{ nope')], 'catalog.json', /not valid JSON/);
  });

  it('refuses catalog.json with an unknown key', async () => {
    await expectRefused(
      [textFile('contact.csv', CONTACTS_CSV), jsonFile('catalog.json', { entitys: {} })],
      'catalog.json',
      /Unrecognized key/i,
    );
  });

  it('refuses catalog.json naming an entity without a file', async () => {
    await expectRefused(
      [textFile('contact.csv', CONTACTS_CSV), jsonFile('catalog.json', { entities: { lead: { key: 'leadid' } } })],
      'catalog.json',
      /no file for entity "lead"/,
    );
  });

  it('refuses catalog.json naming a missing key column', async () => {
    await expectRefused(
      [textFile('contact.csv', CONTACTS_CSV), jsonFile('catalog.json', { entities: { contact: { key: 'id' } } })],
      'contact.csv',
      /no key column "id" \(declared in catalog.json\)/,
    );
  });

  it('refuses a relation to a column that does not exist', async () => {
    await expectRefused(
      [
        textFile('contact.csv', CONTACTS_CSV),
        jsonFile('catalog.json', { relations: [{ name: 'r', from: 'contact.accountid', to: 'contact.contactid' }] }),
      ],
      'catalog.json',
      /relations\[0\].from: entity "contact" has no column "accountid"/,
    );
  });

  it('leaves nothing behind after a failure late in the load', async () => {
    const before = await tableCount();
    const files = [...fixtureFiles(), textFile('lead.csv', 'name\nx\n')];
    await expect(loadData(db, files, nodeDecoders)).rejects.toThrow(/lead.csv: no key column "leadid"/);
    expect(await tableCount()).toBe(before);
  });
});
