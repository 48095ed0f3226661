/**
 * The golden cases: every operator and segment kind, with the members worked out by hand from
 * tests/helpers/fixture-data.ts. The SQL of each is pinned per dialect (golden.test.ts) and run on
 * every engine (golden-engines.test.ts).
 */
import { Library, type Condition, type InteractionQuery } from '../../src/engine/library-schema';
import { HOSTILE_CITY } from '../helpers/fixture-data';

export type Case = { name: string; segment: Record<string, unknown>; members: string[] };

const profile = (where: Condition | undefined, extra: Record<string, unknown> = {}) => ({
  kind: 'profile',
  status: 'live',
  query: { groups: [where ? { where } : {}] },
  ...extra,
});
const interaction = (query: InteractionQuery) => ({ kind: 'interaction', status: 'live', query });
const f = (field: string, op: string, value?: unknown): Condition =>
  (value === undefined ? { field, op } : { field, op, value }) as Condition;
const city = (op: string, value?: unknown) => f('address1_city', op, value);

export const ALL = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];

/** Segments that compound cases refer to. */
export const SUPPORT = [
  {
    name: 'SeattleEmailable',
    ...profile(undefined),
    query: { groups: [{ where: city('eq', 'Seattle') }, { combine: 'exclude', where: f('donotemail', 'isTrue') }] },
  },
  { name: 'Referrers', ...interaction({ interaction: 'EventRegistration', relation: 'ReferrerContactId' }) },
  {
    name: 'OpenedTwice',
    ...interaction({ interaction: 'EmailOpened', count: { op: 'atLeast', value: 2 }, window: { last: 30, unit: 'day' } }),
  },
  { name: 'Seattle', ...profile(city('eq', 'seattle')) },
  { name: 'Vips', kind: 'static', status: 'live', members: ['c2', 'c99', 'c2'] },
];

