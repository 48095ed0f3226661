/** The select list that turns a file's columns into the engine's: keys and links as text, CSV values cast, zones dropped to UTC. */
import type { Expr, SelectColumn } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import type { CsvType } from '../csv';
import type { Column } from './tables';

export interface NormalizeRules {
  /** The file's columns as DuckDB reads them. */
  readonly columns: readonly Column[];
  /** CSV only: the type each column's values fit. */
  readonly csvTypes?: Readonly<Record<string, CsvType>>;
  /** Columns that hold keys or links, compared as exact text. */
  readonly textColumns: ReadonlySet<string>;
  /** File column → engine name (an interaction's timestamp, type and link columns). */
  readonly renames?: ReadonlyMap<string, string>;
  /** An interaction's timestamp column, always a TIMESTAMP. */
  readonly timestampColumn?: string;
  /** Constant columns, e.g. the type of a per-type file. */
  readonly extra?: readonly SelectColumn[];
}

function columnExpr(rules: NormalizeRules, name: string, type: string): Expr {
  const column = q.col(undefined, name);
  const csv = rules.csvTypes;
  if (rules.textColumns.has(name)) return q.cast(column, 'VARCHAR');
  if (name === rules.timestampColumn && !csv) return q.cast(column, 'TIMESTAMP');
  const csvType = name === rules.timestampColumn ? 'timestamp' : csv?.[name];
  if (csvType === 'number') return q.cast(column, 'DOUBLE');
  if (csvType === 'boolean') return q.cast(column, 'BOOLEAN');
  if (csvType === 'date') return q.cast(column, 'DATE');
  if (csvType === 'timestamp') return q.cast(q.cast(column, 'TIMESTAMPTZ'), 'TIMESTAMP');
  const t = type.toUpperCase();
  if (t.startsWith('TIMESTAMP') && t !== 'TIMESTAMP') return q.cast(column, 'TIMESTAMP');
  if (t.startsWith('ENUM')) return q.cast(column, 'VARCHAR');
  return column;
}

/**
 * True when the select list would copy every column as it is (same name, no cast changes its
 * type, nothing added): the file's chunks can then go straight into the table, with no staging copy.
 */
export function keepsColumnsAsTheyAre(rules: NormalizeRules): boolean {
  if ((rules.extra ?? []).length > 0) return false;
  return rules.columns.every(({ name, type }) => {
    if ((rules.renames?.get(name) ?? name) !== name) return false;
    const expr = columnExpr(rules, name, type);
    return expr.kind === 'column' || (expr.kind === 'cast' && expr.expr.kind === 'column' && expr.type === type.toUpperCase());
  });
}

export function normalizedColumns(rules: NormalizeRules): SelectColumn[] {
  const columns = rules.columns.map(({ name, type }) => q.as(columnExpr(rules, name, type), rules.renames?.get(name) ?? name));
  return [...columns, ...(rules.extra ?? [])];
}
