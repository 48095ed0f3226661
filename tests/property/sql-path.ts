/**
 * The product's paths for one case: load the files into DuckDB-WASM, evaluate the library as
 * `npm run evaluate` does, preview every segment as the designer does (with its kept parts),
 * unload; or load them on another engine and evaluate there.
 */
import type { Connector } from '../../src/data/connector';
import type { InputFile } from '../../src/data/decode-file';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { connectorRunner } from '../../src/data/engines/engine';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { dropTable } from '../../src/engine/sql/statements';
import { evaluateSteps } from '../../src/data/evaluate-steps';
import { membersOf, SegmentEvaluator } from '../../src/data/segment-evaluator';
import { printQuery } from '../../src/engine/sql/print-duckdb';
import type { EngineUnderTest } from '../helpers/engines';
import { withLoadedEngine } from '../helpers/engines';
import { withLoadedFiles } from '../helpers/property-setup';

let generation = 1000;

export interface SqlMembers {
  readonly evaluated: Map<string, string[]>;
  /** The designer's preview (DuckDB-WASM only). */
  readonly previewed?: Map<string, string[]>;
}

export async function evaluateWithSql(
  connector: Connector,
  files: readonly InputFile[],
  libraryJson: unknown,
  now: number,
): Promise<SqlMembers> {
  const library = parseLibraryOrThrow(libraryJson);
  const evaluator = new SegmentEvaluator(`property:${++generation}`);
  const runner = connectorRunner(connector);
  return withLoadedFiles(connector, files, generation, async (catalog) => {
    try {
      const results = await evaluateLibrary(runner, catalog, library, { now });
      const evaluated = new Map(results.map((r) => [r.name, [...r.members]]));
      const previewed = new Map<string, string[]>();
      const ctx = { runner, catalog, library, now, epoch: String(generation) };
      // Previewed in library order, one after another, so kept parts are reused across segments.
      for (const [index, segment] of library.segments.entries()) {
        const outcome = await evaluateSteps(ctx, evaluator, segment, `property:preview:${index}`, () => true);
        const rows = await connector.query(printQuery(membersOf(outcome.table)));
        previewed.set(segment.name, rows.map((r) => String(r.id)).sort());
        await connector.query(dropTable(outcome.table));
      }
      return { evaluated, previewed };
    } finally {
      await evaluator.clear(runner);
    }
  });
}

/** Another engine, as `npm run evaluate` runs it: a fresh engine per case, loading the files from disk. */
export async function evaluateOnEngine(
  engine: EngineUnderTest,
  files: readonly InputFile[],
  libraryJson: unknown,
  now: number,
): Promise<SqlMembers> {
  const library = parseLibraryOrThrow(libraryJson);
  return withLoadedEngine(engine, files, async (opened, loaded) => {
    const results = await evaluateLibrary(opened, loaded.catalog, library, { now });
    return { evaluated: new Map(results.map((r) => [r.name, [...r.members]])) };
  });
}
