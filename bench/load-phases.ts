/** Groups the loader's recorded steps into phases, to show where load time goes. */
import type { LoadStep } from './protocol';

export const LOAD_PHASES = [
  'decode Parquet → Arrow IPC',
  'stage (Arrow IPC → DuckDB / read_parquet)',
  'check keys (null, duplicate)',
  'check timestamps and types',
  'check InteractionId duplicates',
  'find interaction types',
  'create entity tables',
  'create interaction tables',
  'check rows, count types and orphans',
  'metadata (columns, row counts)',
  'drop staging tables',
] as const;
export type LoadPhase = (typeof LOAD_PHASES)[number];

/** The loader's interaction tables: `g1:interaction:<type>` or `g1:interactions`. */
const INTERACTION_TABLE = /"[^"]*:interactions?[:"]/;
/** A statement that builds a table, with the table it builds (its database and schema too, when named). */
const BUILDS = /^(?:CREATE (?:TABLE|VIEW)|INSERT INTO) ((?:"(?:[^"]|"")*"\.)*"(?:[^"]|"")*")/;

export function phaseOf(step: LoadStep): LoadPhase {
  if (step.kind === 'decode') return 'decode Parquet → Arrow IPC';
  if (step.kind === 'insert') return 'stage (Arrow IPC → DuckDB / read_parquet)';
  const sql = step.sql;
  // The InteractionId check reads every id with its source and row (`… AS s, rowid AS r`) into a
  // temporary table of their hashes.
  if (sql.includes('AS s, rowid AS r') || sql.includes(':interaction-id-hashes"')) return 'check InteractionId duplicates';
  if (sql.includes('information_schema') || /^SELECT count\(\*\) AS n FROM/.test(sql)) return 'metadata (columns, row counts)';
  if (sql.startsWith('DROP TABLE')) return 'drop staging tables';
  const built = BUILDS.exec(sql)?.[1];
  if (built !== undefined) return INTERACTION_TABLE.test(built) ? 'create interaction tables' : 'create entity tables';
  if (sql.includes('FILTER (WHERE') && (sql.includes('LEFT JOIN') || sql.includes('NOT IN (SELECT')))
    return 'check rows, count types and orphans';
  if (sql.startsWith('SELECT DISTINCT') || /count\(\*\) AS n FROM .* GROUP BY 1$/.test(sql)) return 'find interaction types';
  return INTERACTION_TABLE.test(sql) ? 'check timestamps and types' : 'check keys (null, duplicate)';
}

/** Milliseconds per phase for one load; `timing(i)` gives step i's time (browser or native). */
export function phaseTotals(steps: readonly LoadStep[], timing: (index: number) => number | undefined): Record<LoadPhase, number> {
  const totals = Object.fromEntries(LOAD_PHASES.map((p) => [p, 0])) as Record<LoadPhase, number>;
  steps.forEach((step, index) => {
    const ms = timing(index);
    if (ms !== undefined) totals[phaseOf(step)] += ms;
  });
  return totals;
}
