/**
 * Makes a failing case readable: the first segment where SQL and reference disagree, with the
 * members only one side selects, and a data folder on disk that `npm run evaluate` can replay.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RefRow } from '../reference/ref-data';
import type { Dataset } from './dataset';
import { datasetFiles } from './dataset-files';
import type { LibraryJson } from './library';

export interface PropertyCase {
  readonly zone: string;
  readonly now: number;
  readonly dataset: Dataset;
  readonly library: LibraryJson;
}

/** One row per line, null fields left out, instants shown as ISO text. */
function rowsText(rows: readonly RefRow[], timestamps: readonly string[]): string {
  if (rows.length === 0) return '    (none)';
  const shown = (field: string, value: unknown) =>
    timestamps.includes(field) && typeof value === 'number' ? `${new Date(value).toISOString()}` : value;
  return rows
    .map(
      (r) =>
        `    ${JSON.stringify(
          Object.fromEntries(
            Object.entries(r)
              .filter(([, v]) => v !== null)
              .map(([f, v]) => [f, shown(f, v)]),
          ),
        )}`,
    )
    .join('\n');
}

/** Human-readable dump of a case: null fields are left out, timestamps shown as UTC ISO text. */
export function describeCase(c: PropertyCase): string {
  const d = c.dataset;
  return [
    `now ${new Date(c.now).toISOString()} (${c.now}), data zone ${c.zone}, CSV: ${JSON.stringify(d.csv)}`,
    `  contact:\n${rowsText(d.contacts, ['createdon', 'lastseen'])}`,
    `  account:\n${rowsText(d.accounts, ['renewedon'])}`,
    `  lead:\n${rowsText(d.leads, [])}`,
    `  interactions:\n${rowsText(d.interactions, ['Timestamp'])}`,
    `  EmailOpened.arrows:\n${rowsText(d.emailOpened, ['Timestamp'])}`,
    `  WebsiteVisited.arrows:\n${rowsText(d.websiteVisited, ['Timestamp'])}`,
    `  library:\n${c.library.segments.map((s) => `    ${JSON.stringify(s)}`).join('\n')}`,
  ].join('\n');
}

export function firstDisagreement(c: PropertyCase, sql: Map<string, string[]>, reference: Map<string, string[]>): string | undefined {
  for (const segment of c.library.segments) {
    const name = String(segment.name);
    const got = sql.get(name) ?? [];
    const expected = reference.get(name) ?? [];
    if (JSON.stringify(got) === JSON.stringify(expected)) continue;
    return [
      `segment ${name} differs at now ${new Date(c.now).toISOString()}`,
      `  definition: ${JSON.stringify(segment)}`,
      `  reference: ${JSON.stringify(expected)}`,
      `  sql:       ${JSON.stringify(got)}`,
      `  only reference: ${JSON.stringify(expected.filter((k) => !got.includes(k)))}`,
      `  only sql:       ${JSON.stringify(got.filter((k) => !expected.includes(k)))}`,
    ].join('\n');
  }
  return undefined;
}

/** Writes the case as a data folder plus library.json, and returns the command that replays it. */
export async function writeRepro(c: PropertyCase, folder: string, problem: string): Promise<string> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(path.join(folder, 'data'), { recursive: true });
  for (const file of datasetFiles(c.dataset)) await writeFile(path.join(folder, 'data', file.name), file.bytes);
  await writeFile(path.join(folder, 'library.json'), JSON.stringify(c.library, null, 2));
  await writeFile(path.join(folder, 'case.txt'), `${problem}\n\n${describeCase(c)}\n`);
  return `npm run --silent evaluate -- --data ${folder}/data --segments ${folder}/library.json --now ${new Date(c.now).toISOString()} --members`;
}
