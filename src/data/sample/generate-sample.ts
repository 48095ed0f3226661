/**
 * Built-in sample data, generated from a seed so the repository holds no large files: Dynamics
 * style contacts, accounts and leads, reference tables naming what interactions point at, and
 * interactions of eleven types, one Arrow IPC stream file per table plus a catalog.json.
 * Pure TypeScript: runs in the browser, in Node tests and in the benchmark alike.
 */
import type { InputFile } from '../decode-file';
import type { Progress } from '../progress';
import { columnsToIpc, textValues, type Columns } from './arrow-columns';
import { Calendar } from './calendar';
import { generateInteractions, INTERACTION_TYPES } from './interactions';
import { generateProfiles } from './profiles';
import { Random } from './random';
import { generateReferenceData, type ReferenceData } from './reference-data';
import { SAMPLE_CATALOG } from './sample-catalog';

export interface SampleSize {
  readonly contacts: number;
  readonly interactions: number;
}

export interface SampleOptions extends SampleSize {
  readonly seed?: number;
  /** The last moment interactions may have (epoch ms); they span the two years before it. */
  readonly now?: number;
  /** Rows per Arrow record batch (tests use small batches to exercise sliced loading). */
  readonly batchRows?: number;
}

export type { Progress as SampleProgress } from '../progress';

export const DEFAULT_SEED = 20_260_331;
export const DEFAULT_SAMPLE_SIZE: SampleSize = { contacts: 10_000, interactions: 300_000 };
export const SAMPLE_SIZES: readonly SampleSize[] = [
  { contacts: 1_000, interactions: 30_000 },
  DEFAULT_SAMPLE_SIZE,
  { contacts: 100_000, interactions: 3_000_000 },
  { contacts: 1_000_000, interactions: 20_000_000 },
];
export const MAX_SAMPLE_SIZE: SampleSize = { contacts: 1_000_000, interactions: 20_000_000 };
/** A fixed moment so that the default sample is the same everywhere unless told otherwise. */
export const DEFAULT_SAMPLE_NOW = Date.UTC(2026, 2, 31, 12);

function referenceTables(reference: ReferenceData): Record<string, Columns> {
  const text = (values: string[]) => ({ kind: 'text', values }) as const;
  const time = (values: number[]) => ({ kind: 'timestamp', values: Float64Array.from(values) }) as const;
  const journeyIds = textValues(reference.journeys.map((j) => j.id));
  return {
    customerjourney: {
      customerjourneyid: text(reference.journeys.map((j) => j.id)),
      name: text(reference.journeys.map((j) => j.name)),
      startdate: time(reference.journeys.map((j) => j.start)),
    },
    message: {
      messageid: text(reference.messages.map((m) => m.id)),
      name: text(reference.messages.map((m) => m.name)),
      subject: text(reference.messages.map((m) => m.subject)),
      senddate: time(reference.messages.map((m) => m.sendTime)),
      customerjourneyid: { kind: 'dictionary', indices: Int32Array.from(reference.messages.map((m) => m.journey)), values: journeyIds },
    },
    event: {
      eventid: text(reference.events.map((e) => e.id)),
      name: text(reference.events.map((e) => e.name)),
      eventtype: text(reference.events.map((e) => e.eventType)),
      city: text(reference.events.map((e) => e.city)),
      startdate: time(reference.events.map((e) => e.start)),
    },
    form: {
      formid: text(reference.forms.map((f) => f.id)),
      name: text(reference.forms.map((f) => f.name)),
      pageaddress: text(reference.forms.map((f) => f.page)),
    },
    subscriptionlist: {
      subscriptionlistid: text(reference.lists.map((l) => l.id)),
      name: text(reference.lists.map((l) => l.name)),
    },
  };
}

export function checkSampleSize(size: SampleSize): void {
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (!whole(size.contacts) || size.contacts < 1 || size.contacts > MAX_SAMPLE_SIZE.contacts)
    throw new RangeError(`contacts must be a whole number from 1 to ${MAX_SAMPLE_SIZE.contacts}`);
  if (!whole(size.interactions) || size.interactions > MAX_SAMPLE_SIZE.interactions)
    throw new RangeError(`interactions must be a whole number from 0 to ${MAX_SAMPLE_SIZE.interactions}`);
}

/** The sample data as the files of a data folder (SPEC §2). */
export function generateSampleData(options: SampleOptions, onProgress?: (progress: Progress) => void): InputFile[] {
  checkSampleSize(options);
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const calendar = new Calendar(options.now ?? DEFAULT_SAMPLE_NOW);
  const reference = generateReferenceData(calendar, random.fork());
  onProgress?.({ step: 'Generating contacts', done: 0, total: options.contacts, unit: 'rows' });
  const profiles = generateProfiles(options.contacts, calendar, random.fork());
  const total = options.interactions;
  const interactions = generateInteractions(total, calendar, reference, profiles.contactIds, random.fork(), (done) =>
    onProgress?.({ step: 'Generating interactions', done, total, unit: 'rows' }),
  );
  onProgress?.({ step: 'Encoding tables', done: total, total, unit: 'rows' });

  const tables: Record<string, Columns> = {
    contact: profiles.contact,
    account: profiles.account,
    lead: profiles.lead,
    ...referenceTables(reference),
  };
  const files: InputFile[] = Object.entries(tables).map(([name, columns]) => ({
    name: `${name}.arrows`,
    bytes: columnsToIpc(columns, options.batchRows),
  }));
  // One type at a time, so each type's generator buffers are freed before the next is encoded.
  for (const type of INTERACTION_TYPES)
    files.push({ name: `${type}.arrows`, bytes: columnsToIpc(interactions.take(type), options.batchRows) });
  files.push({ name: 'catalog.json', bytes: new TextEncoder().encode(JSON.stringify(SAMPLE_CATALOG, null, 2)) });
  return files;
}
