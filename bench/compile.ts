/**
 * The SQL the benchmark runs, built with the app's own compiler and printer, so the browser and
 * native DuckDB run the very same text. Shared by the harness page and the native runner.
 */
import type { Catalog } from '../src/engine/catalog';
import { compileSegment, MEMBER_COLUMN } from '../src/engine/compile/compile-segment';
import type { Library } from '../src/engine/library-schema';
import { parseLibraryOrThrow } from '../src/engine/parse-library';
import { evaluationOrder } from '../src/engine/segment-order';
import * as q from '../src/engine/sql/build';
import { printQuery } from '../src/engine/sql/print-duckdb';
import { quoteIdentifier as id } from '../src/engine/sql/quote';
import { validateLibrary } from '../src/engine/validate-library';
import { resultTable } from '../src/data/evaluate-library';

export interface SegmentStatement {
  readonly name: string;
  readonly kind: string;
  /** Materialises the members, as evaluateLibrary does. */
  readonly create: string;
  readonly fetch: string;
}

export function benchLibrary(json: unknown, catalog: Catalog): Library {
  const library = parseLibraryOrThrow(json);
  const problems = validateLibrary(library, catalog);
  if (problems.length > 0) throw new Error(`the benchmark library does not fit the data: ${JSON.stringify(problems.slice(0, 3))}`);
  return library;
}

/** One statement per segment in dependency order; compound segments read earlier results. */
export function segmentStatements(library: Library, catalog: Catalog, now: number): SegmentStatement[] {
  return evaluationOrder(library).map((segment) => {
    const query = compileSegment(segment, {
      catalog,
      now,
      segmentQuery: (name) => q.select([q.col(undefined, MEMBER_COLUMN)], { from: q.table(resultTable(name)) }),
    });
    const table = id(resultTable(segment.name));
    return {
      name: segment.name,
      kind: segment.kind,
      create: `CREATE OR REPLACE TEMP TABLE ${table} AS ${printQuery(query)}`,
      fetch: `SELECT ${id(MEMBER_COLUMN)} FROM ${table}`,
    };
  });
}

/** The library with the edited segment added (or replacing one of the same name). */
export function withEdit(library: unknown, edit: unknown): unknown {
  const base = library as { version: 1; segments: { name: string }[] };
  const edited = edit as { name: string };
  return { ...base, segments: [...base.segments.filter((s) => s.name !== edited.name), edited] };
}
