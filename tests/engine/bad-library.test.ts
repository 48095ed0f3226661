/** Every bad library of SPEC §3 is refused with a message naming the segment, the path and a suggestion. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { connectorRunner } from '../../src/data/engines/engine';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import type { Catalog } from '../../src/engine/catalog';
import { parseLibrary, parseLibraryText } from '../../src/engine/parse-library';
import { describeProblem, LibraryError, type Problem } from '../../src/engine/problems';
import { validateLibrary } from '../../src/engine/validate-library';
import { fixtureFiles, NOW } from '../helpers/fixture-data';

let db: Connector;
let catalog: Catalog;
beforeAll(async () => {
  db = await createNodeConnector();
  catalog = (await loadData(db, fixtureFiles(), nodeDecoders)).catalog;
});
afterAll(async () => db?.close());

function problemsOf(segments: unknown[]): Problem[] {
  const parsed = parseLibrary({ version: 1, segments });
  return parsed.ok ? validateLibrary(parsed.library, catalog) : parsed.problems;
}

const profile = (where: unknown, name = 'Bad') => ({ name, kind: 'profile', status: 'live', query: { groups: [{ where }] } });
const interaction = (query: unknown, name = 'Bad') => ({ name, kind: 'interaction', status: 'live', query });

type BadCase = [description: string, segments: unknown[], path: string, message: RegExp];

const CASES: BadCase[] = [
  [
    'misspelt key',
    [interaction({ interaction: 'EmailOpened', windw: { last: 3, unit: 'day' } })],
    'segments[0].query',
    /unknown key "windw"; did you mean "window"/,
  ],
  ['name with a space', [profile({ field: 'firstname', op: 'isNull' }, 'Has space')], 'segments[0].name', /starts with a letter/],
  ['name starting with a digit', [profile({ field: 'firstname', op: 'isNull' }, '1st')], 'segments[0].name', /starts with a letter/],
  ['name too long', [profile({ field: 'firstname', op: 'isNull' }, `A${'b'.repeat(100)}`)], 'segments[0].name', /at most 100/],
  [
    'duplicate name ignoring case',
    [profile({ field: 'firstname', op: 'isNull' }, 'Same'), profile({ field: 'firstname', op: 'isNull' }, 'SAME')],
    'segments[1].name',
    /already used by segment "Same"/,
  ],
  [
    'unknown kind',
    [{ name: 'Bad', kind: 'dynamic', query: {} }],
    'segments[0].kind',
    /"dynamic" is not one of profile, interaction, compound, static/,
  ],
  [
    'unknown status',
    [{ ...profile({ field: 'firstname', op: 'isNull' }), status: 'active' }],
    'segments[0].status',
    /"active" is not one of draft, live, stopped/,
  ],
  [
    'unknown operator',
    [profile({ field: 'firstname', op: 'equals', value: 'x' })],
    'segments[0].query.groups[0].where.op',
    /"equals" is not one of .*did you mean "eq"/,
  ],
  [
    'unknown field',
    [profile({ field: 'adress1_city', op: 'eq', value: 'x' })],
    'segments[0].query.groups[0].where.field',
    /unknown field "adress1_city" on contact; did you mean "address1_city"/,
  ],
  [
    'unknown entity',
    [profile({ related: 'acount', via: 'contact_account' })],
    'segments[0].query.groups[0].where.related',
    /unknown entity "acount"; did you mean "account"/,
  ],
  [
    'unknown relation',
    [profile({ related: 'account', via: 'contact_acount' })],
    'segments[0].query.groups[0].where.via',
    /unknown relation "contact_acount"; did you mean "contact_account"/,
  ],
  [
    'relation that does not link the entities',
    [profile({ related: 'account', via: 'contact_manager' })],
    'segments[0].query.groups[0].where.via',
    /links contact to contact, not contact and account/,
  ],
  [
    'reverse on a relation that cannot be reversed from here',
    [profile({ related: 'account', via: 'contact_account', reverse: true })],
    'segments[0].query.groups[0].where.reverse',
    /cannot be followed in reverse/,
  ],
  [
    'unknown interaction type',
    [interaction({ interaction: 'EmailOpen' })],
    'segments[0].query.interaction',
    /unknown interaction type "EmailOpen"; did you mean "EmailOpened"/,
  ],
  [
    'operator for another type',
    [profile({ field: 'address1_city', op: 'gt', value: 3 })],
    'segments[0].query.groups[0].where.op',
    /"gt" does not apply to the text field "address1_city"/,
  ],
  [
    'boolean compared with eq',
    [profile({ field: 'donotemail', op: 'eq', value: true })],
    'segments[0].query.groups[0].where.op',
    /does not apply to the boolean field/,
  ],
  ['empty and', [profile({ and: [] })], 'segments[0].query.groups[0].where.and', /empty list/],
  ['empty or', [profile({ or: [] })], 'segments[0].query.groups[0].where.or', /empty list/],
  [
    'unrecognisable condition',
    [profile({ feld: 'x', op: 'eq' })],
    'segments[0].query.groups[0].where',
    /needs one of the keys .*did you mean "field"/,
  ],
  [
    'empty in list',
    [profile({ field: 'address1_city', op: 'in', value: [] })],
    'segments[0].query.groups[0].where.value',
    /non-empty list/,
  ],
  [
    'null inside an in list',
    [profile({ field: 'address1_city', op: 'in', value: ['a', null] })],
    'segments[0].query.groups[0].where.value',
    /item 1 of the list is null/,
  ],
  [
    'value on isNull',
    [profile({ field: 'address1_city', op: 'isNull', value: 'x' })],
    'segments[0].query.groups[0].where.value',
    /takes no value/,
  ],
  ['missing value', [profile({ field: 'address1_city', op: 'eq' })], 'segments[0].query.groups[0].where.value', /needs a value/],
  [
    'text value for a number',
    [profile({ field: 'annualincome', op: 'gt', value: '5' })],
    'segments[0].query.groups[0].where.value',
    /expected a number/,
  ],
  [
    'number between reversed',
    [profile({ field: 'annualincome', op: 'between', value: [10, 5] })],
    'segments[0].query.groups[0].where.value',
    /first value not after the second/,
  ],
  [
    'date between reversed',
    [profile({ field: 'birthdate', op: 'between', value: ['2026-02-01', '2026-01-01'] })],
    'segments[0].query.groups[0].where.value',
    /first value not after/,
  ],
  [
    'timestamp without a zone',
    [profile({ field: 'createdon', op: 'on', value: '2026-03-01T10:00:00' })],
    'segments[0].query.groups[0].where.value',
    /has no zone/,
  ],
  [
    'not a calendar date',
    [profile({ field: 'createdon', op: 'on', value: '2026-02-30' })],
    'segments[0].query.groups[0].where.value',
    /not a calendar date/,
  ],
  [
    'relative span with a plural unit',
    [profile({ field: 'createdon', op: 'inLast', value: { n: 3, unit: 'days' } })],
    'segments[0].query.groups[0].where.value',
    /"unit": "day"/,
  ],
  [
    'list operator with a text value',
    [profile({ field: 'interests', op: 'containsAny', value: 'golf' })],
    'segments[0].query.groups[0].where.value',
    /non-empty list/,
  ],
  [
    'invalid time zone',
    [{ ...profile({ field: 'firstname', op: 'isNull' }), timeZone: 'Mars/Olympus' }],
    'segments[0].timeZone',
    /not an IANA time zone/,
  ],
  [
    'first group with combine',
    [{ name: 'Bad', kind: 'profile', query: { groups: [{ combine: 'union' }] } }],
    'segments[0].query.groups[0].combine',
    /first group takes no "combine"/,
  ],
  [
    'later group without combine',
    [{ name: 'Bad', kind: 'profile', query: { groups: [{}, {}] } }],
    'segments[0].query.groups[1]',
    /needs "combine"/,
  ],
  ['no groups', [{ name: 'Bad', kind: 'profile', query: { groups: [] } }], 'segments[0].query.groups', /at least one group/],
  [
    'unknown segment reference',
    [{ name: 'Bad', kind: 'compound', query: { steps: [{ segment: 'Nope' }] } }],
    'segments[0].query.steps[0].segment',
    /unknown segment "Nope"/,
  ],
  [
    'reference to a draft segment',
    [
      profile({ field: 'firstname', op: 'isNull' }, 'Draft1'),
      { name: 'Bad', kind: 'compound', query: { steps: [{ segment: 'Draft1' }] } },
    ].map((s, i) => (i === 0 ? { ...s, status: 'draft' } : s)),
    'segments[1].query.steps[0].segment',
    /is draft; a compound segment may only use live segments/,
  ],
  [
    'reference by the wrong case',
    [profile({ field: 'firstname', op: 'isNull' }, 'Target'), { name: 'Bad', kind: 'compound', query: { steps: [{ segment: 'target' }] } }],
    'segments[1].query.steps[0].segment',
    /unknown segment "target"; did you mean "Target"/,
  ],
  [
    'cycle',
    [
      { name: 'A', kind: 'compound', status: 'live', query: { steps: [{ segment: 'B' }] } },
      { name: 'B', kind: 'compound', status: 'live', query: { steps: [{ segment: 'A' }] } },
    ],
    'segments[0].query.steps',
    /cycle: A → B → A/,
  ],
  [
    'link that is not a link',
    [interaction({ interaction: 'EventRegistration', relation: 'MessageId' })],
    'segments[0].query.relation',
    /not a contact link of EventRegistration/,
  ],
  [
    'negative count',
    [interaction({ interaction: 'EmailOpened', count: { op: 'atLeast', value: -1 } })],
    'segments[0].query.count.value',
    /whole numbers of 0 or more/,
  ],
  [
    'fractional count',
    [interaction({ interaction: 'EmailOpened', count: { op: 'exactly', value: 1.5 } })],
    'segments[0].query.count.value',
    /whole numbers/,
  ],
  [
    'count between reversed',
    [interaction({ interaction: 'EmailOpened', count: { op: 'between', value: [3, 1] } })],
    'segments[0].query.count.value',
    /not above the second/,
  ],
  [
    'sum of a text field',
    [interaction({ interaction: 'EmailOpened', measure: { agg: 'sum', field: 'MessageId' } })],
    'segments[0].query.measure.field',
    /needs a numeric field/,
  ],
  [
    'measure of an unknown field',
    [interaction({ interaction: 'WebsiteVisited', measure: { agg: 'sum', field: 'Duration' } })],
    'segments[0].query.measure.field',
    /unknown field "Duration"/,
  ],
  ['empty window', [interaction({ interaction: 'EmailOpened', window: {} })], 'segments[0].query.window', /needs "last" and "unit"/],
  [
    'window from after to',
    [interaction({ interaction: 'EmailOpened', window: { from: '2026-03-02', to: '2026-03-01' } })],
    'segments[0].query.window',
    /"from" 2026-03-02 is after "to"/,
  ],
  ['window of zero days', [interaction({ interaction: 'EmailOpened', window: { last: 0, unit: 'day' } })], 'segments[0].query.window', /./],
  [
    'interaction condition on an interaction',
    [interaction({ interaction: 'EmailOpened', where: { interaction: 'EmailClicked' } })],
    'segments[0].query.where.interaction',
    /contacts only/,
  ],
  [
    'interaction condition on a related account',
    [profile({ related: 'account', via: 'contact_account', where: { interaction: 'EmailClicked' } })],
    'segments[0].query.groups[0].where.where.interaction',
    /contacts only, not to account/,
  ],
  ['static with a query', [{ name: 'Bad', kind: 'static', members: [], query: {} }], 'segments[0]', /unknown key "query"/],
];

describe('bad libraries', () => {
  for (const [description, segments, path, message] of CASES) {
    it(description, () => {
      const problems = problemsOf(segments);
      const match = problems.find((p) => p.path === path && message.test(p.message));
      expect(match, `problems were:\n${problems.map(describeProblem).join('\n')}`).toBeDefined();
    });
  }

  it('names the segment in every message', () => {
    const [problem] = problemsOf([profile({ field: 'adress1_city', op: 'eq', value: 'x' }, 'Mine')]);
    expect(describeProblem(problem!)).toMatch(/^segment "Mine" at segments\[0\]\.query\.groups\[0\]\.where\.field: /);
  });

  it('refuses text that is not JSON', () => {
    const result = parseLibraryText('{ "version": 1, ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]!.message).toMatch(/not valid JSON/);
  });

  it('refuses another version', () => {
    const result = parseLibrary({ version: 2, segments: [] });
    expect(!result.ok && result.problems[0]!.path).toBe('version');
  });

  it('evaluation refuses a bad library and an unknown --only name', async () => {
    const parsed = parseLibrary({ version: 1, segments: [profile({ field: 'firstname', op: 'isNull' }, 'Fine')] });
    if (!parsed.ok) throw new Error('fixture library must parse');
    await expect(evaluateLibrary(connectorRunner(db), catalog, parsed.library, { now: NOW, only: 'Fin' })).rejects.toThrow(LibraryError);
  });
});
