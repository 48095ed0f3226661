/**
 * The query view's texts: the segment's SQL in the dialect asked for, reading the warehouse's
 * tables (catalog.json's "tables", else the files' names), and the Dynamics 365 query text (or
 * why there is none).
 */
import type { Catalog } from '../../engine/catalog';
import { exportDynamics, type DynamicsExport } from '../../engine/dynamics/dynamics';
import type { Library, Segment } from '../../engine/library-schema';
import { warehouseQuery } from '../../engine/compile/warehouse-tables';
import { printerFor, type Dialect } from '../../engine/sql/dialect';
import { inlineSegment } from '../../data/segment-evaluator';

/** The dialects the query view offers, as an analyst names them. */
export const QUERY_DIALECTS: readonly { readonly dialect: Dialect; readonly label: string }[] = [
  { dialect: 'duckdb', label: 'DuckDB' },
  { dialect: 'postgres', label: 'PostgreSQL' },
  { dialect: 'clickhouse', label: 'ClickHouse' },
];
export type { Dialect as QueryDialect };

export interface QueryTexts {
  readonly sql: string;
  readonly dynamics: DynamicsExport;
}

/** Referenced segments are written inline, so the SQL runs on its own against the warehouse's tables. */
export function queryTexts(segment: Segment, library: Library, catalog: Catalog, now: number, dialect: Dialect = 'duckdb'): QueryTexts {
  const others = library.segments.map((s) => s.name);
  const sql = printerFor(dialect, 'external').printQuery(warehouseQuery(inlineSegment(segment, library, catalog, now), catalog));
  return { sql, dynamics: exportDynamics(segment, catalog, others) };
}
