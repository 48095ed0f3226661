/** Runs a property: every case goes through the SQL path and the reference; members must agree. */
import fc from 'fast-check';
import type { Library } from '../../src/engine/library-schema';
import { evaluateReference } from '../reference/reference-evaluator';
import { datasetFiles } from './dataset-files';
import { datasetReference } from './dataset-reference';
import { firstDisagreement, writeRepro, type PropertyCase } from './failure-report';
import type { SqlMembers } from './sql-path';

export interface Tally {
  cases: number;
  segments: number;
  empty: number;
  everyone: number;
  some: number;
}

const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

/** The product's paths for one case: the files, the library and the instant in, members out. */
export type SqlPath = (files: ReturnType<typeof datasetFiles>, library: unknown, now: number) => Promise<SqlMembers>;

export async function checkAgainstReference(
  sqlPath: SqlPath,
  cases: fc.Arbitrary<PropertyCase>,
  numRuns: number,
  reproFolder: string,
): Promise<Tally> {
  const tally: Tally = { cases: 0, segments: 0, empty: 0, everyone: 0, some: 0 };
  const property = fc.asyncProperty(cases, async (c) => {
    const sql = await sqlPath(datasetFiles(c.dataset), c.library, c.now);
    const reference = evaluateReference(datasetReference(c.dataset), c.library as unknown as Library, c.now);
    const evaluated = firstDisagreement(c, sql.evaluated, reference);
    const previewed = sql.previewed && firstDisagreement(c, sql.previewed, reference);
    const problem = evaluated ?? (previewed && `the designer's preview: ${previewed}`);
    if (problem) throw new Error(problem);
    tally.cases++;
    for (const members of reference.values()) {
      tally.segments++;
      if (members.length === 0) tally.empty++;
      else if (members.length === c.dataset.contacts.length) tally.everyone++;
      else tally.some++;
    }
  });
  const details = await fc.check(property, { numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });
  if (details.failed && details.counterexample) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const replay = await writeRepro(details.counterexample[0], reproFolder, cause);
    throw new Error(`${fc.defaultReportMessage(details)}\n\n${cause}\n\nReplay the shrunk case with:\n  ${replay}`);
  }
  if (details.failed) throw new Error(fc.defaultReportMessage(details));
  return tally;
}

export function describeTally(t: Tally): string {
  return `${t.cases} cases, ${t.segments} segments compared (${t.empty} empty, ${t.everyone} every contact, ${t.some} some)`;
}
