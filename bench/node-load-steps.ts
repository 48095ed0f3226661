/**
 * The loader's statements recorded in Node (DuckDB-WASM's Node build, the app's loader). The
 * statements depend on the files' schema only, so a small folder's recording serves a large
 * one when the browser could not load the large one itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import { loadData } from '../src/data/load-data';
import type { Catalog } from '../src/engine/catalog';
import { recordingConnector, recordingDecoders } from './instrument';
import type { LoadStep } from './protocol';

export async function recordLoadInNode(dataDir: string): Promise<{ steps: LoadStep[]; catalog: Catalog }> {
  const files = readdirSync(dataDir)
    .filter((name) => name !== 'complete.json')
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dataDir, name))) }));
  const db = await createNodeConnector();
  try {
    const steps: LoadStep[] = [];
    const result = await loadData(recordingConnector(db, steps), files, recordingDecoders(nodeDecoders, files, steps), { generation: 1 });
    return { steps, catalog: result.catalog };
  } finally {
    await db.close();
  }
}
