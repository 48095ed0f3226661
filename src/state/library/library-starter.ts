/**
 * The library a new analyst starts with: the SPEC §5 examples and the Dynamics 365 seed
 * segments, kept only where they fit the loaded data, so every one shows a count at once.
 */
import { contactEntity, type Catalog } from '../../engine/catalog';
import { Segment as SegmentSchema, type Library, type Segment, type SegmentInput } from '../../engine/library-schema';
import * as q from '../../engine/sql/build';
import { printQuery } from '../../engine/sql/print-duckdb';
import { validateSegment } from '../../engine/validate-library';

const STARTER_VIPS = 3;

function candidates(vips: readonly string[]): SegmentInput[] {
  const live = { status: 'live' as const, timeZone: 'UTC' };
  return [
    {
      name: 'SeattleEmailable',
      kind: 'profile',
      ...live,
      description: 'Contacts in Seattle (any spelling of its case) who may be emailed',
      query: {
        groups: [
          { where: { field: 'address1_city', op: 'eq', value: 'seattle' } },
          { combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } },
        ],
      },
    },
    {
      name: 'ClickedAnEmail',
      kind: 'interaction',
      ...live,
      description: 'Clicked at least one email',
      query: { interaction: 'EmailClicked' },
    },
    {
      name: 'NeverOpenedAnEmail',
      kind: 'interaction',
      ...live,
      description: 'Never opened an email, including contacts with no interactions at all',
      query: { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 } },
    },
    {
      name: 'OpenedAtLeast3Emails',
      kind: 'interaction',
      ...live,
      description: 'At least 3 email opens',
      query: { interaction: 'EmailOpened', count: { op: 'atLeast', value: 3 } },
    },
    {
      name: 'OneEventRegistration',
      kind: 'interaction',
      ...live,
      description: 'Exactly 1 event registration',
      query: { interaction: 'EventRegistration', count: { op: 'exactly', value: 1 } },
    },
    {
      name: 'ClickedLastTwoWeeks',
      kind: 'interaction',
      ...live,
      description: 'Clicked an email in the last two weeks (restrict MessageId to pick one email)',
      query: { interaction: 'EmailClicked', window: { last: 2, unit: 'week' } },
    },
    {
      name: 'EventReferrers',
      kind: 'interaction',
      ...live,
      description: 'Referred somebody to an event',
      query: { interaction: 'EventRegistration', relation: 'ReferrerContactId' },
    },
    {
      name: 'TenMinutesOnSite',
      kind: 'interaction',
      ...live,
      description: 'Website visits that add up to ten minutes or more',
      query: { interaction: 'WebsiteVisited', measure: { agg: 'sum', field: 'VisitDuration' }, count: { op: 'atLeast', value: 600 } },
    },
    {
      name: 'EngagedSeattle',
      kind: 'compound',
      ...live,
      description: 'Emailable Seattle contacts who opened at least 3 emails',
      query: { steps: [{ segment: 'SeattleEmailable' }, { combine: 'intersect', segment: 'OpenedAtLeast3Emails' }] },
    },
    { name: 'Vips', kind: 'static', ...live, description: 'A hand-picked list of contacts', members: [...vips] },
  ];
}

/** The first contact keys, for the example static segment. */
export function starterMembersSql(catalog: Catalog): string {
  const contact = contactEntity(catalog);
  return printQuery(
    q.select([q.as(q.col('c', contact.key), 'id')], {
      from: q.table(contact.table, 'c'),
      orderBy: [q.col('c', contact.key)],
      limit: STARTER_VIPS,
    }),
  );
}

export function starterSegments(catalog: Catalog, vips: readonly string[]): Segment[] {
  const library: Library = { version: 1, segments: [] };
  for (const candidate of candidates(vips)) {
    const parsed = SegmentSchema.safeParse(candidate);
    if (!parsed.success) continue;
    if (parsed.data.kind === 'static' && parsed.data.members.length === 0) continue;
    if (validateSegment(parsed.data, library, catalog).length === 0) library.segments.push(parsed.data);
  }
  return library.segments;
}
