/** Writes a random dataset as the files the product loads: Arrow IPC streams plus catalog.json. */
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Table,
  TimeUnit,
  Timestamp,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import type { DataType } from 'apache-arrow';
import type { InputFile } from '../../src/data/decode-file';
import type { RefRow, RefValue } from '../reference/ref-data';
import { csvText, type CsvKind } from './csv-text';
import {
  ACCOUNT_COLUMNS,
  CONTACT_COLUMNS,
  EMAIL_OPENED_COLUMNS,
  LEAD_COLUMNS,
  LONG_COLUMNS,
  WEBSITE_VISITED_COLUMNS,
  type ArrowKind,
  type Columns,
  type Dataset,
} from './dataset';

/** A zone on the column only changes how Arrow labels the instants; the values stay UTC. */
const STORED_ZONE = 'Asia/Kolkata';

function arrowType(kind: ArrowKind): DataType {
  switch (kind) {
    case 'utf8':
      return new Utf8();
    case 'float64':
      return new Float64();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'bool':
      return new Bool();
    case 'dateDay':
      return new DateDay();
    case 'timestampMs':
      return new TimestampMillisecond();
    case 'timestampMsZoned':
      return new Timestamp(TimeUnit.MILLISECOND, STORED_ZONE);
    case 'listUtf8':
      return new List(new Field('item', new Utf8(), true));
  }
}

function arrowValue(kind: ArrowKind, value: RefValue | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'int64') return BigInt(value as number);
  return kind === 'dateDay' ? Date.parse(`${value as string}T00:00:00Z`) : value;
}

function arrowStream(name: string, columns: Columns, rows: readonly RefRow[]): InputFile {
  const vectors = Object.fromEntries(
    Object.entries(columns).map(([column, kind]) => [
      column,
      vectorFromArray(rows.map((r) => arrowValue(kind, r[column])) as never[], arrowType(kind)),
    ]),
  );
  return { name: `${name}.arrows`, bytes: tableToIPC(new Table(vectors), 'stream') };
}

export const CATALOG_JSON = {
  relations: [
    { name: 'contact_account', from: 'contact.parentcustomerid', to: 'account.accountid' },
    { name: 'contact_parent', from: 'contact.parentcontactid', to: 'contact.contactid' },
  ],
  interactions: { contactLinks: ['ContactId', 'ReferrerContactId'] },
};

const LEAD_CSV: Record<string, CsvKind> = { leadid: 'text', topic: 'text', budget: 'number', estimatedclose: 'date' };
const WEBSITE_VISITED_CSV: Record<string, CsvKind> = { Timestamp: 'timestamp', ContactId: 'text', Url: 'text', VisitDuration: 'number' };

function csvFile(name: string, columns: Record<string, CsvKind>, rows: readonly RefRow[]): InputFile {
  return { name: `${name}.csv`, bytes: new TextEncoder().encode(csvText(columns, rows)) };
}

export function datasetFiles(dataset: Dataset): InputFile[] {
  return [
    arrowStream('contact', CONTACT_COLUMNS, dataset.contacts),
    arrowStream('account', ACCOUNT_COLUMNS, dataset.accounts),
    dataset.csv.lead ? csvFile('lead', LEAD_CSV, dataset.leads) : arrowStream('lead', LEAD_COLUMNS, dataset.leads),
    arrowStream('interactions', LONG_COLUMNS, dataset.interactions),
    arrowStream('EmailOpened', EMAIL_OPENED_COLUMNS, dataset.emailOpened),
    dataset.csv.websiteVisited
      ? csvFile('WebsiteVisited', WEBSITE_VISITED_CSV, dataset.websiteVisited)
      : arrowStream('WebsiteVisited', WEBSITE_VISITED_COLUMNS, dataset.websiteVisited),
    { name: 'catalog.json', bytes: new TextEncoder().encode(JSON.stringify(CATALOG_JSON, null, 2)) },
  ];
}
