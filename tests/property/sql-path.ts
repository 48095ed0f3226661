/**
 * The product's paths for one case: load the files into DuckDB-WASM, evaluate the library as
 * `npm run evaluate` does, preview every segment as the designer does (with its kept parts),
 * unload; or load them on another engine and evaluate there.
 */
import type { Connector } from '../../src/data/connector';
import type { InputFile } from '../../src/data/decode-file';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { connectorRunner } from '../../src/data/engines/engine';
import { dropTables, loadData } from '../../src/data/load-data';
import { nodeDecoders } from '../../src/data/node-decoders';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { dropTable } from '../../src/engine/sql/statements';
import { runPreview } from '../../src/state/preview/preview-run';
import { membersOf, SegmentTables } from '../../src/state/preview/preview-tables';
import { printQuery } from '../../src/engine/sql/print-duckdb';
import type { EngineUnderTest } from '../helpers/engines';
import { withLoadedEngine } from '../helpers/engines';

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
  const loaded = await loadData(connector, files, nodeDecoders, { generation: ++generation });
  const tables = new SegmentTables(`property:${generation}`);
  try {
    const results = await evaluateLibrary(connectorRunner(connector), loaded.catalog, library, { now });
    const evaluated = new Map(results.map((r) => [r.name, [...r.members]]));
    const previewed = new Map<string, string[]>();
    const ctx = { db: connector, catalog: loaded.catalog, library, now, epoch: String(generation) };
    // Previewed in library order, one after another, so kept parts are reused across segments.
    for (const [index, segment] of library.segments.entries()) {
      const outcome = await runPreview(ctx, tables, segment, `property:preview:${index}`, () => true);
      const rows = await connector.query(printQuery(membersOf(outcome.table)));
      previewed.set(segment.name, rows.map((r) => String(r.id)).sort());
      await connector.query(dropTable(outcome.table));
    }
    return { evaluated, previewed };
  } finally {
    await tables.clear(connector);
    await dropTables(connector, loaded.tables);
  }
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
