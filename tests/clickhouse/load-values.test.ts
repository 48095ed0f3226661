/**
 * A folder loaded into ClickHouse holds exactly the values native DuckDB read: strings byte for
 * byte (backslashes, tabs, newlines, `\N`, NUL), empty versus null, lists with quotes and nulls,
 * numbers at the edges of Float64, dates and timestamps to the microsecond.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/data/engines/engine';
import type { Catalog } from '../../src/engine/catalog';
import { quoteIdentifier } from '../../src/engine/sql/quote-clickhouse';
import { arrowFile, bool, date, list, num, text, ts } from '../helpers/arrow-files';
import { clickhouseRunning, loadIntoClickhouse, SKIP_REASON } from '../helpers/clickhouse-server';

const STRINGS = [
  'plain',
  'back\\slash',
  '\\N',
  '\\',
  'tab\there',
  'two\nlines\r\n',
  'nul\0in',
  "it's",
  '',
  null,
  'Ünï 😀',
  ' padded ',
  '"q""',
  'a,b',
  '\\"',
];
const LISTS = [
  ["a'b", 'c\\d'],
  [],
  null,
  ['\t\n', null, '\\N'],
  ['NULL'],
  [''],
  ["'"],
  ['\\'],
  ['x,y'],
  ['[z]'],
  ['\0'],
  ['ok'],
  ['"', ' s '],
  [','],
  ["\\'"],
];
const NUMBERS = [
  0.1 + 0.2,
  1e300,
  -2.5e-7,
  Number.MAX_SAFE_INTEGER,
  -0,
  42,
  null,
  2 ** 53 + 2,
  1 / 3,
  -1e-7,
  123456.789,
  7,
  1e-300,
  null,
  5.5,
];
const ids = STRINGS.map((_, i) => `c\t${i}\\`);

describe.skipIf(!clickhouseRunning)('values loaded into ClickHouse', () => {
  let engine: Engine;
  let catalog: Catalog;
  beforeAll(async () => {
    ({ engine, catalog } = await loadIntoClickhouse([
      arrowFile('contact', {
        contactid: text(...ids),
        name: text(...STRINGS),
        tags: list(...LISTS),
        score: num(...NUMBERS),
        active: bool(...STRINGS.map((_, i) => (i % 3 === 2 ? null : i % 2 === 0))),
        born: date(...STRINGS.map((_, i) => (i === 4 ? null : `${1910 + i * 7}-0${1 + (i % 9)}-28`))),
      }),
      arrowFile('Opened', {
        Timestamp: ts(...STRINGS.map((_, i) => `2026-03-0${1 + (i % 9)}T12:34:56.${String(100000 + i * 12345).slice(0, 6)}`)),
        ContactId: text(...ids),
        Subject: text(...STRINGS),
      }),
    ]));
  }, 120_000);
  afterAll(async () => engine?.close());

  const hex = (s: string | null) => (s === null ? null : Buffer.from(s, 'utf8').toString('hex').toUpperCase());

  it('keeps every string and list byte for byte, and empty apart from null', async () => {
    const table = quoteIdentifier(catalog.entities.contact!.table);
    const rows = await engine.query(
      `SELECT hex(contactid) AS id, if(isNull(name), NULL, hex(assumeNotNull(name))) AS name, arrayMap(e -> if(isNull(e), 'null', hex(assumeNotNull(e))), tags) AS tags FROM ${table} ORDER BY contactid`,
    );
    const expected = ids
      .map((id, i) => ({
        id: hex(id),
        name: hex(STRINGS[i]!),
        // A null list is stored as [NULL] and null elements are dropped (clickhouse-types.ts).
        tags: LISTS[i] === null ? ['null'] : LISTS[i]!.filter((e) => e !== null).map((e) => hex(e)),
      }))
      .sort((a, b) => (a.id! < b.id! ? -1 : 1));
    expect(rows.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1))).toEqual(expected);
  });

  it('keeps numbers, booleans, dates and timestamps exactly', async () => {
    const rows = await engine.query(
      `SELECT contactid, score, active, born FROM ${quoteIdentifier(catalog.entities.contact!.table)} ORDER BY contactid`,
    );
    const byId = new Map(rows.map((r) => [r.contactid, r]));
    ids.forEach((id, i) => {
      const row = byId.get(id)!;
      expect(row.score === null ? null : Object.is(row.score, -0) ? -0 : Number(row.score)).toEqual(NUMBERS[i]);
      expect(row.active).toEqual(i % 3 === 2 ? null : i % 2 === 0);
      expect(row.born).toEqual(i === 4 ? null : Date.parse(`${1910 + i * 7}-0${1 + (i % 9)}-28T00:00:00Z`));
    });
    const opened = await engine.query(
      `SELECT ContactId AS id, Timestamp AS at, hex(assumeNotNull(Subject)) AS s, isNull(Subject) AS n FROM ${quoteIdentifier(catalog.interactions.types.Opened!.table)}`,
    );
    expect(opened).toHaveLength(ids.length);
    for (const row of opened) {
      const i = ids.indexOf(String(row.id));
      expect(row.at).toBe(Date.parse(`2026-03-0${1 + (i % 9)}T12:34:56.${String(100000 + i * 12345).slice(0, 3)}Z`));
      expect(row.n).toBe(STRINGS[i] === null);
      if (STRINGS[i] !== null) expect(row.s).toBe(hex(STRINGS[i]!));
    }
  });

  it.skipIf(clickhouseRunning)(SKIP_REASON, () => undefined);
});
