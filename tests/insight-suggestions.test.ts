import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../src/data/connector';
import { loadData } from '../src/data/load-data';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import type { Catalog } from '../src/engine/catalog';
import type { InteractionQuery } from '../src/engine/library-schema';
import { DataDesignerServices } from '../src/state/designer/data-designer-services';
import { fixtureFiles, NOW } from './helpers/fixture-data';

let db: Connector;
let catalog: Catalog;

beforeAll(async () => {
  db = await createNodeConnector();
  ({ catalog } = await loadData(db, fixtureFiles(), nodeDecoders));
});
afterAll(async () => db?.close());

const services = () => new DataDesignerServices({ connector: db, catalog, version: 1 });
const source = { interaction: 'EmailOpened' };
const counts = (found: { value: unknown; count: number }[]) => Object.fromEntries(found.map((f) => [String(f.value), f.count]));

describe('value suggestions of an interaction restriction', () => {
  it('without a query, count every interaction of the type', async () => {
    expect(counts(await services().distinctValues(source, 'MessageId'))).toEqual({ 'msg-1': 6, 'msg-2': 1, 'msg-3': 1 });
  });

  it('count only the interactions the window admits (never those after now)', async () => {
    const query: InteractionQuery = { interaction: 'EmailOpened', window: { last: 7, unit: 'day' } };
    const found = await services().distinctValues(source, 'MessageId', '', { query, timeZone: 'UTC', now: NOW });
    expect(counts(found)).toEqual({ 'msg-1': 1, 'msg-3': 1 });
  });

  it('count only the interactions the other restrictions admit', async () => {
    const query: InteractionQuery = { interaction: 'EmailOpened', where: { field: 'MessageId', op: 'neq', value: 'msg-1' } };
    const found = await services().distinctValues(source, 'MessageId', '', { query, timeZone: 'UTC', now: NOW });
    expect(counts(found)).toEqual({ 'msg-2': 1, 'msg-3': 1 });
  });

  it('fall back to the whole table while the rest of the query is half-written', async () => {
    const query = { interaction: 'EmailOpened', where: { field: 'MessageId', op: 'in', value: [] } } as InteractionQuery;
    const found = await services().distinctValues(source, 'MessageId', '', { query, timeZone: 'UTC', now: NOW });
    expect(counts(found)['msg-1']).toBe(6);
  });
});
