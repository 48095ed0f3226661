/**
 * What the property tests share: how many cases they run (PROPERTY_RUNS scales them), one
 * DuckDB-WASM connector per test file, and a case's files loaded just for the length of a check.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Catalog } from '../../src/engine/catalog';
import type { Connector } from '../../src/data/connector';
import type { InputFile } from '../../src/data/decode-file';
import { dropTables, loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';

export const PROPERTY_SCALE = Number(process.env.PROPERTY_RUNS ?? 1);

/** `n` cases scaled by PROPERTY_RUNS, at least one. */
export const scaledRuns = (n: number): number => Math.max(1, Math.round(n * PROPERTY_SCALE));

/** A connector opened before the file's tests and closed after them; read `db` inside a test. */
export function propertyConnector(): { readonly db: Connector } {
  const held = {} as { db: Connector };
  beforeAll(async () => {
    held.db = await createNodeConnector();
  });
  afterAll(async () => {
    await held.db?.close();
  });
  return held;
}

/** Loads `files` (tables named by `generation`), runs `use`, and drops the tables whatever happens. */
export async function withLoadedFiles<T>(
  db: Connector,
  files: readonly InputFile[],
  generation: number,
  use: (catalog: Catalog) => Promise<T>,
): Promise<T> {
  const loaded = await loadData(db, files, nodeDecoders, { generation });
  try {
    return await use(loaded.catalog);
  } finally {
    await dropTables(db, loaded.tables);
  }
}
