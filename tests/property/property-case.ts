/** One random case: a zone, an evaluation instant, a dataset and a library drawn around them. */
import fc from 'fast-check';
import { datasetArbitrary } from './dataset';
import { describeCase, type PropertyCase } from './failure-report';
import type { LibraryJson } from './library';
import { ZONES, interestingNows, timePools, type TimePools } from './time-pools';

export function caseArbitrary(library: (pools: TimePools) => fc.Arbitrary<LibraryJson>): fc.Arbitrary<PropertyCase> {
  return fc.constantFrom(...ZONES).chain((zone) =>
    fc
      .oneof(
        { weight: 3, arbitrary: fc.constantFrom(...interestingNows(zone)) },
        { weight: 1, arbitrary: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }) },
      )
      .chain((now) => {
        const pools = timePools(zone, now);
        return fc.record({ dataset: datasetArbitrary(pools), library: library(pools) }).map((drawn) => {
          const c: PropertyCase = { zone, now, ...drawn };
          // fast-check prints a failing case with this, one table row per line.
          return Object.assign(c, { [fc.toStringMethod]: () => `\n${describeCase(c)}\n` });
        });
      }),
  );
}
