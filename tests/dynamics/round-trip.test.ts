/**
 * Export → import → same members on DuckDB: hand-written segments over the fixture data (each
 * exportable form, each refusal and its reason), random libraries from the property generators,
 * and the shared example library when that folder exists.
 */
import path from 'node:path';
import { SHARED_EXAMPLES } from '../helpers/examples';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { connectorRunner } from '../../src/data/engines/engine';
import { openEngine } from '../../src/data/engines/open-engine';
import { dropTables, loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { exportDynamics } from '../../src/engine/dynamics/dynamics';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { parseLibraryText } from '../../src/engine/parse-library';
import { readFileSync } from 'node:fs';
import { fixtureFiles, NOW } from '../helpers/fixture-data';
import { datasetFiles } from '../property/dataset-files';
import { libraryArbitrary } from '../property/library';
import { caseArbitrary } from '../property/property-case';
import { checkRoundTrip, describeRoundTrip, emptyTally } from './round-trip';

const f = (field: string, op: string, value?: unknown) => (value === undefined ? { field, op } : { field, op, value });
const profile = (name: string, where: unknown, extra: object = {}) => ({
  name,
  kind: 'profile',
  status: 'live',
  query: { groups: [where ? { where } : {}] },
  ...extra,
});
const interaction = (name: string, query: object, extra: object = {}) => ({ name, kind: 'interaction', status: 'live', query, ...extra });

const visited = (name: string, agg: string, count: object) =>
  interaction(name, { interaction: 'WebsiteVisited', measure: { agg, field: 'VisitDuration' }, count });

const EXPORTABLE = [
  profile('CityIn', f('address1_city', 'in', ['seattle', 'PARIS'])),
  profile('CityNotIn', f('address1_city', 'notIn', ['seattle'])),
  profile('Hostile', f('address1_city', 'contains', "O'Brien_\\")),
  profile('NotContains', f('address1_city', 'notContains', 'eat')),
  profile('Starts', { or: [f('address1_city', 'beginsWith', 'sea'), f('firstname', 'endsWith', 'N')] }),
  profile('Income', { and: [f('annualincome', 'between', [0, 100000]), { not: f('annualincome', 'eq', 0) }] }),
  profile('Tiny', f('annualincome', 'gt', 1e-7)),
  profile('Born', { or: [f('birthdate', 'on', '2026-03-31'), f('birthdate', 'between', ['1975-01-01', '1980-12-31'])] }),
  profile('Created', f('createdon', 'onOrAfter', '2026-03-01T10:00:00+02:00')),
  profile('CreatedBefore', f('createdon', 'before', '2026-03-01')),
  profile('Emailable', { and: [f('donotemail', 'isFalse'), f('address1_city', 'isNotNull')] }),
  profile('Golf', f('interests', 'containsAny', ['golf', 'wine'])),
  profile('GolfAndWine', f('interests', 'containsAll', ['golf', 'wine'])),
  profile('BigAccount', { related: 'account', via: 'contact_account', where: f('revenue', 'gte', 1000000) }),
  profile('HasAccount', { and: [f('address1_city', 'isNotNull'), { related: 'account', via: 'contact_account' }] }),
  profile('Managers', { related: 'contact', via: 'contact_manager', reverse: true, where: f('address1_city', 'eq', 'seattle') }),
  profile('AccountOfSeattle', {
    related: 'account',
    via: 'contact_account',
    where: { and: [f('industrycode', 'eq', 3), { related: 'contact', via: 'contact_account', where: f('address1_city', 'eq', 'paris') }] },
  }),
  profile('NotRelated', { not: { related: 'account', via: 'contact_account', where: f('revenue', 'gt', 5000000) } }),
  profile('OrRelated', {
    or: [f('donotemail', 'isTrue'), { related: 'account', via: 'contact_account', where: f('name', 'eq', 'adatum') }],
  }),
  profile('Behaviour', { and: [f('address1_city', 'isNotNull'), { interaction: 'EmailOpened', count: { op: 'atMost', value: 1 } }] }),
  {
    name: 'Flow',
    kind: 'profile',
    status: 'live',
    query: {
      groups: [
        { where: f('address1_city', 'eq', 'seattle') },
        { combine: 'union', where: { interaction: 'EmailClicked' } },
        { combine: 'exclude', where: f('donotemail', 'isTrue') },
        { combine: 'intersect' },
      ],
    },
  },
  interaction('Opened2', { interaction: 'EmailOpened', count: { op: 'atLeast', value: 2 }, window: { last: 30, unit: 'day' } }),
  interaction('OpenedWeeks', { interaction: 'EmailOpened', window: { last: 2, unit: 'week' } }),
  interaction('OpenedMonth', { interaction: 'EmailOpened', count: { op: 'exactly', value: 1 }, window: { last: 1, unit: 'month' } }),
  interaction('OpenedYear', { interaction: 'EmailOpened', count: { op: 'atLeast', value: 0 }, window: { last: 1, unit: 'year' } }),
  interaction('NeverOpened', { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 } }),
  interaction('AtMostOne', { interaction: 'EmailOpened', count: { op: 'atMost', value: 1 } }),
  interaction('Between', { interaction: 'EmailOpened', count: { op: 'between', value: [2, 3] } }),
  interaction('BetweenZero', { interaction: 'EmailOpened', count: { op: 'between', value: [0, 1] } }),
  interaction('BetweenSame', { interaction: 'EmailOpened', count: { op: 'between', value: [2, 2] } }),
  interaction('Msg1', { interaction: 'EmailOpened', where: { or: [f('MessageId', 'in', ['msg-1', 'msg-3'])] } }),
  interaction('Referrers', { interaction: 'EventRegistration', relation: 'ReferrerContactId' }),
  visited('TenMinutes', 'sum', { op: 'atLeast', value: 600 }),
  visited('AvgRange', 'avg', { op: 'between', value: [300, 500] }),
  visited('MaxAtMost', 'max', { op: 'atMost', value: 400 }),
  visited('MinExactly', 'min', { op: 'exactly', value: 250 }),
  interaction('BerlinLifetime', { interaction: 'EmailOpened', count: { op: 'atLeast', value: 2 } }, { timeZone: 'Europe/Berlin' }),
  {
    name: 'Compound',
    kind: 'compound',
    status: 'live',
    query: { steps: [{ segment: 'CityIn' }, { combine: 'exclude', segment: 'NeverOpened' }, { combine: 'union', segment: 'Referrers' }] },
  },
];

