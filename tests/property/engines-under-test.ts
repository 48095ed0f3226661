/**
 * The engines the property test runs on, with how many random cases each gets. DuckDB-WASM, the
 * app's engine, gets the most and is also checked through the designer's preview; every other
 * engine runs the cases as `npm run evaluate` does, on the files written to disk. CI runs on two
 * cores, so a server engine gets fewer cases (each loads a fresh schema; on ClickHouse, a fresh
 * database on the two-shard cluster with interactions distributed).
 */
import type { EngineName } from '../../src/data/engines/engine';

export interface PropertyEngine {
  readonly name: EngineName;
  /** Cases of every kind of segment with nested conditions. */
  readonly mixedRuns: number;
  /** Cases of single date and timestamp tests on boundaries. */
  readonly timeRuns: number;
}

export const ENGINES_UNDER_TEST: readonly PropertyEngine[] = [
  { name: 'wasm', mixedRuns: 200, timeRuns: 130 },
  { name: 'native', mixedRuns: 40, timeRuns: 25 },
  { name: 'postgres', mixedRuns: 30, timeRuns: 20 },
  { name: 'clickhouse', mixedRuns: 20, timeRuns: 10 },
];
