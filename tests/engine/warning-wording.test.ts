/** Warnings count things in words people write: one interaction, two interactions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/connector';
import { connectorRunner } from '../../src/data/engines/engine';
import { countLibrary, evaluateLibrary } from '../../src/data/evaluate-library';
import { loadData } from '../../src/data/load-data';
import { orphanWarnings } from '../../src/data/load/orphan-warnings';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { textFile } from '../helpers/arrow-files';

describe('warning wording', () => {
  let db: Connector;
  beforeAll(async () => {
    db = await createNodeConnector();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('says one interaction in the singular and more in the plural', () => {
    expect(orphanWarnings('EmailOpened', 'ContactId', { dangling: 1, empty: 2 })).toEqual([
      'EmailOpened: 1 interaction whose ContactId is not a contact key belongs to no contact and is ignored',
      'EmailOpened: 2 interactions with no ContactId belong to no contact through ContactId',
    ]);
    expect(orphanWarnings('EmailOpened', 'ContactId', { dangling: 3, empty: 1 })).toEqual([
      'EmailOpened: 3 interactions whose ContactId is not a contact key belong to no contact and are ignored',
      'EmailOpened: 1 interaction with no ContactId belongs to no contact through ContactId',
    ]);
    expect(orphanWarnings('EmailOpened', 'ContactId', { dangling: 0, empty: 0 })).toEqual([]);
  });

  it('names static members that are not contacts in the singular or the plural', async () => {
    const { catalog } = await loadData(db, [textFile('contact.csv', 'contactid\nc1\n')], nodeDecoders, { generation: 7301 });
    const library = parseLibraryOrThrow({
      version: 1,
      segments: [
        { name: 'One', kind: 'static', members: ['c1', 'x1'] },
        { name: 'Two', kind: 'static', members: ['x1', 'x2'] },
      ],
    });
    const warnings: string[] = [];
    await evaluateLibrary(connectorRunner(db), catalog, library, { now: 0, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([
      'segment "One": 1 member is not a contact and is left out: x1',
      'segment "Two": 2 members are not contacts and are left out: x1, x2',
    ]);
  });

  it('gives the same counts and warnings when only counting (evaluate without --members)', async () => {
    const contacts = 'contactid,address1_city\nc1,Seattle\nc2,Paris\nc3,Seattle\n';
    const { catalog } = await loadData(db, [textFile('contact.csv', contacts)], nodeDecoders, { generation: 7302 });
    const library = parseLibraryOrThrow({
      version: 1,
      segments: [
        { name: 'Listed', kind: 'static', members: ['c1', 'c2', 'x1'] },
        { name: 'Seattle', kind: 'profile', query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'Seattle' } }] } },
        { name: 'Nobody', kind: 'profile', query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'Oslo' } }] } },
      ],
    });
    const evaluated: string[] = [];
    const counted: string[] = [];
    const full = await evaluateLibrary(connectorRunner(db), catalog, library, { now: 0, onWarning: (w) => evaluated.push(w) });
    const counts = await countLibrary(connectorRunner(db), catalog, library, { now: 0, onWarning: (w) => counted.push(w) });
    expect(counts).toEqual([
      { name: 'Listed', count: 2 },
      { name: 'Seattle', count: 2 },
      { name: 'Nobody', count: 0 },
    ]);
    expect(counts).toEqual(full.map(({ name, count }) => ({ name, count })));
    expect(counted).toEqual(['segment "Listed": 1 member is not a contact and is left out: x1']);
    expect(counted).toEqual(evaluated);
  });
});
