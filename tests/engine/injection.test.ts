/** Hostile names and values are plain data on every engine: they select correctly and never alter the database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { connectorRunner, type SqlRunner } from '../../src/data/engines/engine';
import type { InputFile } from '../../src/data/decode-file';
import { loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import type { Catalog } from '../../src/engine/catalog';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { arrowFile, jsonFile, list, num, text, ts } from '../helpers/arrow-files';
import { enginesUnderTest, writeFolder, type EngineUnderTest } from '../helpers/engines';

const HOSTILE = [
  `two\nlines\r\n`,
  `O'Brien`,
  `'; DROP TABLE canary; --`,
  `back\\slash`,
  `semi;colon`,
  `dq"uote`,
  `--comment`,
  `100%_x`,
  `\\'`,
];
const FIELD = `we"ird'; --name`;
const ENTITY = `acc'ount"; --`;
const NOW = Date.parse('2026-03-31T12:00:00Z');

function hostileFiles(): InputFile[] {
  const ids = HOSTILE.map((_, i) => `k'${i}"`);
  return [
    jsonFile('catalog.json', {
      entities: { [ENTITY]: { key: 'id' } },
      relations: [{ name: `rel'"; --`, from: `contact.${FIELD}`, to: `${ENTITY}.id` }],
      interactions: { contactLinks: ['ContactId'] },
    }),
    arrowFile('contact', {
      contactid: text(...ids),
      [FIELD]: text(...HOSTILE.map((_, i) => `a'${i}`)),
      tags: list(...HOSTILE.map((h) => [h])),
    }),
    arrowFile(ENTITY, {
      id: text(...HOSTILE.map((_, i) => `a'${i}`)),
      label: text(...HOSTILE),
      score: num(...HOSTILE.map((_, i) => i)),
    }),
    arrowFile(`Opened'; DROP TABLE canary; --`, {
      Timestamp: ts(...HOSTILE.map(() => '2026-03-01T00:00:00')),
      ContactId: text(...ids),
      [`Msg"Id`]: text(...HOSTILE),
    }),
  ];
}

interface Loaded {
  readonly runner: SqlRunner;
  readonly catalog: Catalog;
  close(): Promise<void>;
}

/** DuckDB-WASM as the app holds it; every other engine as `npm run evaluate` opens it, on the files written to disk. */
async function loadOn(engine: EngineUnderTest | 'wasm'): Promise<Loaded> {
  const canary = 'CREATE TEMP TABLE canary AS SELECT 42 AS alive';
  if (engine === 'wasm') {
    const db = await createNodeConnector();
    await db.query(canary);
    const { catalog } = await loadData(db, hostileFiles(), nodeDecoders);
    return { runner: connectorRunner(db), catalog, close: () => db.close() };
  }
  const { folder, remove } = await writeFolder(hostileFiles());
  const opened = await engine.open();
  await opened.execute(canary);
  const { catalog } = await opened.load(folder);
  return {
    runner: opened,
    catalog,
    close: async () => {
      await opened.close();
      await remove();
    },
  };
}

const ENGINES = [
  { name: 'wasm' as const, engine: 'wasm' as const },
  ...(await enginesUnderTest(['native', 'postgres'])).map((e) => ({ name: e.name, engine: e })),
];

for (const { name: engineName, engine } of ENGINES) {
  describe(`hostile names and values on ${engineName}`, () => {
    if (engine !== 'wasm' && engine.unavailable) {
      it.skip(`skipped: ${engine.unavailable}`, () => undefined);
      return;
    }
    let db: Loaded;
    let catalog: Catalog;
    beforeAll(async () => {
      db = await loadOn(engine);
      catalog = db.catalog;
    });
    afterAll(async () => db?.close());

    async function canaryAlive(): Promise<boolean> {
      const [row] = await db.runner.query('SELECT alive FROM canary');
      return Number(row?.alive) === 42;
    }

    HOSTILE.forEach((value, i) => {
      it(`selects exactly the record holding ${JSON.stringify(value)}`, async () => {
        const library = parseLibraryOrThrow({
          version: 1,
          segments: [
            {
              name: 'ByRelated',
              kind: 'profile',
              query: { groups: [{ where: { related: ENTITY, via: `rel'"; --`, where: { field: 'label', op: 'eq', value } } }] },
            },
            { name: 'ByList', kind: 'profile', query: { groups: [{ where: { field: 'tags', op: 'containsAny', value: [value] } }] } },
            {
              name: 'ByInteraction',
              kind: 'interaction',
              query: { interaction: `Opened'; DROP TABLE canary; --`, where: { field: `Msg"Id`, op: 'contains', value } },
            },
            { name: 'ByStatic', kind: 'static', members: [`k'${i}"`] },
          ],
        });
        const results = await evaluateLibrary(db.runner, catalog, library, { now: NOW });
        const expected = HOSTILE.map((h, j) => ({ h, id: `k'${j}"` }));
        expect(results[0]!.members).toEqual([`k'${i}"`]);
        expect(results[1]!.members).toEqual([`k'${i}"`]);
        expect(results[2]!.members).toEqual(
          expected
            .filter((e) => e.h.toLowerCase().includes(value.toLowerCase()))
            .map((e) => e.id)
            .sort(),
        );
        expect(results[3]!.members).toEqual([`k'${i}"`]);
        expect(await canaryAlive()).toBe(true);
      });
    });

    it('keeps the hostile names as they were written', () => {
      expect(Object.keys(catalog.entities).sort()).toEqual([ENTITY, 'contact'].sort());
      expect(catalog.entities.contact!.fields[FIELD]).toBe('text');
      expect(Object.keys(catalog.interactions.types)).toEqual([`Opened'; DROP TABLE canary; --`]);
    });
  });
}
