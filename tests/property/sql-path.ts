/** The product's path for one case: load the files into DuckDB-WASM, evaluate, unload. */
import type { Connector } from '../../src/data/connector';
import type { InputFile } from '../../src/data/decode-file';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { dropTables, loadData } from '../../src/data/load-data';
import { nodeDecoders } from '../../src/data/node-decoders';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';

let generation = 1000;

export async function evaluateWithSql(
  connector: Connector,
  files: readonly InputFile[],
  libraryJson: unknown,
  now: number,
): Promise<Map<string, string[]>> {
  const library = parseLibraryOrThrow(libraryJson);
  const loaded = await loadData(connector, files, nodeDecoders, { generation: generation++ });
  try {
    const results = await evaluateLibrary(connector, loaded.catalog, library, { now });
    return new Map(results.map((r) => [r.name, [...r.members]]));
  } finally {
    await dropTables(connector, loaded.tables);
  }
}
