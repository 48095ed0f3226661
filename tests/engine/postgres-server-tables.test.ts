/**
 * `--engine postgres` on tables already on the server (catalog.json's `"tables"`, SPEC §2): the
 * golden cases select the same members there as on loaded files. The server tables are the ones
 * a first engine loaded from the fixture folder, named from a folder that holds only catalog.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, LoadedData } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { DataError } from '../../src/data/data-error';
import { jsonFile } from '../helpers/arrow-files';
import { enginesUnderTest, writeFolder } from '../helpers/engines';
import { fixtureFiles, NOW } from '../helpers/fixture-data';
import { CASES, libraryWith } from './golden-cases';

const [postgres] = await enginesUnderTest(['postgres']);

describe('postgres on server tables named by catalog.json', () => {
  if (postgres!.unavailable) {
    it.skip(`skipped: ${postgres!.unavailable}`, () => undefined);
    return;
  }
  let owner: Engine;
  let onServer: Engine;
  let loaded: LoadedData;
  const removals: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const files = await writeFolder(fixtureFiles());
    removals.push(files.remove);
    owner = await postgres!.open();
    const fromFiles = await owner.load(files.folder);
    const [{ schema }] = (await owner.query('SELECT current_schema() AS schema')) as [{ schema: string }];
    const catalogJson = JSON.parse(new TextDecoder().decode(fixtureFiles().find((f) => f.name === 'catalog.json')!.bytes));
    const tables = {
      ...Object.fromEntries(Object.entries(fromFiles.catalog.entities).map(([name, e]) => [name, `${schema}.${e.table}`])),
      ...Object.fromEntries(Object.entries(fromFiles.catalog.interactions.types).map(([type, t]) => [type, `${schema}.${t.table}`])),
    };
    const onlyCatalog = await writeFolder([jsonFile('catalog.json', { ...catalogJson, tables })]);
    removals.push(onlyCatalog.remove);
    onServer = await postgres!.open();
    loaded = await onServer.load(onlyCatalog.folder);
  });
  afterAll(async () => {
    await onServer?.close();
    await owner?.close();
    for (const remove of removals) await remove();
  });

  it('builds the catalog from the server columns', () => {
    expect(Object.keys(loaded.catalog.entities).sort()).toEqual(['account', 'contact']);
    expect(loaded.catalog.entities.contact!.fields).toMatchObject({
      address1_city: 'text',
      annualincome: 'number',
      birthdate: 'date',
      createdon: 'timestamp',
      donotemail: 'boolean',
      interests: 'textList',
    });
    expect(Object.keys(loaded.catalog.interactions.types).sort()).toEqual([
      'EmailClicked',
      'EmailOpened',
      'EventRegistration',
      'FormSubmitted',
      'WebsiteVisited',
    ]);
    expect(loaded.warnings).toEqual([
      'EmailOpened: 1 interaction whose ContactId is not a contact key belongs to no contact and is ignored',
      'EmailOpened: 1 interaction with no ContactId belongs to no contact through ContactId',
    ]);
  });

  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const name = String(testCase.segment.name ?? 'Under_test');
      const [result] = await evaluateLibrary(onServer, loaded.catalog, libraryWith(testCase.segment, name), { now: NOW, only: name });
      expect(result!.members).toEqual(testCase.members);
    });
  }

  it('names a table that is not on the server', async () => {
    const folder = await writeFolder([jsonFile('catalog.json', { tables: { contact: 'nowhere.contact' } })]);
    const engine = await postgres!.open();
    try {
      const error = await engine.load(folder.folder).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message).toBe('catalog.json: tables.contact: there is no table "nowhere.contact" on the server');
    } finally {
      await engine.close();
      await folder.remove();
    }
  });
});
