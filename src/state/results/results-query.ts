/** The query view's texts: the DuckDB SQL the engine runs, and the Dynamics 365 query text (or why there is none). */
import type { Catalog } from '../../engine/catalog';
import { exportDynamics, type DynamicsExport } from '../../engine/dynamics/dynamics';
import type { Library, Segment } from '../../engine/library-schema';
import { printQuery } from '../../engine/sql/print-duckdb';
import { inlineSegment } from '../../data/segment-evaluator';

export interface QueryTexts {
  readonly sql: string;
  readonly dynamics: DynamicsExport;
}

/** Referenced segments are written inline, so the SQL runs on its own against the loaded tables. */
export function queryTexts(segment: Segment, library: Library, catalog: Catalog, now: number): QueryTexts {
  const others = library.segments.map((s) => s.name);
  return { sql: printQuery(inlineSegment(segment, library, catalog, now)), dynamics: exportDynamics(segment, catalog, others) };
}
