/**
 * A random data folder: contacts, accounts, a long `interactions` table, a per-type table that
 * adds to EmailOpened and a per-type WebsiteVisited table. The layout is fixed (so segment
 * generators know every field); the rows are random.
 */
import fc from 'fast-check';
import type { RefFieldType, RefRow, RefValue } from '../reference/ref-data';
import type { TimePools } from './time-pools';
import {
  ACCOUNT_KEYS,
  CONTACT_KEYS,
  LEAD_KEYS,
  LEAD_LINKS,
  dayValue,
  exactNumber,
  instantValue,
  likelyKey,
  linkTo,
  listItem,
  nullable,
  numberValue,
  textValue,
} from './value-pools';

/** How a column is written to Arrow; the loaded field type follows from it. */
export type ArrowKind = 'utf8' | 'float64' | 'int32' | 'int64' | 'bool' | 'dateDay' | 'timestampMs' | 'timestampMsZoned' | 'listUtf8';

export const FIELD_TYPE: Record<ArrowKind, RefFieldType> = {
  utf8: 'text',
  float64: 'number',
  int32: 'number',
  int64: 'number',
  bool: 'boolean',
  dateDay: 'date',
  timestampMs: 'timestamp',
  timestampMsZoned: 'timestamp',
  listUtf8: 'textList',
};

export type Columns = Readonly<Record<string, ArrowKind>>;

export const CONTACT_COLUMNS: Columns = {
  contactid: 'utf8',
  fullname: 'utf8',
  city: 'utf8',
  score: 'float64',
  visits: 'int32',
  donotemail: 'bool',
  birthdate: 'dateDay',
  createdon: 'timestampMs',
  lastseen: 'timestampMsZoned',
  interests: 'listUtf8',
  parentcustomerid: 'utf8',
  parentcontactid: 'utf8',
  LeadId: 'utf8',
};

export const ACCOUNT_COLUMNS: Columns = {
  accountid: 'utf8',
  name: 'utf8',
  revenue: 'float64',
  active: 'bool',
  founded: 'dateDay',
  renewedon: 'timestampMs',
  tags: 'listUtf8',
  contactid: 'utf8',
};

/** A lead's key is a 64-bit integer; contacts point at it with text (`LeadId`), joined as text. */
export const LEAD_COLUMNS: Columns = { leadid: 'int64', topic: 'utf8', budget: 'int64', estimatedclose: 'dateDay' };

export const LONG_TYPES = ['EmailOpened', 'EmailClicked', 'EventRegistration'] as const;

export const LONG_COLUMNS: Columns = {
  InteractionId: 'utf8',
  InteractionType: 'utf8',
  Timestamp: 'timestampMs',
  ContactId: 'utf8',
  ReferrerContactId: 'utf8',
  MessageId: 'utf8',
  Score: 'float64',
  Labels: 'listUtf8',
  SentOn: 'dateDay',
};

/** `EmailOpened.arrows`: more EmailOpened rows, with a column the long table lacks. */
export const EMAIL_OPENED_COLUMNS: Columns = {
  Timestamp: 'timestampMs',
  ContactId: 'utf8',
  MessageId: 'utf8',
  Score: 'float64',
  Device: 'utf8',
};

/** `WebsiteVisited.arrows`: a type that exists only as its own table (possibly empty). */
export const WEBSITE_VISITED_COLUMNS: Columns = { Timestamp: 'timestampMs', ContactId: 'utf8', Url: 'utf8', VisitDuration: 'float64' };

export interface Dataset {
  /** Which tables are written as CSV instead of Arrow (only when they have rows). */
  readonly csv: { readonly lead: boolean; readonly websiteVisited: boolean };
  readonly contacts: readonly RefRow[];
  readonly accounts: readonly RefRow[];
  readonly leads: readonly RefRow[];
  readonly interactions: readonly RefRow[];
  readonly emailOpened: readonly RefRow[];
  readonly websiteVisited: readonly RefRow[];
}

interface Links {
  readonly contact: fc.Arbitrary<string | null>;
  readonly account: fc.Arbitrary<string | null>;
}

const textList = nullable(fc.array(nullable(listItem, 4), { maxLength: 4 }), 6);

function contactRow(pools: TimePools, links: Links): fc.Arbitrary<RefRow> {
  return fc.record({
    contactid: likelyKey(CONTACT_KEYS),
    fullname: nullable(textValue),
    city: nullable(textValue),
    score: nullable(numberValue),
    visits: nullable(fc.integer({ min: -3, max: 50 })),
    donotemail: nullable(fc.boolean(), 3),
    birthdate: nullable(dayValue(pools)),
    createdon: nullable(instantValue(pools), 6),
    lastseen: nullable(instantValue(pools)),
    interests: textList,
    parentcustomerid: links.account,
    parentcontactid: links.contact,
    LeadId: nullable(fc.constantFrom(...LEAD_LINKS), 4),
  });
}