/** Segments Dynamics cannot express, with the path of the part that says so. */
const REFUSED: [Record<string, unknown>, string, RegExp][] = [
  [profile('Recent', f('createdon', 'inLast', { n: 3, unit: 'month' })), 'query.groups[0].where', /relative dates/],
  [
    profile('NoGolf', { and: [f('address1_city', 'isNotNull'), f('interests', 'containsNone', ['golf'])] }),
    'query.groups[0].where.and[1]',
    /containsNone/,
  ],
  [profile('Tokyo', f('createdon', 'on', '2026-03-21'), { timeZone: 'Asia/Tokyo' }), 'query.groups[0].where', /Asia\/Tokyo/],
  [
    profile('ManagedBy', { related: 'contact', via: 'contact_manager', where: f('firstname', 'eq', 'ana') }),
    'query.groups[0].where',
    /forward/,
  ],
  [
    interaction('Distinct', { interaction: 'EmailOpened', measure: { agg: 'countDistinct', field: 'MessageId' } }),
    'query.measure',
    /distinct/,
  ],
  [interaction('Fixed', { interaction: 'EmailOpened', window: { from: '2026-03-01', to: '2026-03-31' } }), 'query.window', /fixed dates/],
  [
    interaction('BerlinWindow', { interaction: 'EmailOpened', window: { last: 7, unit: 'day' } }, { timeZone: 'Europe/Berlin' }),
    'query.window',
    /Europe\/Berlin/,
  ],
  [interaction('ClickContains', { interaction: 'EmailClicked', where: f('MessageId', 'contains', 'msg') }), 'query.where', /CONTAINS/],
  [{ name: 'Vips', kind: 'static', status: 'live', members: ['c1'] }, 'members', /static/],
];

