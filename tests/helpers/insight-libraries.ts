/**
 * The libraries the insight tests share: one for timelines (windows, zones, the zero rule,
 * relative dates, references, the per-instant fallback) and one for traces, both on the
 * fixture data (fixture-data.ts).
 */
import { parseLibraryOrThrow } from '../../src/engine/parse-library';

const live = (name: string, body: Record<string, unknown>) => ({ name, status: 'live', ...body });

export const TIMELINE_LIBRARY = parseLibraryOrThrow({
  version: 1,
  segments: [
    live('OpenedMonth', {
      kind: 'interaction',
      timeZone: 'America/New_York',
      query: { interaction: 'EmailOpened', window: { last: 1, unit: 'month' } },
    }),
    live('NeverOpenedWeek', {
      kind: 'interaction',
      timeZone: 'Asia/Kolkata',
      query: { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 }, window: { last: 2, unit: 'week' } },
    }),
    // Null lists are not distinct values (ClickHouse stores a null list as [NULL]).
    live('TaggedClicker', {
      kind: 'interaction',
      query: { interaction: 'EmailClicked', measure: { agg: 'countDistinct', field: 'Tags' } },
    }),
    live('VisitsSum', {
      kind: 'interaction',
      query: { interaction: 'WebsiteVisited', measure: { agg: 'sum', field: 'VisitDuration' }, count: { op: 'atLeast', value: 400 } },
    }),
    live('RecentMsg1', {
      kind: 'interaction',
      timeZone: 'Europe/Berlin',
      query: {
        interaction: 'EmailOpened',
        where: {
          and: [
            { field: 'MessageId', op: 'eq', value: 'MSG-1' },
            { field: 'Timestamp', op: 'inLast', value: { n: 10, unit: 'day' } },
          ],
        },
        count: { op: 'atMost', value: 1 },
      },
    }),
    live('NewContacts', {
      kind: 'profile',
      timeZone: 'Pacific/Auckland',
      query: {
        groups: [
          { where: { field: 'createdon', op: 'inLast', value: { n: 1, unit: 'month' } } },
          { combine: 'union', where: { field: 'birthdate', op: 'inLast', value: { n: 3, unit: 'week' } } },
          { combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } },
        ],
      },
    }),
    live('Seattle', { kind: 'profile', query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'seattle' } }] } }),
    live('SeattleOpeners', {
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              and: [
                { field: 'address1_city', op: 'eq', value: 'seattle' },
                { interaction: 'EmailOpened', window: { last: 20, unit: 'day' } },
              ],
            },
          },
        ],
      },
    }),
    live('ManagerIsNew', {
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              related: 'contact',
              via: 'contact_manager',
              where: { field: 'createdon', op: 'notInLast', value: { n: 2, unit: 'month' } },
            },
          },
        ],
      },
    }),
    live('Vips', { kind: 'static', members: ['c2', 'c5', 'c99'] }),
    // A count that holds at zero under a profile condition, and two interaction conditions side by side.
    live('QuietSeattle', {
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              and: [
                { field: 'address1_city', op: 'eq', value: 'seattle' },
                { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 }, window: { last: 2, unit: 'week' } },
              ],
            },
          },
        ],
      },
    }),
    live('OpenedOrVisited', {
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              or: [
                { interaction: 'EmailOpened', window: { last: 10, unit: 'day' } },
                { interaction: 'WebsiteVisited', window: { last: 1, unit: 'week' } },
              ],
            },
          },
        ],
      },
    }),
    live('LongAverageVisit', {
      kind: 'interaction',
      query: {
        interaction: 'WebsiteVisited',
        measure: { agg: 'avg', field: 'VisitDuration' },
        count: { op: 'atLeast', value: 300 },
        window: { last: 2, unit: 'week' },
      },
    }),
    live('TwoMessages', {
      kind: 'interaction',
      query: { interaction: 'EmailOpened', measure: { agg: 'countDistinct', field: 'MessageId' }, count: { op: 'atLeast', value: 2 } },
    }),
    // An empty interaction table: zero at every instant.
    live('FormSubmitters', { kind: 'interaction', query: { interaction: 'FormSubmitted', window: { last: 1, unit: 'month' } } }),
    live('Referred', { kind: 'interaction', query: { interaction: 'EventRegistration', relation: 'ReferrerContactId' } }),
    live('Mixed', {
      kind: 'compound',
      query: {
        steps: [
          { segment: 'OpenedMonth' },
          { combine: 'union', segment: 'Vips' },
          { combine: 'intersect', segment: 'NeverOpenedWeek' },
          { combine: 'exclude', segment: 'SeattleOpeners' },
        ],
      },
    }),
    live('Nested', { kind: 'compound', query: { steps: [{ segment: 'Mixed' }, { combine: 'union', segment: 'NewContacts' }] } }),
  ],
});

export const EXPLAIN_LIBRARY = parseLibraryOrThrow({
  version: 1,
  segments: [
    live('SeattleEmailable', {
      kind: 'profile',
      query: {
        groups: [
          { where: { field: 'address1_city', op: 'eq', value: 'Seattle' } },
          { combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } },
        ],
      },
    }),
    live('BigPharma', {
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              related: 'account',
              via: 'contact_account',
              where: {
                and: [
                  { field: 'revenue', op: 'gte', value: 10000000 },
                  { field: 'industrycode', op: 'eq', value: 3 },
                ],
              },
            },
          },
        ],
      },
    }),
    live('NotInSeattle', {
      kind: 'profile',
      query: { groups: [{ where: { not: { field: 'address1_city', op: 'eq', value: 'Seattle' } } }] },
    }),
    // Null lists are not distinct values (ClickHouse stores a null list as [NULL]).
    live('TaggedClicker', {
      kind: 'interaction',
      query: { interaction: 'EmailClicked', measure: { agg: 'countDistinct', field: 'Tags' } },
    }),
    live('NeverOpened', { kind: 'interaction', query: { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 } } }),
    live('TenMinutes', {
      kind: 'interaction',
      query: { interaction: 'WebsiteVisited', measure: { agg: 'sum', field: 'VisitDuration' }, count: { op: 'atLeast', value: 600 } },
    }),
    live('NewAndOpening', {
      kind: 'profile',
      timeZone: 'America/Los_Angeles',
      query: {
        groups: [
          {
            where: {
              or: [
                { field: 'createdon', op: 'inLast', value: { n: 1, unit: 'month' } },
                { interaction: 'EmailOpened', window: { last: 7, unit: 'day' } },
              ],
            },
          },
        ],
      },
    }),
    // Two parts on one type, both counting some interactions of c1: each lists its own.
    live('OpenedEverOrLately', {
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              or: [{ interaction: 'EmailOpened' }, { interaction: 'EmailOpened', window: { last: 2, unit: 'week' } }],
            },
          },
        ],
      },
    }),
    live('Managed', { kind: 'profile', query: { groups: [{ where: { related: 'contact', via: 'contact_manager' } }] } }),
    // An interaction condition on a related contact counts that contact's interactions, not the traced one's.
    live('ManagerOpened', {
      kind: 'profile',
      query: { groups: [{ where: { related: 'contact', via: 'contact_manager', where: { interaction: 'EmailOpened' } } }] },
    }),
    live('Vips', { kind: 'static', members: ['c2', 'c99'] }),
    live('Mixed', {
      kind: 'compound',
      query: {
        steps: [{ segment: 'SeattleEmailable' }, { combine: 'union', segment: 'Vips' }, { combine: 'exclude', segment: 'NeverOpened' }],
      },
    }),
  ],
});
