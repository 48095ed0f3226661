import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../src/data/connector';
import { connectorRunner } from '../src/data/engines/engine';
import { evaluateLibrary } from '../src/data/evaluate-library';
import { loadData } from '../src/data/load-data';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import type { Catalog } from '../src/engine/catalog';
import type { Condition, Library, Segment } from '../src/engine/library-schema';
import { FunnelState } from '../src/state/insight/funnel-state.svelte';
import { fixtureFiles, NOW } from './helpers/fixture-data';

let db: Connector;
let catalog: Catalog;

beforeAll(async () => {
  db = await createNodeConnector();
  ({ catalog } = await loadData(db, fixtureFiles(), nodeDecoders));
});
afterAll(async () => db?.close());

const city: Condition = { field: 'address1_city', op: 'eq', value: 'Seattle' };
const emailable: Condition = { field: 'donotemail', op: 'isFalse' };
const golfOrTech: Condition = {
  or: [
    { field: 'interests', op: 'containsAny', value: ['golf'] },
    { field: 'interests', op: 'containsAny', value: ['tech'] },
  ],
};
const opened: Condition = { interaction: 'EmailOpened', count: { op: 'atLeast', value: 1 } };

const profile = (name: string, where: Condition | undefined): Segment => ({
  name,
  kind: 'profile',
  status: 'draft',
  timeZone: 'UTC',
  query: { groups: [where ? { where } : {}] },
});

async function counts(segments: Segment[]): Promise<number[]> {
  const library: Library = { version: 1, segments };
  const results = await evaluateLibrary(connectorRunner(db), catalog, library, { now: NOW });
  return segments.map((s) => results.find((r) => r.name === s.name)!.count);
}

async function funnelOf(segment: Segment) {
  const funnel = new FunnelState({ connector: db, catalog, version: 1 });
  await funnel.schedule({ id: 'x', segment, library: { version: 1, segments: [segment] }, now: NOW });
  expect(funnel.status, funnel.error).toBe('ready');
  return funnel.funnels;
}

describe('the funnel of a group', () => {
  it('step k counts the group with its first k conditions; alone counts each condition; an OR its branches', async () => {
    const conditions = [city, emailable, golfOrTech, opened];
    const segment: Segment = {
      name: 'Funnel',
      kind: 'profile',
      status: 'draft',
      timeZone: 'UTC',
      query: { groups: [{ where: { and: conditions } }, { combine: 'exclude', where: emailable }] },
    };
    const [first, second] = await funnelOf(segment);
    const prefixes = await counts(conditions.map((_, k) => profile(`P${k}`, { and: conditions.slice(0, k + 1) })));
    const alone = await counts(conditions.map((c, k) => profile(`A${k}`, c)));
    const branches = await counts(golfOrTech.or.map((c, k) => profile(`B${k}`, c)));
    expect(first!.steps.map((s) => s.remaining)).toEqual(prefixes);
    expect(first!.steps.map((s) => s.alone)).toEqual(alone);
    expect(first!.steps[2]!.branches.map((b) => b.alone)).toEqual(branches);
    expect(first!.steps[0]!.branches).toEqual([]);
    // The fixture makes the funnel lose people at every step but the last two.
    expect(prefixes[0]).toBeGreaterThan(prefixes[1]!);
    expect(second!.combine).toBe('exclude');
    expect(second!.steps.map((s) => s.remaining)).toEqual(await counts([profile('E', emailable)]));
  });

  it("an interaction segment's restrictions, after the count test alone", async () => {
    const where: Condition = {
      and: [
        { field: 'MessageId', op: 'eq', value: 'msg-1' },
        { field: 'MessageId', op: 'neq', value: 'msg-2' },
      ],
    };
    const segment: Segment = {
      name: 'I',
      kind: 'interaction',
      status: 'draft',
      timeZone: 'UTC',
      query: { interaction: 'EmailOpened', where },
    };
    const [funnel] = await funnelOf(segment);
    const variant = (name: string, w?: Condition): Segment => ({
      ...segment,
      name,
      query: w ? { interaction: 'EmailOpened', where: w } : { interaction: 'EmailOpened' },
    });
    const expected = await counts([variant('N'), variant('F1', where.and[0]), variant('F2', where), variant('O2', where.and[1])]);
    expect(funnel!.steps.map((s) => s.remaining)).toEqual(expected.slice(0, 3));
    expect(funnel!.steps[2]!.alone).toBe(expected[3]);
  });

  it('a group without conditions has no funnel, and other kinds none at all', async () => {
    const [funnel] = await funnelOf(profile('All', undefined));
    expect(funnel!.steps).toEqual([]);
    const [unrestricted] = await funnelOf({
      name: 'U',
      kind: 'interaction',
      status: 'draft',
      timeZone: 'UTC',
      query: { interaction: 'EmailOpened' },
    });
    expect(unrestricted!.steps).toEqual([]);
    expect(await funnelOf({ name: 'S', kind: 'static', status: 'draft', timeZone: 'UTC', members: ['c1'] })).toEqual([]);
  });
});