export const CASES: Case[] = [
  // text
  { name: 'text-eq-ignores-case', segment: profile(city('eq', 'seattle')), members: ['c1', 'c2', 'c6'] },
  { name: 'text-neq-false-on-null', segment: profile(city('neq', 'Seattle')), members: ['c3', 'c5', 'c7'] },
  { name: 'text-not-eq-true-on-null', segment: profile({ not: city('eq', 'Seattle') }), members: ['c3', 'c4', 'c5', 'c7'] },
  { name: 'text-in', segment: profile(city('in', ['paris', 'BERLIN'])), members: ['c3', 'c7'] },
  { name: 'text-not-in', segment: profile(city('notIn', ['paris'])), members: ['c1', 'c2', 'c5', 'c6', 'c7'] },
  { name: 'text-contains', segment: profile(city('contains', 'EATT')), members: ['c1', 'c2', 'c6'] },
  { name: 'text-contains-percent-literal', segment: profile(city('contains', '%')), members: ['c5'] },
  { name: 'text-contains-underscore-literal', segment: profile(city('contains', '_')), members: ['c5'] },
  { name: 'text-ends-with-backslash', segment: profile(city('endsWith', '_\\')), members: ['c5'] },
  { name: 'text-begins-with-quote', segment: profile(city('beginsWith', "100% o'")), members: ['c5'] },
  { name: 'text-equals-hostile', segment: profile(city('eq', HOSTILE_CITY.toUpperCase())), members: ['c5'] },
  { name: 'text-not-contains', segment: profile(city('notContains', 'eatt')), members: ['c3', 'c5', 'c7'] },
  { name: 'text-is-null', segment: profile(city('isNull')), members: ['c4'] },
  { name: 'text-is-not-null', segment: profile(city('isNotNull')), members: ['c1', 'c2', 'c3', 'c5', 'c6', 'c7'] },
  // number
  { name: 'number-gt', segment: profile(f('annualincome', 'gt', 55000)), members: ['c1', 'c2', 'c6', 'c7'] },
  { name: 'number-gte', segment: profile(f('annualincome', 'gte', 75000)), members: ['c1', 'c6', 'c7'] },
  { name: 'number-lt', segment: profile(f('annualincome', 'lt', 0)), members: ['c4'] },
  { name: 'number-lte', segment: profile(f('annualincome', 'lte', 0)), members: ['c4', 'c5'] },
  { name: 'number-eq-decimal', segment: profile(f('annualincome', 'eq', 55000.5)), members: ['c2'] },
  { name: 'number-neq', segment: profile(f('annualincome', 'neq', 0)), members: ['c1', 'c2', 'c4', 'c6', 'c7'] },
  { name: 'number-between', segment: profile(f('annualincome', 'between', [0, 75000])), members: ['c2', 'c5', 'c6'] },
  { name: 'number-in', segment: profile(f('annualincome', 'in', [0, -10])), members: ['c4', 'c5'] },
  { name: 'number-not-in', segment: profile(f('annualincome', 'notIn', [0])), members: ['c1', 'c2', 'c4', 'c6', 'c7'] },
  { name: 'number-not-gt', segment: profile({ not: f('annualincome', 'gt', 0) }), members: ['c3', 'c4', 'c5'] },
  // boolean
  { name: 'boolean-is-true', segment: profile(f('donotemail', 'isTrue')), members: ['c2', 'c7'] },
  { name: 'boolean-is-false', segment: profile(f('donotemail', 'isFalse')), members: ['c1', 'c3', 'c5'] },
  { name: 'boolean-is-null', segment: profile(f('donotemail', 'isNull')), members: ['c4', 'c6'] },
  { name: 'boolean-not-true', segment: profile({ not: f('donotemail', 'isTrue') }), members: ['c1', 'c3', 'c4', 'c5', 'c6'] },
  // date
  { name: 'date-on', segment: profile(f('birthdate', 'on', '1980-03-15')), members: ['c1'] },
  { name: 'date-before', segment: profile(f('birthdate', 'before', '1980-03-15')), members: ['c5'] },
  { name: 'date-after', segment: profile(f('birthdate', 'after', '2000-01-01')), members: ['c4', 'c6', 'c7'] },
  { name: 'date-on-or-before', segment: profile(f('birthdate', 'onOrBefore', '1990-12-31')), members: ['c1', 'c2', 'c5'] },
  { name: 'date-on-or-after', segment: profile(f('birthdate', 'onOrAfter', '2026-03-01')), members: ['c4', 'c6'] },
  { name: 'date-between', segment: profile(f('birthdate', 'between', ['1980-01-01', '1990-12-31'])), members: ['c1', 'c2'] },
  { name: 'date-in-last-days', segment: profile(f('birthdate', 'inLast', { n: 30, unit: 'day' })), members: ['c4', 'c6'] },
  {
    name: 'date-not-in-last-days',
    segment: profile(f('birthdate', 'notInLast', { n: 30, unit: 'day' })),
    members: ['c1', 'c2', 'c5', 'c7'],
  },
  { name: 'date-in-last-month', segment: profile(f('birthdate', 'inLast', { n: 1, unit: 'month' })), members: ['c4', 'c6', 'c7'] },
  { name: 'date-on-timestamp-value', segment: profile(f('birthdate', 'on', '2026-03-01T01:00:00+09:00')), members: ['c7'] },
  {
    name: 'date-on-timestamp-value-tokyo',
    segment: profile(f('birthdate', 'on', '2026-03-01T01:00:00+09:00'), { timeZone: 'Asia/Tokyo' }),
    members: ['c6'],
  },
  // timestamp
  { name: 'timestamp-on', segment: profile(f('createdon', 'on', '2026-03-01')), members: ['c1'] },
  { name: 'timestamp-before', segment: profile(f('createdon', 'before', '2026-03-01')), members: ['c2', 'c3', 'c5'] },
  { name: 'timestamp-after', segment: profile(f('createdon', 'after', '2026-03-20')), members: ['c6', 'c7'] },
  { name: 'timestamp-on-or-before', segment: profile(f('createdon', 'onOrBefore', '2026-03-20')), members: ['c1', 'c2', 'c3', 'c4', 'c5'] },
  { name: 'timestamp-on-or-after', segment: profile(f('createdon', 'onOrAfter', '2026-03-20')), members: ['c4', 'c6', 'c7'] },
  { name: 'timestamp-between-days', segment: profile(f('createdon', 'between', ['2026-02-28', '2026-03-01'])), members: ['c1', 'c2'] },
  { name: 'timestamp-in-last-days', segment: profile(f('createdon', 'inLast', { n: 30, unit: 'day' })), members: ['c1', 'c4', 'c6'] },
  {
    name: 'timestamp-not-in-last-days',
    segment: profile(f('createdon', 'notInLast', { n: 30, unit: 'day' })),
    members: ['c2', 'c3', 'c5'],
  },
  {
    name: 'timestamp-in-last-months',
    segment: profile(f('createdon', 'inLast', { n: 3, unit: 'month' })),
    members: ['c1', 'c2', 'c3', 'c4', 'c6'],
  },
  { name: 'timestamp-on-in-tokyo', segment: profile(f('createdon', 'on', '2026-03-21'), { timeZone: 'Asia/Tokyo' }), members: ['c4'] },
  {
    name: 'timestamp-on-in-new-york',
    segment: profile(f('createdon', 'on', '2026-03-01'), { timeZone: 'America/New_York' }),
    members: ['c1'],
  },
  {
    name: 'timestamp-on-in-los-angeles',
    segment: profile(f('createdon', 'on', '2026-02-28'), { timeZone: 'America/Los_Angeles' }),
    members: ['c2'],
  },
  // lists
  { name: 'list-contains-any', segment: profile(f('interests', 'containsAny', ['golf'])), members: ['c1', 'c5'] },
  { name: 'list-contains-any-case', segment: profile(f('interests', 'containsAny', ['WINE'])), members: ['c1', 'c6'] },
  { name: 'list-contains-all', segment: profile(f('interests', 'containsAll', ['golf', 'wine'])), members: ['c1'] },
  { name: 'list-contains-none', segment: profile(f('interests', 'containsNone', ['wine'])), members: ['c2', 'c3', 'c5', 'c7'] },
  { name: 'list-is-null', segment: profile(f('interests', 'isNull')), members: ['c4'] },
  {
    name: 'list-not-contains-any',
    segment: profile({ not: f('interests', 'containsAny', ['golf']) }),
    members: ['c2', 'c3', 'c4', 'c6', 'c7'],
  },
  // and / or
  {
    name: 'and-or',
    segment: profile({ or: [{ and: [city('eq', 'seattle'), f('donotemail', 'isFalse')] }, city('eq', 'berlin')] }),
    members: ['c1', 'c7'],
  },
  // related
  {
    name: 'related-forward-same-record',
    segment: profile({
      related: 'account',
      via: 'contact_account',
      where: { and: [f('revenue', 'gte', 1000000), f('industrycode', 'eq', 3)] },
    }),
    members: ['c1', 'c3'],
  },
  { name: 'related-exists', segment: profile({ related: 'account', via: 'contact_account' }), members: ['c1', 'c2', 'c3', 'c5', 'c7'] },
  { name: 'related-not-exists', segment: profile({ not: { related: 'account', via: 'contact_account' } }), members: ['c4', 'c6'] },
  {
    name: 'related-self-forward',
    segment: profile({ related: 'contact', via: 'contact_manager', where: city('eq', 'seattle') }),
    members: ['c2', 'c3', 'c4', 'c7'],
  },
  {
    name: 'related-self-reverse',
    segment: profile({ related: 'contact', via: 'contact_manager', reverse: true }),
    members: ['c1', 'c2', 'c6'],
  },
  {
    name: 'related-self-reverse-same-record',
    segment: profile({
      related: 'contact',
      via: 'contact_manager',
      reverse: true,
      where: { and: [city('eq', 'seattle'), f('donotemail', 'isTrue')] },
    }),
    members: ['c1'],
  },
  {
    name: 'related-self-reverse-not-across-records',
    segment: profile({
      related: 'contact',
      via: 'contact_manager',
      reverse: true,
      where: { and: [city('eq', 'paris'), f('donotemail', 'isTrue')] },
    }),
    members: [],
  },
  {
    name: 'related-nested-both-directions',
    segment: profile({
      related: 'account',
      via: 'contact_account',
      where: { related: 'contact', via: 'contact_account', where: f('donotemail', 'isTrue') },
    }),
    members: ['c2', 'c7'],
  },
  // interaction segments
  { name: 'interaction-lifetime', segment: interaction({ interaction: 'EmailClicked' }), members: ['c3', 'c5'] },
  { name: 'interaction-window-start-inclusive', segment: SUPPORT[2]!, members: ['c1'] },
  {
    name: 'interaction-window-month',
    segment: interaction({ interaction: 'EmailOpened', count: { op: 'atLeast', value: 2 }, window: { last: 1, unit: 'month' } }),
    members: ['c1', 'c2'],
  },
  {
    name: 'interaction-exactly-zero',
    segment: interaction({ interaction: 'EmailOpened', count: { op: 'exactly', value: 0 } }),
    members: ['c3', 'c4', 'c5', 'c6', 'c7'],
  },
  {
    name: 'interaction-at-most-one',
    segment: interaction({ interaction: 'EmailOpened', count: { op: 'atMost', value: 1 } }),
    members: ['c3', 'c4', 'c5', 'c6', 'c7'],
  },
  {
    name: 'interaction-between',
    segment: interaction({ interaction: 'EmailOpened', count: { op: 'between', value: [1, 2] } }),
    members: ['c2'],
  },
  {
    name: 'interaction-between-from-zero',
    segment: interaction({ interaction: 'EmailOpened', count: { op: 'between', value: [0, 2] } }),
    members: ['c2', 'c3', 'c4', 'c5', 'c6', 'c7'],
  },
  {
    name: 'interaction-where-ignores-case',
    segment: interaction({ interaction: 'EmailClicked', where: f('MessageId', 'eq', 'msg-1') }),
    members: ['c3', 'c5'],
  },
  {
    name: 'interaction-window-date-range',
    segment: interaction({ interaction: 'EmailClicked', window: { from: '2026-03-29', to: '2026-03-29' } }),
    members: ['c3'],
  },
  {
    name: 'interaction-window-to-instant-inclusive',
    segment: interaction({ interaction: 'EmailClicked', window: { to: '2026-03-29T00:00:00Z' } }),
    members: ['c3', 'c5'],
  },
  {
    name: 'interaction-window-to-instant',
    segment: interaction({ interaction: 'EmailClicked', window: { to: '2026-03-28T23:59:59Z' } }),
    members: ['c5'],
  },
  { name: 'interaction-relation', segment: SUPPORT[1]!, members: ['c1'] },
  {
    name: 'interaction-exactly-two',
    segment: interaction({ interaction: 'EventRegistration', count: { op: 'exactly', value: 2 } }),
    members: ['c6'],
  },
  {
    name: 'interaction-count-distinct-of-nulls-is-zero',
    segment: interaction({
      interaction: 'EventRegistration',
      measure: { agg: 'countDistinct', field: 'MessageId' },
      count: { op: 'exactly', value: 0 },
    }),
    members: ALL,
  },
  {
    // c3's two clicks have null lists: no distinct value (ClickHouse stores a null list as [NULL]).
    name: 'interaction-count-distinct-of-a-list',
    segment: interaction({
      interaction: 'EmailClicked',
      measure: { agg: 'countDistinct', field: 'Tags' },
      count: { op: 'atLeast', value: 1 },
    }),
    members: ['c5'],
  },
  {
    name: 'interaction-count-distinct',
    segment: interaction({
      interaction: 'EmailOpened',
      measure: { agg: 'countDistinct', field: 'MessageId' },
      count: { op: 'atLeast', value: 2 },
    }),
    members: ['c1', 'c2'],
  },
  {
    name: 'interaction-sum',
    segment: interaction({
      interaction: 'WebsiteVisited',
      measure: { agg: 'sum', field: 'VisitDuration' },
      count: { op: 'atLeast', value: 600 },
    }),
    members: ['c2'],
  },
  {
    name: 'interaction-avg-ignores-nulls',
    segment: interaction({
      interaction: 'WebsiteVisited',
      measure: { agg: 'avg', field: 'VisitDuration' },
      count: { op: 'atMost', value: 1000 },
    }),
    members: ['c2', 'c5'],
  },
  {
    name: 'interaction-min',
    segment: interaction({
      interaction: 'WebsiteVisited',
      measure: { agg: 'min', field: 'VisitDuration' },
      count: { op: 'atMost', value: 250 },
    }),
    members: ['c2'],
  },
  {
    name: 'interaction-max',
    segment: interaction({
      interaction: 'WebsiteVisited',
      measure: { agg: 'max', field: 'VisitDuration' },
      count: { op: 'exactly', value: 590 },
    }),
    members: ['c5'],
  },
  {
    name: 'interaction-empty-type-zero',
    segment: interaction({ interaction: 'FormSubmitted', count: { op: 'exactly', value: 0 } }),
    members: ALL,
  },
  { name: 'interaction-empty-type', segment: interaction({ interaction: 'FormSubmitted' }), members: [] },
  // behaviour inside profile groups
  {
    name: 'profile-behavioural-condition',
    segment: profile({ and: [city('eq', 'seattle'), { interaction: 'EmailOpened' }] }),
    members: ['c1', 'c2'],
  },
  { name: 'profile-not-behavioural', segment: profile({ not: { interaction: 'EmailOpened' } }), members: ['c3', 'c4', 'c5', 'c6', 'c7'] },
  // flows
  { name: 'flow-exclude', segment: SUPPORT[0]!, members: ['c1', 'c6'] },
  {
    name: 'flow-left-to-right',
    segment: {
      kind: 'profile',
      status: 'live',
      query: {
        groups: [
          { where: city('eq', 'seattle') },
          { combine: 'union', where: city('eq', 'paris') },
          { combine: 'intersect', where: f('donotemail', 'isFalse') },
        ],
      },
    },
    members: ['c1', 'c3'],
  },
  {
    name: 'flow-all-contacts-group',
    segment: {
      kind: 'profile',
      status: 'live',
      query: {
        groups: [
          {},
          { combine: 'exclude', where: city('eq', 'seattle') },
          { combine: 'union', where: f('interests', 'containsAny', ['golf']) },
        ],
      },
    },
    members: ['c1', 'c3', 'c4', 'c5', 'c7'],
  },
  // compound and static
  {
    name: 'compound-fold',
    segment: {
      kind: 'compound',
      status: 'live',
      query: {
        steps: [
          { segment: 'SeattleEmailable' },
          { combine: 'union', segment: 'Referrers' },
          { combine: 'intersect', segment: 'OpenedTwice' },
        ],
      },
    },
    members: ['c1'],
  },
  {
    name: 'compound-exclude-static',
    segment: { kind: 'compound', status: 'live', query: { steps: [{ segment: 'Seattle' }, { combine: 'exclude', segment: 'Vips' }] } },
    members: ['c1', 'c6'],
  },
  { name: 'static-unknown-left-out', segment: SUPPORT[4]!, members: ['c2'] },
];

/** The case under `name`, beside the segments compound cases refer to. */
export function libraryWith(segment: Record<string, unknown>, name: string): Library {
  const support = SUPPORT.filter((s) => s.name !== segment.name);
  return Library.parse({ version: 1, segments: [...support, { ...segment, name }] });
}
