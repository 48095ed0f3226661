/**
 * Every engine makes the same of a data folder as the app's loader on DuckDB-WASM: the same
 * catalog and warnings from good data (Arrow, CSV typed by SPEC §2's rules, Parquet read in
 * place by native DuckDB), and the same error, naming the same file, row and column, from bad.
 */
import { Table as ArrowTable, tableFromIPC, tableToIPC } from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutSharedTables, type Catalog } from '../../src/engine/catalog';
import type { Connector } from '../../src/data/connector';
import { DataError } from '../../src/data/data-error';
import type { InputFile } from '../../src/data/decode-file';
import { dropTables, loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { arrowFile, text, textFile, ts } from '../helpers/arrow-files';
import { enginesUnderTest, withLoadedEngine } from '../helpers/engines';
import { fixtureFiles } from '../helpers/fixture-data';

/** An Arrow stream file rewritten as Parquet, as another tool would have written it. */
function asParquet(file: InputFile): InputFile {
  if (!file.name.endsWith('.arrows')) return file;
  const parquet = writeParquet(WasmTable.fromIPCStream(tableToIPC(tableFromIPC(file.bytes) as ArrowTable, 'stream')));
  return { name: file.name.replace(/\.arrows$/, '.parquet'), bytes: parquet };
}

const CONTACTS_CSV =
  'contactid,firstname,score,joined,seen,vip\nc1,Ana,1.5,2026-01-02,2026-01-02T10:00:00+02:00,true\nc2,Ben,007,2026-02-30,2026-01-03,FALSE\n';
const INTERACTIONS_CSV =
  'InteractionId,InteractionType,Timestamp,ContactId\ne1,EmailOpened,2026-03-01T10:00:00Z,c1\ne2,EmailOpened,2026-03-01 11:00,c9\ne3,EmailClicked,2026-03-02,\n';

const GOOD: Record<string, () => InputFile[]> = {
  'the fixture (Arrow)': fixtureFiles,
  'the fixture as Parquet': () => fixtureFiles().map(asParquet),
  'CSV typed by the SPEC rules': () => [textFile('contact.csv', CONTACTS_CSV), textFile('interactions.csv', INTERACTIONS_CSV)],
};

const BAD: Record<string, () => InputFile[]> = {
  'no contact table': () => [textFile('account.csv', 'accountid\na1\n')],
  'a truncated Parquet file': () => {
    const [contact] = fixtureFiles()
      .filter((f) => f.name === 'contact.arrows')
      .map(asParquet);
    return [{ name: contact!.name, bytes: contact!.bytes.slice(0, contact!.bytes.length - 40) }];
  },
  'a null key in CSV': () => [textFile('contact.csv', 'contactid,firstname\nc1,Ana\n,Ben\n')],
  'a duplicate key in Arrow': () => [arrowFile('contact', { contactid: text('a', 'b', 'b') })],
  'a duplicate key in Parquet': () => [asParquet(arrowFile('contact', { contactid: text('a', 'b', 'b') }))],
  'a timestamp that does not parse': () => [
    textFile('contact.csv', CONTACTS_CSV),
    textFile('interactions.csv', 'InteractionType,Timestamp,ContactId\nEmailOpened,2026-03-01T10:00:00Z,c1\nEmailOpened,yesterday,c2\n'),
  ],
  'a per-type table holding another type': () => [
    textFile('contact.csv', CONTACTS_CSV),
    textFile(
      'EmailOpened.csv',
      'InteractionType,Timestamp,ContactId\nEmailOpened,2026-03-01T10:00:00Z,c1\nEmailClicked,2026-03-01T10:00:00Z,c1\n',
    ),
  ],
  'a duplicate InteractionId across files': () => [
    textFile('contact.csv', CONTACTS_CSV),
    textFile('interactions.csv', INTERACTIONS_CSV),
    asParquet(
      arrowFile('EmailSent', { InteractionId: text('x', 'e2'), Timestamp: ts('2026-03-01T00:00:00', null), ContactId: text('c1', 'c2') }),
    ),
  ],
  'an InteractionId repeated in one file': () => [
    textFile('contact.csv', CONTACTS_CSV),
    textFile(
      'interactions.csv',
      `InteractionId,InteractionType,Timestamp,ContactId\n${['e1', 'e2', 'e3', 'e4', 'e3', 'e2'].map((id) => `${id},EmailOpened,2026-03-01T10:00:00Z,c1`).join('\n')}\n`,
    ),
  ],
  // In the order a folder lists them (by name), so that every engine meets the sources in the same order.
  'an InteractionId repeated in another Parquet file': () => [
    textFile('contact.csv', CONTACTS_CSV),
    asParquet(
      arrowFile('EmailSent', {
        InteractionId: text('x', 'e3'),
        Timestamp: ts('2026-03-01T00:00:00', '2026-03-02T00:00:00'),
        ContactId: text('c1', 'c2'),
      }),
    ),
    textFile('interactions.csv', INTERACTIONS_CSV),
  ],
  'a Parquet interaction without a timestamp': () => [
    textFile('contact.csv', CONTACTS_CSV),
    asParquet(arrowFile('EmailSent', { Timestamp: ts('2026-03-01T00:00:00', null), ContactId: text('c1', 'c2') })),
  ],
};

type Outcome = { catalog: unknown; warnings: readonly string[] } | { file: string; message: string };

/** What the two decoders of Parquet say about a broken file differs in its words; the rest must not. */
const comparable = (message: string) => message.replace(/(cannot be read as Parquet) \(.*\)/s, '$1 (…)');

async function outcome(load: () => Promise<{ catalog: Catalog; warnings: readonly string[] }>): Promise<Outcome> {
  try {
    const { catalog, warnings } = await load();
    // Where a type's rows lie is the engine's own: PostgreSQL copies each type into a table apart.
    return { catalog: withoutSharedTables(catalog), warnings };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return { file: error.file, message: comparable(error.message) };
  }
}

let wasm: Connector;
beforeAll(async () => {
  wasm = await createNodeConnector();
});
afterAll(async () => wasm?.close());

async function wasmOutcome(files: InputFile[]): Promise<Outcome> {
  return outcome(async () => {
    const loaded = await loadData(wasm, files, nodeDecoders);
    await dropTables(wasm, loaded.tables);
    return loaded;
  });
}

for (const engine of await enginesUnderTest(['native', 'postgres'])) {
  describe(`${engine.name} loads a folder as the app does`, () => {
    if (engine.unavailable) {
      it.skip(`skipped: ${engine.unavailable}`, () => undefined);
      return;
    }
    for (const [name, files] of Object.entries({ ...GOOD, ...BAD })) {
      it(name, async () => {
        const expected = await wasmOutcome(files());
        const got = await outcome(() => withLoadedEngine(engine, files(), async (_, loaded) => loaded));
        expect(got).toEqual(expected);
        expect('catalog' in expected).toBe(name in GOOD);
      });
    }
  });
}
