/** A cancel the user asked for is honoured however late it comes: the data before stays. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../src/data/connector';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import { createMemoryStore } from '../src/data/persistence';
import { generateSampleData } from '../src/data/sample/generate-sample';
import { DataState } from '../src/state/data/data-state.svelte';

const NOW = Date.UTC(2026, 2, 31, 12);
const opened: Connector[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
});

describe('cancel', () => {
  it('during the last step of the last file: the load does not replace the data', async () => {
    const queries: string[] = [];
    const hook: { at?: number; run?: () => void } = {};
    const data = new DataState({
      createConnector: async () => {
        const real = await createNodeConnector();
        opened.push(real);
        return {
          ...real,
          query: async (sql: string) => {
            queries.push(sql);
            if (queries.length === hook.at) hook.run?.();
            return real.query(sql);
          },
        };
      },
      createDecoders: async () => nodeDecoders,
      generateSample: async (options, onProgress) => generateSampleData(options, onProgress),
      createStore: async () => createMemoryStore(),
      startupSample: { contacts: 300, interactions: 3_000 },
      now: () => NOW,
    });
    await data.start();
    await data.initialLoad;
    const files = generateSampleData({ contacts: 200, interactions: 2_000, seed: 7, now: NOW });

    // A first load shows which query is the loader's last before the old tables are dropped.
    const before = [...data.loaded.tables];
    queries.length = 0;
    expect(await data.loadFiles(files, 'first')).toBe(true);
    const firstDrop = queries.findIndex((sql) => /^DROP/i.test(sql) && before.some((t) => sql.includes(t)));
    expect(firstDrop).toBeGreaterThan(0);

    const version = data.version;
    const catalog = data.catalog;
    queries.length = 0;
    hook.at = firstDrop; // the 1-based number of the last loader query
    hook.run = () => data.cancel();
    expect(await data.loadFiles(files, 'second')).toBe(false);
    expect(data.error).toMatch(/cancelled/);
    expect(data.version).toBe(version);
    expect(data.catalog).toBe(catalog);
    expect(data.source).toMatchObject({ label: 'first' });
  });
});