function accountRow(pools: TimePools, links: Links): fc.Arbitrary<RefRow> {
  return fc.record({
    accountid: fc.constantFrom(...ACCOUNT_KEYS),
    name: nullable(textValue),
    revenue: nullable(numberValue),
    active: nullable(fc.boolean(), 3),
    founded: nullable(dayValue(pools)),
    renewedon: nullable(instantValue(pools)),
    tags: textList,
    contactid: links.contact,
  });
}

function leadRow(pools: TimePools): fc.Arbitrary<RefRow> {
  return fc.record({
    leadid: fc.constantFrom(...LEAD_KEYS),
    topic: nullable(textValue),
    budget: nullable(fc.constantFrom(-3, 0, 5, 1000, 2 ** 40)),
    estimatedclose: nullable(dayValue(pools)),
  });
}

function longRow(pools: TimePools, links: Links, type: fc.Arbitrary<string>): fc.Arbitrary<Omit<RefRow, 'InteractionId'>> {
  return fc.record({
    InteractionType: type,
    Timestamp: instantValue(pools),
    ContactId: links.contact,
    ReferrerContactId: fc.oneof(fc.constant(null), links.contact),
    MessageId: nullable(fc.constantFrom('msg-1', 'MSG-1', 'msg-2', 'msg-3', 'Msg_%')),
    Score: nullable(exactNumber, 4),
    Labels: textList,
    SentOn: nullable(dayValue(pools)),
  });
}

export function datasetArbitrary(pools: TimePools): fc.Arbitrary<Dataset> {
  const links: Links = { contact: linkTo(CONTACT_KEYS, 'nobody'), account: linkTo(ACCOUNT_KEYS, 'a-none') };
  const byKey = (field: string) => ({ selector: (row: RefRow) => row[field] });
  const contacts = fc.uniqueArray(contactRow(pools, links), { ...byKey('contactid'), minLength: 3, maxLength: 20, size: 'medium' });
  const accounts = fc.uniqueArray(accountRow(pools, links), { ...byKey('accountid'), maxLength: ACCOUNT_KEYS.length });
  const leads = fc.uniqueArray(leadRow(pools), { ...byKey('leadid'), maxLength: LEAD_KEYS.length });
  // Every long type appears at least once, so every type exists whatever else is drawn.
  const interactions = fc
    .tuple(
      fc.tuple(...LONG_TYPES.map((t) => longRow(pools, links, fc.constant(t)))),
      fc.array(longRow(pools, links, fc.constantFrom(...LONG_TYPES)), { maxLength: 50, size: 'medium' }),
    )
    .map(([required, more]) => [...required, ...more].map((row, i) => ({ InteractionId: `i${i}`, ...row })));
  const emailOpened = fc.array(
    fc.record({
      Timestamp: instantValue(pools),
      ContactId: links.contact,
      MessageId: nullable(fc.constantFrom('msg-1', 'MSG-1', 'msg-2')),
      Score: nullable(exactNumber, 4),
      Device: nullable(fc.constantFrom('Phone', 'phone', 'Desktop')),
    }),
    { maxLength: 12, size: 'medium' },
  );
  const websiteVisited = fc.array(
    fc.record({
      Timestamp: instantValue(pools),
      ContactId: links.contact,
      Url: nullable(fc.constantFrom('/home', '/Pricing', '/pricing?a=1%', '/a_b')),
      VisitDuration: nullable(exactNumber, 6),
    }),
    { maxLength: 20, size: 'medium' },
  );
  const csv = fc.record({ lead: fc.boolean(), websiteVisited: fc.boolean() });
  return fc.record({ csv, contacts, accounts, leads, interactions, emailOpened, websiteVisited }).map(csvReady);
}

/** Sets a column's first value when every value is null: an all-empty CSV column has no type to find. */
function typedColumn(rows: readonly RefRow[], column: string, value: RefValue): RefRow[] {
  if (rows.length === 0 || rows.some((r) => r[column] !== null)) return [...rows];
  return rows.map((r, i) => (i === 0 ? { ...r, [column]: value } : r));
}

/**
 * CSV cannot tell an empty text from null, nor type a column with no values: such tables are
 * adjusted before both the product and the reference see them.
 */
function csvReady(d: Dataset): Dataset {
  const lead = d.csv.lead && d.leads.length > 0;
  const websiteVisited = d.csv.websiteVisited && d.websiteVisited.length > 0;
  let { leads, websiteVisited: visits } = d;
  if (lead) {
    leads = leads.map((r) => (r.topic === '' ? { ...r, topic: null } : r));
    leads = typedColumn(typedColumn(leads, 'budget', 0), 'estimatedclose', '2024-02-29');
  }
  if (websiteVisited) visits = typedColumn(visits, 'VisitDuration', 1);
  return { ...d, csv: { lead, websiteVisited }, leads, websiteVisited: visits };
}