const sharedExamples = SHARED_EXAMPLES ?? '';

describe('Dynamics export → import round trip', () => {
  let connector: Connector;
  beforeAll(async () => {
    connector = await createNodeConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('every exportable form over the fixture data imports back to the same members', async () => {
    const loaded = await loadData(connector, fixtureFiles(), nodeDecoders, { generation: 7001 });
    try {
      const library = parseLibraryOrThrow({ version: 1, segments: EXPORTABLE });
      const tally = emptyTally();
      const outcomes = await checkRoundTrip(connectorRunner(connector), loaded.catalog, library, NOW, tally);
      expect([...outcomes].filter(([, o]) => o.startsWith('refused'))).toEqual([]);
      expect(tally.exported).toBe(EXPORTABLE.length);
    } finally {
      await dropTables(connector, loaded.tables);
    }
  }, 120_000);

  it('what Dynamics cannot express is refused with the part and the reason, and nothing is written', async () => {
    const loaded = await loadData(connector, fixtureFiles(), nodeDecoders, { generation: 7002 });
    try {
      for (const [json, where, why] of REFUSED) {
        const segment = parseLibraryOrThrow({ version: 1, segments: [json] }).segments[0]!;
        const exported = exportDynamics(segment, loaded.catalog);
        expect(exported.ok, segment.name).toBe(false);
        if (exported.ok) continue;
        expect(exported.reasons[0]!.path, segment.name).toBe(where);
        expect(exported.reasons[0]!.message, segment.name).toMatch(why);
      }
    } finally {
      await dropTables(connector, loaded.tables);
    }
  });

  it('random libraries: every exported segment selects the same members once imported back (property)', async () => {
    const tally = emptyTally();
    let generation = 7100;
    const property = fc.asyncProperty(caseArbitrary(libraryArbitrary), async (c) => {
      const loaded = await loadData(connector, datasetFiles(c.dataset), nodeDecoders, { generation: ++generation });
      try {
        await checkRoundTrip(connectorRunner(connector), loaded.catalog, parseLibraryOrThrow(c.library), c.now, tally);
      } finally {
        await dropTables(connector, loaded.tables);
      }
    });
    await fc.assert(property, { numRuns: Math.round(40 * Number(process.env.PROPERTY_RUNS ?? 1)) });
    console.info(`Dynamics round trip: ${describeRoundTrip(tally)}`);
    expect(tally.exported).toBeGreaterThan(tally.refused / 4);
  }, 600_000);

  it.runIf(sharedExamples !== '')(
    'the shared example library: each segment round-trips or says why not',
    async () => {
      const engine = await openEngine('wasm');
      try {
        const { catalog } = await engine.load(path.join(sharedExamples, 'data'));
        const parsed = parseLibraryText(readFileSync(path.join(sharedExamples, 'library.json'), 'utf8'));
        if (!parsed.ok) throw new Error('the shared library does not parse');
        const tally = emptyTally();
        const outcomes = await checkRoundTrip(engine, catalog, parsed.library, Date.parse('2026-03-31T12:00:00Z'), tally);
        expect(tally.exported + tally.refused).toBe(parsed.library.segments.length);
        expect(outcomes.get('NeverOpened')).toMatch(/EXCEPT SEGMENT\(NeverOpened_1\)/);
        expect(outcomes.get('GolfNotWine')).toMatch(/^refused: query\.groups\[0\]\.where\.and\[1\].*containsNone/);
      } finally {
        await engine.close();
      }
    },
    120_000,
  );
});
