/**
 * Property: for random data, random libraries and random contacts, `--explain`'s trace gives
 * the verdict the SQL evaluator gives (its top `holds` is membership in the SQL result), and
 * every segment, group, step and condition inside it holds exactly when the reference
 * evaluator says that part holds for that record; interaction parts carry the reference's
 * measure and count. PROPERTY_RUNS scales the number of cases, PROPERTY_SEED fixes the seed.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { connectorRunner } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { explainContact, traceContact } from '../../src/data/explain-contact';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { propertyConnector, scaledRuns, withLoadedFiles } from '../helpers/property-setup';
import { ReferenceEvaluator } from '../reference/reference-evaluator';
import { assertProperty } from './assert-property';
import { TraceChecker } from './check-trace';
import { datasetFiles } from './dataset-files';
import { datasetReference } from './dataset-reference';
import { libraryArbitrary, timeLibraryArbitrary } from './library';
import { caseArbitrary } from './property-case';

let generation = 5000;

const withPicks = (library: typeof libraryArbitrary) =>
  fc.tuple(caseArbitrary(library), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 2, maxLength: 6 }));

describe('explain traces agree with the SQL members and, part by part, with the reference evaluator', () => {
  const held = propertyConnector();

  async function check(library: typeof libraryArbitrary, runs: number) {
    let traced = 0;
    const property = fc.asyncProperty(withPicks(library), async ([c, picks]) => {
      const parsed = parseLibraryOrThrow(c.library);
      await withLoadedFiles(held.db, datasetFiles(c.dataset), ++generation, async (catalog) => {
        const runner = connectorRunner(held.db);
        const sql = new Map((await evaluateLibrary(runner, catalog, parsed, { now: c.now })).map((r) => [r.name, r.members]));
        const reference = new ReferenceEvaluator(datasetReference(c.dataset), parsed, c.now);
        for (const [index, [s, k]] of picks.entries()) {
          const segment = parsed.segments[s % parsed.segments.length]!.name;
          const contact = String(c.dataset.contacts[k % c.dataset.contacts.length]!.contactid);
          const options = { now: c.now, segment, contact };
          const trace =
            index === 0
              ? (await explainContact(runner, catalog, parsed, options)).trace
              : await traceContact(runner, catalog, parsed, options);
          if (index === 0) {
            const { member } = await explainContact(runner, catalog, parsed, options);
            if (member !== sql.get(segment)!.includes(contact))
              throw new Error(`${segment} ${contact}: member ${member} disagrees with the SQL result`);
          }
          const member = sql.get(segment)!.includes(contact);
          if (trace.holds !== member)
            throw new Error(
              `${segment} ${contact}: the trace holds ${trace.holds}, the SQL result says ${member}\n${JSON.stringify(trace)}`,
            );
          const problem = new TraceChecker(reference, parsed, contact).segment(segment, trace);
          if (problem) throw new Error(`${contact}: ${problem}\n${JSON.stringify(trace, null, 1)}`);
          traced++;
        }
      });
    });
    await assertProperty(property, runs);
    return traced;
  }

  it(`every kind of segment, nested conditions (${scaledRuns(40)} cases)`, async () => {
    console.info(`explain, mixed segments: ${await check(libraryArbitrary, scaledRuns(40))} traces checked`);
  }, 600_000);

  it(`date and timestamp tests on boundaries (${scaledRuns(25)} cases)`, async () => {
    console.info(`explain, time boundaries: ${await check(timeLibraryArbitrary, scaledRuns(25))} traces checked`);
  }, 600_000);
});
