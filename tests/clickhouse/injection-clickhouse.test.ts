/**
 * Hostile names and values on ClickHouse, whose strings and quoted names treat backslash as an
 * escape: they select exactly their own records and never alter the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickhouseEngine } from '../../src/data/engines/clickhouse-engine';
import type { Engine } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import type { Catalog } from '../../src/engine/catalog';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { quoteIdentifier, quoteNumber, quoteString } from '../../src/engine/sql/quote-clickhouse';
import { arrowFile, jsonFile, list, num, text, ts } from '../helpers/arrow-files';
import { CLICKHOUSE_URL, clickhouseRunning, loadIntoClickhouse, SKIP_REASON } from '../helpers/clickhouse-server';

const HOSTILE = [
  `O'Brien`,
  `'; DROP TABLE canary; --`,
  `back\\slash`,
  `\\'`,
  `\\\\`,
  `ends with \\`,
  `\\'; DROP TABLE canary; --`,
  'two\nlines\r\n',
  'tab\there',
  '`; DROP TABLE canary; --',
  `dq"uote`,
  `100%_x`,
  'Ünïcødé ✓ 😀 ΣΑΣ',
];
const FIELD = 'we"ird`\'\\; --name';
const ENTITY = 'acc\'ount`\\"; --';
const INTERACTION = "Opened'; DROP TABLE canary; --\\";
const RELATION = 'rel\'"`\\; --';
const NOW = Date.parse('2026-03-31T12:00:00Z');
const ids = HOSTILE.map((_, i) => `k'${i}\\"`);

describe.skipIf(!clickhouseRunning)('hostile names and values on ClickHouse', () => {
  let engine: Engine;
  let catalog: Catalog;
  beforeAll(async () => {
    ({ engine, catalog } = await loadIntoClickhouse([
      jsonFile('catalog.json', {
        entities: { [ENTITY]: { key: 'id' } },
        relations: [{ name: RELATION, from: `contact.${FIELD}`, to: `${ENTITY}.id` }],
        interactions: { contactLinks: ['ContactId'] },
      }),
      arrowFile('contact', {
        contactid: text(...ids),
        [FIELD]: text(...HOSTILE.map((_, i) => `a'${i}\\`)),
        tags: list(...HOSTILE.map((h) => [h])),
      }),
      arrowFile(ENTITY, {
        id: text(...HOSTILE.map((_, i) => `a'${i}\\`)),
        label: text(...HOSTILE),
        score: num(...HOSTILE.map((_, i) => i)),
      }),
      arrowFile(INTERACTION, {
        Timestamp: ts(...HOSTILE.map(() => '2026-03-01T00:00:00')),
        ContactId: text(...ids),
        [`Msg"Id`]: text(...HOSTILE),
      }),
    ]));
    await engine.execute("CREATE TABLE canary ENGINE = Memory AS SELECT 'yes' AS alive");
  }, 120_000);
  afterAll(async () => engine?.close());

  async function databaseIntact(): Promise<void> {
    const [row] = await engine.query('SELECT alive FROM canary');
    expect(row?.alive).toBe('yes');
    const tables = await engine.query('SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name');
    expect(tables.map((t) => t.name)).toEqual(
      [
        'canary',
        ...Object.values(catalog.entities).map((e) => e.table),
        ...Object.values(catalog.interactions.types).flatMap((t) => [t.table, `${t.table}:local`]),
      ].sort(),
    );
  }

  HOSTILE.forEach((value, i) => {
    it(`selects exactly the records holding ${JSON.stringify(value)}`, async () => {
      const library = parseLibraryOrThrow({
        version: 1,
        segments: [
          {
            name: 'ByRelated',
            kind: 'profile',
            query: { groups: [{ where: { related: ENTITY, via: RELATION, where: { field: 'label', op: 'eq', value } } }] },
          },
          { name: 'ByList', kind: 'profile', query: { groups: [{ where: { field: 'tags', op: 'containsAny', value: [value] } }] } },
          {
            name: 'ByInteraction',
            kind: 'interaction',
            query: { interaction: INTERACTION, where: { field: `Msg"Id`, op: 'contains', value } },
          },
          { name: 'ByStatic', kind: 'static', members: [ids[i]!] },
          {
            name: 'ByEnd',
            kind: 'profile',
            query: { groups: [{ where: { related: ENTITY, via: RELATION, where: { field: 'label', op: 'endsWith', value } } }] },
          },
        ],
      });
      const results = await evaluateLibrary(engine, catalog, library, { now: NOW });
      const holding = (test: (h: string) => boolean) => ids.filter((_, j) => test(HOSTILE[j]!.toLowerCase())).sort();
      expect(results[0]!.members).toEqual([ids[i]]);
      expect(results[1]!.members).toEqual([ids[i]]);
      expect(results[2]!.members).toEqual(holding((h) => h.includes(value.toLowerCase())));
      expect(results[3]!.members).toEqual([ids[i]]);
      expect(results[4]!.members).toEqual(holding((h) => h.endsWith(value.toLowerCase())));
      await databaseIntact();
    });
  });

  it('keeps the hostile names as they were written', () => {
    expect(Object.keys(catalog.entities).sort()).toEqual([ENTITY, 'contact'].sort());
    expect(catalog.entities.contact!.fields[FIELD]).toBe('text');
    expect(Object.keys(catalog.interactions.types)).toEqual([INTERACTION]);
  });
});

describe.skipIf(!clickhouseRunning)('ClickHouse literals and names round-trip exactly', () => {
  const STRINGS = [...HOSTILE, 'nul\0inside', '\0', "\\\0'\n", '\\', "'", '', 'ß İ ẞ Σ 😀'];
  let engine: Engine;
  beforeAll(async () => {
    engine = await createClickhouseEngine(CLICKHOUSE_URL);
  });
  afterAll(async () => engine?.close());

  it('gives back every string, byte for byte, as a value and as a column name (names refuse NUL)', async () => {
    const name = (s: string, i: number) => `v${i}${s.replaceAll('\0', '')}`;
    const columns = STRINGS.map((s, i) => `hex(${quoteString(s)}) AS ${quoteIdentifier(name(s, i))}`).join(', ');
    const [row] = await engine.query(`SELECT ${columns}`);
    STRINGS.forEach((s, i) => expect(row![name(s, i)]).toBe(Buffer.from(s, 'utf8').toString('hex').toUpperCase()));
    expect(() => quoteIdentifier('a\0b')).toThrow(/NUL/);
  });

  it('gives back every double exactly, subnormal ones included (the parser refuses a subnormal literal)', async () => {
    const NUMBERS = [5e-324, -5e-324, 2.225e-308, 2.2250738585072014e-308, 1.5e-7, 0.1, 1e21, -1.7976931348623157e308, 3];
    const columns = NUMBERS.map((n, i) => `toString(${quoteNumber(n)}) AS ${quoteIdentifier(`n${i}`)}`).join(', ');
    const [row] = await engine.query(`SELECT ${columns}`);
    NUMBERS.forEach((n, i) => expect(Number(row![`n${i}`])).toBe(n));
  });
});

it.skipIf(clickhouseRunning)(SKIP_REASON, () => undefined);
