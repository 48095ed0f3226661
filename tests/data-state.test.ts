import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector, Row } from '../src/data/connector';
import type { InputFile } from '../src/data/decode-file';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import { createMemoryStore, type DataStore } from '../src/data/persistence';
import { generateSampleData } from '../src/data/sample/generate-sample';
import { DataState, type DataDependencies } from '../src/state/data/data-state.svelte';
import { FIXTURE_DATA } from './helpers/examples';

const EXAMPLES = FIXTURE_DATA;
const exampleFiles = (): InputFile[] =>
  ['contact.parquet', 'account.parquet', 'interactions.parquet', 'catalog.json'].map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(path.join(EXAMPLES, name))),
  }));
const SMALL = { contacts: 500, interactions: 5_000 };
const NOW = Date.UTC(2026, 2, 31, 12);

const opened: Connector[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
});

function dependencies(store: DataStore, overrides: Partial<DataDependencies> = {}): DataDependencies {
  return {
    createConnector: async () => {
      const connector = await createNodeConnector();
      opened.push(connector);
      return connector;
    },
    createDecoders: async () => nodeDecoders,
    generateSample: async (options, onProgress) => generateSampleData(options, onProgress),
    createStore: async () => store,
    startupSample: SMALL,
    now: () => NOW,
    ...overrides,
  };
}

async function started(store: DataStore, overrides: Partial<DataDependencies> = {}): Promise<DataState> {
  const data = new DataState(dependencies(store, overrides));
  await data.start();
  await data.initialLoad;
  return data;
}

