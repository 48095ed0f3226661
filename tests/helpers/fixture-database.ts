/** The fixture data loaded once per test file into a Node DuckDB connector. */
import { afterAll, beforeAll } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import type { Catalog } from '../../src/engine/catalog';
import { fixtureFiles } from './fixture-data';

export interface FixtureDatabase {
  readonly db: Connector;
  readonly catalog: Catalog;
}

export function fixtureDatabase(): FixtureDatabase {
  const loaded = {} as { db: Connector; catalog: Catalog };
  beforeAll(async () => {
    loaded.db = await createNodeConnector();
    ({ catalog: loaded.catalog } = await loadData(loaded.db, fixtureFiles(), nodeDecoders));
  });
  afterAll(async () => loaded.db?.close());
  return loaded;
}
