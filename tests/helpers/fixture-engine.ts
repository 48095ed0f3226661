/** The fixture data loaded into DuckDB-WASM once for a test file (registers beforeAll/afterAll). */
import { afterAll, beforeAll } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { connectorRunner, type SqlRunner } from '../../src/data/engines/engine';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import type { Catalog } from '../../src/engine/catalog';
import { fixtureFiles } from './fixture-data';

export interface FixtureEngine {
  readonly runner: SqlRunner;
  readonly catalog: Catalog;
}

export function useFixtureEngine(): FixtureEngine {
  let connector: Connector | undefined;
  const loaded: { runner?: SqlRunner; catalog?: Catalog } = {};
  beforeAll(async () => {
    connector = await createNodeConnector();
    loaded.runner = connectorRunner(connector);
    loaded.catalog = (await loadData(connector, fixtureFiles(), nodeDecoders)).catalog;
  });
  afterAll(async () => {
    await connector?.close();
  });
  return {
    get runner() {
      return loaded.runner!;
    },
    get catalog() {
      return loaded.catalog!;
    },
  };
}
