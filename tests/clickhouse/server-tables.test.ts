/**
 * A data folder holding only a catalog.json whose "tables" names tables already on the server
 * (SPEC §2, §4): a plain contact and account table, interactions in a Distributed table over both
 * shards, in ClickHouse's own types (Date, DateTime, Array(String)). The segments select what they
 * select when the same rows are loaded from files, and the server's tables are left as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickhouseEngine } from '../../src/data/engines/clickhouse-engine';
import { parseServerUrl, post } from '../../src/data/engines/clickhouse-http';
import type { Engine } from '../../src/data/engines/engine';
import { evaluateLibrary, type SegmentResult } from '../../src/data/evaluate-library';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { quoteIdentifier as id } from '../../src/engine/sql/quote-clickhouse';
import { arrowFile, date, jsonFile, list, num, text, ts } from '../helpers/arrow-files';
import { CLICKHOUSE_URL, clickhouseRunning, folderOf, SKIP_REASON } from '../helpers/clickhouse-server';

const NOW = Date.parse('2026-03-31T12:00:00Z');
const DB = `crm_test_${process.pid}`;

const CONTACTS = [
  ['c1', 'Seattle', '1980-03-15', '2026-03-01 10:00:00', ['golf', 'Wine'], 90000, 'a1'],
  ['c2', 'SEATTLE', '1990-12-31', '2026-02-28 23:59:59', [], 55000.5, 'a2'],
  ['c3', 'Paris', '1975-01-01', '2025-12-24 00:00:00', ['TECH'], null, 'a1'],
  ['c4', null, '2026-03-20', '2026-03-20 12:00:00', ['golf'], 0, null],
  ['c5', 'São Paulo', '1972-07-20', '2026-03-30 08:00:00', ['wine'], -10, 'a2'],
] as const;
const ACCOUNTS = [
  ['a1', 2_000_000],
  ['a2', 10],
] as const;
const INTERACTIONS = [
  ['i1', 'EmailOpened', 'c1', '2026-03-30 09:00:00', 'msg-1'],
  ['i2', 'EmailOpened', 'c1', '2026-03-02 12:00:00', 'msg-2'],
  ['i3', 'EmailOpened', 'c2', '2026-01-05 00:00:00', 'MSG-1'],
  ['i4', 'EmailClicked', 'c3', '2026-03-29 00:00:00', 'msg-1'],
  ['i5', 'EmailOpened', 'c5', '2026-04-01 00:00:00', 'msg-1'],
  ['i6', 'EmailClicked', null, '2026-03-29 00:00:00', 'msg-1'],
  ['i7', 'EmailOpened', 'c4', '2026-03-01 00:00:00', null],
] as const;

const CATALOG = { relations: [{ name: 'contact_account', from: 'contact.parentcustomerid', to: 'account.accountid' }] };

const LIBRARY = parseLibraryOrThrow({
  version: 1,
  segments: [
    {
      name: 'Seattle',
      kind: 'profile',
      status: 'live',
      query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'seattle' } }] },
    },
    { name: 'SaoPaulo', kind: 'profile', query: { groups: [{ where: { field: 'address1_city', op: 'beginsWith', value: 'SÃO' } }] } },
    {
      name: 'Born80s',
      kind: 'profile',
      query: { groups: [{ where: { field: 'birthdate', op: 'between', value: ['1980-01-01', '1990-12-31'] } }] },
    },
    { name: 'BornBefore1980', kind: 'profile', query: { groups: [{ where: { field: 'birthdate', op: 'before', value: '1980-01-01' } }] } },
    { name: 'CreatedOn', kind: 'profile', query: { groups: [{ where: { field: 'createdon', op: 'on', value: '2026-03-01' } }] } },
    {
      name: 'CreatedRecently',
      kind: 'profile',
      query: { groups: [{ where: { field: 'createdon', op: 'inLast', value: { n: 30, unit: 'day' } } }] },
    },
    { name: 'Golfers', kind: 'profile', query: { groups: [{ where: { field: 'interests', op: 'containsAny', value: ['GOLF'] } }] } },
    { name: 'NoWine', kind: 'profile', query: { groups: [{ where: { field: 'interests', op: 'containsNone', value: ['wine'] } }] } },
    {
      name: 'RichAccount',
      kind: 'profile',
      query: { groups: [{ where: { related: 'account', via: 'contact_account', where: { field: 'revenue', op: 'gte', value: 1e6 } } }] },
    },
    { name: 'Income', kind: 'profile', query: { groups: [{ where: { not: { field: 'annualincome', op: 'gt', value: 0 } } }] } },
    {
      name: 'OpenedTwice',
      kind: 'interaction',
      status: 'live',
      query: { interaction: 'EmailOpened', count: { op: 'atLeast', value: 2 }, window: { last: 30, unit: 'day' } },
    },
    { name: 'NeverOpened', kind: 'interaction', query: { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 } } },
    {
      name: 'ClickedMsg1',
      kind: 'interaction',
      query: { interaction: 'EmailClicked', where: { field: 'MessageId', op: 'eq', value: 'MSG-1' } },
    },
    { name: 'Engaged', kind: 'compound', query: { steps: [{ segment: 'Seattle' }, { combine: 'intersect', segment: 'OpenedTwice' }] } },
  ],
});

describe.skipIf(!clickhouseRunning)('segments on existing ClickHouse tables', () => {
  const { server, params } = parseServerUrl(CLICKHOUSE_URL);
  const shards = (params.get('shards') ?? new URL(CLICKHOUSE_URL).host).split(',').map((a) => ({ ...server, origin: `http://${a}` }));
  const cluster = params.get('cluster');
  const run = (sql: string, on = server) => post(on, sql);
  const literal = (v: unknown): string =>
    v === null ? 'NULL' : Array.isArray(v) ? `[${v.map(literal).join(', ')}]` : typeof v === 'number' ? String(v) : `'${String(v)}'`;
  const rows = (data: readonly (readonly unknown[])[]) => data.map((r) => `(${r.map(literal).join(', ')})`).join(', ');

  let onTables: SegmentResult[];
  let fromFiles: SegmentResult[];
  let rowCount = '';

  async function evaluate(files: Parameters<typeof folderOf>[0]): Promise<SegmentResult[]> {
    const folder = await folderOf(files);
    const engine: Engine = await createClickhouseEngine(CLICKHOUSE_URL);
    try {
      const { catalog } = await engine.load(folder.dir);
      return await evaluateLibrary(engine, catalog, LIBRARY, { now: NOW });
    } finally {
      await engine.close();
      await folder.remove();
    }
  }

  beforeAll(async () => {
    for (const shard of shards) await run(`CREATE DATABASE IF NOT EXISTS ${id(DB)}`, shard);
    await run(
      `CREATE TABLE ${id(DB)}.contact (contactid String, address1_city Nullable(String), birthdate Date, createdon DateTime, interests Array(String), annualincome Nullable(Float64), parentcustomerid Nullable(String)) ENGINE = MergeTree() ORDER BY contactid`,
    );
    await run(`INSERT INTO ${id(DB)}.contact VALUES ${rows(CONTACTS)}`);
    await run(`CREATE TABLE ${id(DB)}.account (accountid String, revenue Float64) ENGINE = Memory`);
    await run(`INSERT INTO ${id(DB)}.account VALUES ${rows(ACCOUNTS)}`);
    const columns =
      '(InteractionId String, InteractionType String, ContactId Nullable(String), Timestamp DateTime, MessageId Nullable(String))';
    for (const shard of shards)
      await run(`CREATE TABLE ${id(DB)}.interactions_local ${columns} ENGINE = MergeTree() ORDER BY tuple()`, shard);
    const engine = cluster
      ? `Distributed('${cluster}', '${DB}', 'interactions_local', cityHash64(InteractionId))`
      : "Merge(currentDatabase(), '^interactions_local$')";
    await run(`CREATE TABLE ${id(DB)}.interactions ${columns} ENGINE = ${engine}`);
    const [first, second] = shards;
    // Rows placed on both shards by hand, so the Distributed table really reads two servers.
    await run(`INSERT INTO ${id(DB)}.interactions_local VALUES ${rows(INTERACTIONS.slice(0, 4))}`, first);
    await run(`INSERT INTO ${id(DB)}.interactions_local VALUES ${rows(INTERACTIONS.slice(4))}`, second ?? first);
    rowCount = await run(`SELECT count() FROM ${id(DB)}.interactions`);

    const catalog = { ...CATALOG, tables: { contact: `${DB}.contact`, account: `${DB}.account`, interactions: `${DB}.interactions` } };
    onTables = await evaluate([jsonFile('catalog.json', catalog)]);
    const utc = (t: string) => t.replace(' ', 'T');
    fromFiles = await evaluate([
      jsonFile('catalog.json', CATALOG),
      arrowFile('contact', {
        contactid: text(...CONTACTS.map((c) => c[0])),
        address1_city: text(...CONTACTS.map((c) => c[1])),
        birthdate: date(...CONTACTS.map((c) => c[2])),
        createdon: ts(...CONTACTS.map((c) => utc(c[3]))),
        interests: list(...CONTACTS.map((c) => [...c[4]])),
        annualincome: num(...CONTACTS.map((c) => c[5])),
        parentcustomerid: text(...CONTACTS.map((c) => c[6])),
      }),
      arrowFile('account', { accountid: text(...ACCOUNTS.map((a) => a[0])), revenue: num(...ACCOUNTS.map((a) => a[1])) }),
      arrowFile('interactions', {
        InteractionId: text(...INTERACTIONS.map((i) => i[0])),
        InteractionType: text(...INTERACTIONS.map((i) => i[1])),
        ContactId: text(...INTERACTIONS.map((i) => i[2])),
        Timestamp: ts(...INTERACTIONS.map((i) => utc(i[3]))),
        MessageId: text(...INTERACTIONS.map((i) => i[4])),
      }),
    ]);
  }, 180_000);

  afterAll(async () => {
    for (const shard of shards) await run(`DROP DATABASE IF EXISTS ${id(DB)}`, shard).catch(() => undefined);
  });

  it('selects what the same rows select when loaded from files', () => {
    expect(onTables).toEqual(fromFiles);
    expect(Object.fromEntries(onTables.map((r) => [r.name, r.members]))).toEqual({
      Seattle: ['c1', 'c2'],
      SaoPaulo: ['c5'],
      Born80s: ['c1', 'c2'],
      BornBefore1980: ['c3', 'c5'],
      CreatedOn: ['c1'],
      CreatedRecently: ['c4', 'c5'],
      Golfers: ['c1', 'c4'],
      NoWine: ['c2', 'c3', 'c4'],
      RichAccount: ['c1', 'c3'],
      Income: ['c3', 'c4', 'c5'],
      OpenedTwice: ['c1'],
      NeverOpened: ['c3', 'c5'],
      ClickedMsg1: ['c3'],
      Engaged: ['c1'],
    });
  });

  it('leaves the server tables as they were', async () => {
    expect(await run(`SELECT count() FROM ${id(DB)}.interactions`)).toBe(rowCount);
    expect(rowCount.trim()).toBe(String(INTERACTIONS.length));
  });
});

it.skipIf(clickhouseRunning)(SKIP_REASON, () => undefined);