describe('DataState', () => {
  it('opens with the sample when nothing was saved, and remembers only its size and seed', async () => {
    const store = createMemoryStore();
    const data = await started(store);
    expect(data.error).toBeUndefined();
    expect(data.catalog?.entities.contact?.rowCount).toBe(SMALL.contacts);
    expect(data.source).toMatchObject({ kind: 'sample', ...SMALL, now: NOW });
    await expect.poll(async () => (await store.restore())?.source.kind).toBe('sample');
    expect((await store.restore())?.files).toBeUndefined();
    await expect.poll(() => Object.keys(data.spans).length).toBe(11);
  });

  it('keeps the data loaded before when a file is bad, naming the file', async () => {
    const data = await started(createMemoryStore());
    expect(await data.loadFiles(exampleFiles(), 'examples')).toBe(true);
    const catalog = data.catalog;
    const truncated = exampleFiles().map((f) => (f.name === 'contact.parquet' ? { ...f, bytes: f.bytes.subarray(0, 100) } : f));
    expect(await data.loadFiles(truncated, 'broken')).toBe(false);
    expect(data.error).toMatch(/^contact\.parquet: /);
    expect(data.catalog).toBe(catalog);
    expect(data.source).toMatchObject({ kind: 'files', label: 'examples' });
    // Every file that cannot be read is named, one per line.
    const twoBad = truncated.map((f) => (f.name === 'account.parquet' ? { ...f, bytes: f.bytes.subarray(0, 50) } : f));
    expect(await data.loadFiles(twoBad, 'broken')).toBe(false);
    expect(data.error!.split('\n').map((line) => line.split(':')[0])).toEqual(['contact.parquet', 'account.parquet']);
    const rows = await data.connector!.query(`SELECT count(*) AS n FROM "${catalog!.entities.contact!.table}"`);
    expect(Number(rows[0]!.n)).toBe(6);
  });

  it('loads saved files again at the next start', async () => {
    const store = createMemoryStore();
    const first = await started(store);
    await first.loadFiles(exampleFiles(), 'examples');
    await expect.poll(async () => (await store.restore())?.files?.length).toBe(4);
    const second = await started(store);
    expect(second.source).toMatchObject({ kind: 'files', label: 'examples' });
    expect(second.catalog?.entities.contact?.rowCount).toBe(6);
    expect(second.saveNote).toMatch(/Restored/);
    await second.clearSaved();
    const third = await started(store);
    expect(third.source?.kind).toBe('sample');
  });

  it('saves edited relations into catalog.json and loads again with them', async () => {
    const data = await started(createMemoryStore());
    await data.loadFiles(exampleFiles(), 'examples');
    expect(data.catalog?.relations.map((r) => r.name)).toEqual(['contact_account']);
    expect(await data.saveRelations([])).toBe(true);
    expect(data.catalog?.relations).toEqual([]);
    expect(JSON.parse(data.catalogFileText()!)).toMatchObject({
      relations: [],
      interactions: { contactLinks: ['ContactId', 'ReferrerContactId'] },
    });
    const relation = {
      name: 'contact_acc',
      from: { entity: 'contact', field: 'parentcustomerid' },
      to: { entity: 'account', field: 'accountid' },
    };
    expect(await data.saveRelations([relation])).toBe(true);
    expect(data.catalog?.relations).toEqual([relation]);
    // A relation to a column that is not there is refused by the loader; the data stays.
    const bad = { ...relation, name: 'bad', from: { entity: 'contact', field: 'nosuchcolumn' } };
    expect(await data.saveRelations([bad])).toBe(false);
    expect(data.error).toMatch(/catalog\.json/);
    expect(data.catalog?.relations).toEqual([relation]);
  });

  it('edits the sample relations on top of its own catalog.json', async () => {
    const data = await started(createMemoryStore());
    const relations = data.catalog!.relations.filter((r) => r.name !== 'lead_account');
    expect(await data.saveRelations(relations)).toBe(true);
    expect(data.catalog!.relations.map((r) => r.name)).not.toContain('lead_account');
    expect(data.catalog!.relations.map((r) => r.name)).toContain('contact_account');
    expect(data.catalog!.interactions.contactLinks).toEqual(['ContactId', 'ReferrerContactId']);
  });

  /** Started on the sample; once squeezed, `intercept` may answer or fail a query instead of DuckDB. */
  async function squeezable(intercept: (sql: string) => Row[] | undefined) {
    const squeeze = { on: false };
    const data = await started(createMemoryStore(), {
      createConnector: async () => {
        const real = await createNodeConnector();
        opened.push(real);
        return { ...real, query: async (sql: string) => (squeeze.on ? intercept(sql) : undefined) ?? real.query(sql) };
      },
    });
    squeeze.on = true;
    return data;
  }

  it('refuses a load that would not fit in memory, and can try anyway', async () => {
    const data = await squeezable((sql) => (sql.includes('duckdb_memory()') ? [{ used: 4e9 }] : undefined));
    expect(await data.loadFiles(exampleFiles(), 'examples')).toBe(false);
    expect(data.memoryRefusal?.message).toMatch(/needs about .* of memory, but only about .* is free/);
    expect(data.source?.kind).toBe('sample');
    expect(await data.memoryRefusal!.retry()).toBe(true);
    expect(data.source).toMatchObject({ kind: 'files' });
  });

  it('says which file is too large when DuckDB runs out of memory, and keeps what was there', async () => {
    const data = await squeezable((sql) => {
      if (/^CREATE TABLE ("\w+"\."main"\.)?"[^"]*:interactions"/.test(sql))
        throw new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)');
      return undefined;
    });
    expect(await data.loadFiles(exampleFiles(), 'examples')).toBe(false);
    expect(data.error).toMatch(/^interactions.parquet: is too large for the memory this browser tab can use: DuckDB ran out of memory/);
    expect(data.error).toMatch(/Nothing was loaded; the data loaded before is still in use/);
    expect(data.source?.kind).toBe('sample');
  });

  it('stops a load when cancelled and keeps what was there', async () => {
    // Like the browser's worker, this generator answers a cancel between its steps.
    const data = await started(createMemoryStore(), {
      generateSample: async (options, onProgress, signal) => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        if (signal?.aborted) throw new DOMException('The load was cancelled', 'AbortError');
        return generateSampleData(options, onProgress);
      },
    });
    const catalog = data.catalog;
    const loading = data.loadSample({ contacts: 2_000, interactions: 20_000 });
    await expect.poll(() => data.busy, { interval: 5 }).toBe(true);
    data.cancel();
    expect(await loading).toBe(false);
    expect(data.error).toMatch(/cancelled/);
    expect(data.catalog).toBe(catalog);
    expect(data.source).toMatchObject({ kind: 'sample', ...SMALL });
    expect(data.busy).toBe(false);
  });
});
