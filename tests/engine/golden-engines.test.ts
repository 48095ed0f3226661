/**
 * The golden cases on native DuckDB and PostgreSQL: each engine loads the fixture folder from
 * disk and must select exactly the members worked out by hand (golden.test.ts runs DuckDB-WASM).
 */
import { describe, expect, it } from 'vitest';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { enginesUnderTest, useLoadedEngine } from '../helpers/engines';
import { fixtureFiles, NOW } from '../helpers/fixture-data';
import { CASES, libraryWith } from './golden-cases';

for (const engine of await enginesUnderTest(['native', 'postgres'])) {
  describe(`golden members on ${engine.name}`, () => {
    if (engine.unavailable) {
      it.skip(`skipped: ${engine.unavailable}`, () => undefined);
      return;
    }
    const held = useLoadedEngine(engine, fixtureFiles);

    for (const testCase of CASES) {
      it(testCase.name, async () => {
        const name = String(testCase.segment.name ?? 'Under_test');
        const [result] = await evaluateLibrary(held.opened, held.loaded.catalog, libraryWith(testCase.segment, name), {
          now: NOW,
          only: name,
        });
        expect(result!.members).toEqual(testCase.members);
      });
    }
  });
}
