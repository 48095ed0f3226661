/** The query view's texts: the DuckDB SQL the engine runs, and the Dynamics 365 query text (or why there is none). */
import type { Catalog } from '../../engine/catalog';
import { compileSegment } from '../../engine/compile/compile-segment';
import { exportDynamics, type DynamicsExport } from '../../engine/dynamics/dynamics';
import type { Library, Segment } from '../../engine/library-schema';
import { printQuery } from '../../engine/sql/print-duckdb';

export interface QueryTexts {
  readonly sql: string;
  readonly dynamics: DynamicsExport;
}

/** Referenced segments are written inline, so the SQL runs on its own against the loaded tables. */
export function queryTexts(segment: Segment, library: Library, catalog: Catalog, now: number): QueryTexts {
  const compile = (s: Segment, trail: readonly string[]): ReturnType<typeof compileSegment> =>
    compileSegment(s, {
      catalog,
      now,
      segmentQuery: (name) => {
        const ref = library.segments.find((x) => x.name === name);
        if (!ref || trail.includes(name)) throw new Error(`segment "${name}" is not available`);
        return compile(ref, [...trail, name]);
      },
    });
  const others = library.segments.map((s) => s.name);
  return { sql: printQuery(compile(segment, [segment.name])), dynamics: exportDynamics(segment, catalog, others) };
}
