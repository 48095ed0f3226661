/**
 * The fixed segment shapes the benchmark times, as a version-1 library (SPEC §3), and the small
 * edits a designer preview re-evaluates. Fields and values are those of the app's sample data
 * (src/data/sample), which the benchmark writes as Parquet.
 */
import type { SegmentInput } from '../src/engine/library-schema';

export const BENCH_SEGMENTS: readonly SegmentInput[] = [
  {
    name: 'PlainCount',
    kind: 'interaction',
    status: 'live',
    description: 'a plain interaction count: opened any email, ever',
    query: { interaction: 'EmailOpened' },
  },
  {
    name: 'WindowedRestricted',
    kind: 'interaction',
    status: 'live',
    description: 'a windowed count with restrictions: opened one of some messages twice in 90 days',
    query: {
      interaction: 'EmailOpened',
      count: { op: 'atLeast', value: 2 },
      window: { last: 90, unit: 'day' },
      where: {
        or: [
          {
            field: 'MessageId',
            op: 'in',
            value: ['msg-1', 'msg-2', 'msg-3', 'msg-4', 'msg-5', 'msg-6', 'msg-7', 'msg-8', 'msg-9', 'msg-10'],
          },
          { field: 'DeviceType', op: 'eq', value: 'tablet' },
        ],
      },
    },
  },
  {
    name: 'DistinctMessages',
    kind: 'interaction',
    status: 'live',
    description: 'countDistinct: clicked at least 3 different messages in a year',
    query: {
      interaction: 'EmailClicked',
      measure: { agg: 'countDistinct', field: 'MessageId' },
      count: { op: 'atLeast', value: 3 },
      window: { last: 1, unit: 'year' },
    },
  },
  {
    name: 'VisitTime',
    kind: 'interaction',
    status: 'live',
    description: 'sum: website visits adding up to ten minutes in the last 6 months',
    query: {
      interaction: 'WebsiteVisited',
      measure: { agg: 'sum', field: 'VisitDuration' },
      count: { op: 'atLeast', value: 600 },
      window: { last: 6, unit: 'month' },
    },
  },
  {
    name: 'NeverOpenedRecently',
    kind: 'interaction',
    status: 'live',
    description: 'a zero count: no email opened in the last 30 days (contacts without interactions too)',
    query: { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 }, window: { last: 30, unit: 'day' } },
  },
  {
    name: 'SeattleBigAccounts',
    kind: 'profile',
    status: 'live',
    description: 'a profile segment with a related entity',
    query: {
      groups: [
        {
          where: {
            and: [
              { field: 'address1_city', op: 'eq', value: 'Seattle' },
              { related: 'account', via: 'contact_account', where: { field: 'revenue', op: 'gte', value: 50_000_000 } },
            ],
          },
        },
        { combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } },
      ],
    },
  },
  {
    name: 'ThreeGroupFlow',
    kind: 'profile',
    status: 'live',
    description: 'a three-group flow with text, date, list and behavioural conditions',
    query: {
      groups: [
        { where: { field: 'address1_city', op: 'in', value: ['Seattle', 'Redmond', 'Vancouver', 'Denver'] } },
        {
          combine: 'union',
          where: {
            and: [
              { field: 'createdon', op: 'inLast', value: { n: 1, unit: 'year' } },
              { field: 'interests', op: 'containsAny', value: ['golf', 'wine'] },
            ],
          },
        },
        {
          combine: 'intersect',
          where: {
            or: [
              { interaction: 'FormSubmitted', window: { last: 1, unit: 'year' } },
              { interaction: 'EventRegistration', count: { op: 'atLeast', value: 2 } },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'EngagedNotLapsed',
    kind: 'compound',
    status: 'live',
    description: 'a compound of three segments',
    query: {
      steps: [
        { segment: 'PlainCount' },
        { combine: 'intersect', segment: 'VisitTime' },
        { combine: 'exclude', segment: 'NeverOpenedRecently' },
      ],
    },
  },
  {
    name: 'Referrers',
    kind: 'interaction',
    status: 'live',
    description: 'a second contact link: contacts who referred somebody to an event',
    query: { interaction: 'EventRegistration', relation: 'ReferrerContactId' },
  },
  {
    name: 'NameSearch',
    kind: 'profile',
    status: 'live',
    description: 'text operators on a profile field: contains, begins with',
    query: {
      groups: [
        {
          where: {
            or: [
              { field: 'firstname', op: 'contains', value: 'an' },
              { field: 'address1_city', op: 'beginsWith', value: 'san' },
            ],
          },
        },
      ],
    },
  },
];

export interface PreviewEdit {
  readonly label: string;
  /** The segment as the designer shows it after the edit; compound steps name library segments. */
  readonly segment: SegmentInput;
  /** The library segment it was before the edit. */
  readonly base: string;
}

function queryOf(name: string): Record<string, unknown> {
  const segment = BENCH_SEGMENTS.find((s) => s.name === name) as { query?: Record<string, unknown> } | undefined;
  if (!segment?.query) throw new Error(`no benchmark segment ${name} with a query`);
  return segment.query;
}

function edited(label: string, name: string, base: string, change: Record<string, unknown>): PreviewEdit {
  const segment = BENCH_SEGMENTS.find((s) => s.name === base)!;
  return { label, base, segment: { ...segment, name, status: 'draft', query: { ...queryOf(base), ...change } } as SegmentInput };
}

/** Small edits an analyst makes in the designer, each re-evaluated as a live preview (a count). */
export const PREVIEW_EDITS: readonly PreviewEdit[] = [
  edited('count atLeast 2 → 3', 'PreviewCount', 'WindowedRestricted', { count: { op: 'atLeast', value: 3 } }),
  edited('window 90 → 60 days', 'PreviewWindow', 'WindowedRestricted', { window: { last: 60, unit: 'day' } }),
  edited('sum threshold 600 → 1200', 'PreviewSum', 'VisitTime', { count: { op: 'atLeast', value: 1200 } }),
  edited('flow: add a city to group 1', 'PreviewFlow', 'ThreeGroupFlow', {
    groups: [
      { where: { field: 'address1_city', op: 'in', value: ['Seattle', 'Redmond', 'Vancouver', 'Denver', 'Boston'] } },
      ...(queryOf('ThreeGroupFlow').groups as object[]).slice(1),
    ],
  }),
  edited('compound: exclude → intersect', 'PreviewCompound', 'EngagedNotLapsed', {
    steps: [
      { segment: 'PlainCount' },
      { combine: 'intersect', segment: 'VisitTime' },
      { combine: 'intersect', segment: 'NeverOpenedRecently' },
    ],
  }),
];
