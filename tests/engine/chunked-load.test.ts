/**
 * Files are streamed into their tables a chunk at a time (a few Parquet row groups each). These
 * tests make chunks of a few rows, so that every check meets rows in later chunks: the rows keep
 * the file's order, errors name the row in the file, and a refused load leaves nothing behind.
 */
import { Table, TimestampMicrosecond, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAIN_ID_CHECK_SLICE_ROWS, type Connector } from '../../src/data/connector';
import type { Decoders, InputFile } from '../../src/data/decode-file';
import { dropTables, loadData } from '../../src/data/load-data';
import { createNodeConnector } from '../../src/data/node-connector';
import { nodeDecoders } from '../../src/data/node-decoders';
import { arrowFile, text, ts } from '../helpers/arrow-files';

/** Three row groups of two rows make one chunk of four rows, then one of two, and so on. */
const chunked: Decoders = { ...nodeDecoders, chunkRows: 3 };
const ROW_GROUP = 2;

let db: Connector;
beforeAll(async () => {
  db = await createNodeConnector();
});
afterAll(async () => db?.close());

type Column = { name: string; data: unknown[]; type: 'STRING' | 'TIMESTAMP' | 'INT32' };

function parquet(name: string, columns: Column[]): InputFile {
  return { name, bytes: new Uint8Array(parquetWriteBuffer({ columnData: columns, rowGroupSize: ROW_GROUP })) };
}

const CONTACTS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
const TYPES = ['EmailOpened', 'WebsiteVisited'];

function contacts(ids = CONTACTS): InputFile {
  return parquet('contact.parquet', [
    { name: 'contactid', data: ids, type: 'STRING' },
    { name: 'score', data: ids.map((_, i) => i * 10), type: 'INT32' },
  ]);
}

function interactions(overrides: { ids?: string[]; timestamps?: (Date | null)[] } = {}): InputFile {
  const n = 11;
  const ids = overrides.ids ?? Array.from({ length: n }, (_, i) => `i${i + 1}`);
  return parquet('interactions.parquet', [
    { name: 'InteractionId', data: ids, type: 'STRING' },
    { name: 'InteractionType', data: ids.map((_, i) => TYPES[i % 2]), type: 'STRING' },
    { name: 'Timestamp', data: overrides.timestamps ?? ids.map((_, i) => new Date(Date.UTC(2026, 2, 1 + i, 9))), type: 'TIMESTAMP' },
    { name: 'ContactId', data: ids.map((_, i) => CONTACTS[i % CONTACTS.length]), type: 'STRING' },
  ]);
}

/** Interactions whose columns are already as the engine keeps them (text, a TIMESTAMP without a zone): appended with no staging copy. */
function engineTypedInteractions(): InputFile {
  const n = 11;
  const ids = Array.from({ length: n }, (_, i) => `i${i + 1}`);
  const table = new Table({
    InteractionId: vectorFromArray(ids, new Utf8()),
    InteractionType: vectorFromArray(
      ids.map((_, i) => TYPES[i % 2]!),
      new Utf8(),
    ),
    Timestamp: vectorFromArray(
      ids.map((_, i) => Date.UTC(2026, 2, 1 + i, 9)),
      new TimestampMicrosecond(),
    ),
    ContactId: vectorFromArray(
      ids.map((_, i) => CONTACTS[i % CONTACTS.length]!),
      new Utf8(),
    ),
  });
  return { name: 'interactions.arrows', bytes: tableToIPC(table, 'stream') };
}

async function tableCount(): Promise<number> {
  const [row] = await db.query('SELECT count(*) AS n FROM information_schema.tables');
  return Number(row!.n);
}

async function refusal(files: InputFile[]): Promise<string> {
  const before = await tableCount();
  const error = await loadData(db, files, chunked).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(await tableCount(), 'a refused load leaves no table in either database').toBe(before);
  return error?.message ?? 'loaded';
}

describe('loading a file chunk by chunk', () => {
  it('reads each file as its schema, then chunk by chunk', async () => {
    const files = [contacts(), interactions()];
    const reads: string[] = [];
    const counting: Decoders = {
      ...chunked,
      readParquetRowGroups: (bytes, groups) => {
        reads.push(`${files.find((f) => f.bytes === bytes)!.name} [${groups.join(',')}]`);
        return nodeDecoders.readParquetRowGroups(bytes, groups);
      },
    };
    const result = await loadData(db, files, counting, { generation: 4 });
    await dropTables(db, result.tables);
    expect(reads).toEqual([
      'contact.parquet []',
      'interactions.parquet []',
      'contact.parquet [0,1]',
      'contact.parquet [2,3]',
      'interactions.parquet [0,1]',
      'interactions.parquet [2,3]',
      'interactions.parquet [4,5]',
    ]);
  });

  it('builds the same tables, in the file order, as one chunk per file', async () => {
    const files = [contacts(), interactions()];
    const dump = async (decoders: Decoders, generation: number) => {
      const result = await loadData(db, files, decoders, { generation });
      const tables = [result.catalog.entities.contact!.table, `g${generation}:interactions`];
      const rows = await Promise.all(tables.map((t) => db.query(`SELECT * FROM "${t}" ORDER BY rowid`)));
      await dropTables(db, result.tables);
      return { rows, counts: Object.values(result.catalog.interactions.types).map((t) => t.rowCount) };
    };
    const inChunks = await dump(chunked, 2);
    expect(inChunks.rows[0]).toHaveLength(CONTACTS.length);
    expect(inChunks.rows[1]!.map((r) => r.InteractionId)).toEqual(Array.from({ length: 11 }, (_, i) => `i${i + 1}`));
    expect(inChunks.counts).toEqual([6, 5]);
    expect(inChunks).toEqual(await dump(nodeDecoders, 3));
  });

  it('appends the chunks of a file that needs no cast straight to its table, in the compressed database as in the plain one', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `i${i + 1}`);
    const files = [contacts(), engineTypedInteractions()];
    const load = async (plainTablesUpToBytes: number, generation: number) => {
      const inserts: string[] = [];
      const copies: string[] = [];
      const recording: Connector = {
        ...db,
        query: (sql) => (sql.startsWith('INSERT INTO') && copies.push(sql), db.query(sql)),
        insertArrowStream: (name, ipc, options) => (
          inserts.push(`${name} ${options?.staging ? 'plain' : 'default'}`),
          db.insertArrowStream(name, ipc, options)
        ),
      };
      const result = await loadData(recording, files, chunked, { generation, plainTablesUpToBytes });
      const table = `g${generation}:interactions`;
      const [where] = await db.query(`SELECT table_catalog AS d FROM information_schema.tables WHERE table_name = '${table}'`);
      const rows = await db.query(`SELECT * FROM "${table}" ORDER BY rowid`);
      await dropTables(db, result.tables);
      return { inserts: inserts.filter((i) => i.startsWith(`${table} `)), copies, database: where?.d, rows };
    };
    const compressed = await load(0, 11);
    // The interaction file's four slices of three rows, with no staging copy: its columns are already the engine's.
    expect(compressed.inserts).toEqual(Array(4).fill('g11:interactions default'));
    expect(compressed.copies.filter((sql) => sql.includes('g11:interactions'))).toEqual([]);
    expect(compressed.database).toBe('data');
    const plain = await load(Number.MAX_SAFE_INTEGER, 12);
    expect(plain.inserts).toEqual(Array(4).fill('g12:interactions plain'));
    expect(plain.database).toBe('memory');
    expect(compressed.rows).toEqual(plain.rows);
    expect(compressed.rows.map((r) => r.InteractionId)).toEqual(ids);
    expect(compressed.rows[10]!.Timestamp).toEqual(plain.rows[10]!.Timestamp);
  });

  it('decodes the next chunk while DuckDB takes the one before into the compressed database, and leaves nothing running when a later chunk fails', async () => {
    const files = [contacts(), interactions()];
    const run = async (plainTablesUpToBytes: number, failAtChunk?: number) => {
      const events: string[] = [];
      let running = 0;
      const slow: Connector = {
        ...db,
        insertArrowStream: async (name, ipc, options) => {
          const mine = name.endsWith(':interactions');
          if (mine) events.push('stage start');
          running++;
          try {
            // The worker's side of the insert takes a while; the page may decode meanwhile.
            await new Promise((resolve) => setTimeout(resolve, 20));
            await db.insertArrowStream(name, ipc, options);
          } finally {
            running--;
            if (mine) events.push('stage end');
          }
        },
      };
      let chunk = 0;
      const decoders: Decoders = {
        ...chunked,
        readParquetRowGroups: (bytes, groups) => {
          if (bytes === files[1]!.bytes && groups.length > 0) {
            events.push('decode');
            if (++chunk === failAtChunk) throw new Error('the decoder failed');
          }
          return nodeDecoders.readParquetRowGroups(bytes, groups);
        },
      };
      const before = await tableCount();
      const outcome = await loadData(slow, files, decoders, { generation: 14, plainTablesUpToBytes }).then(
        async (result) => (await dropTables(db, result.tables), 'loaded'),
        (error: unknown) => ({ error: String(error), running, tablesLeft: 0 }),
      );
      if (typeof outcome !== 'string') outcome.tablesLeft = (await tableCount()) - before;
      return { events, outcome };
    };
    // The file's schema first; then, compressed, the second chunk is decoded while the first is still being taken in, and so on.
    const schema = ['stage start', 'stage end'];
    const overlappedEvents = [
      ...schema,
      'decode',
      'stage start',
      'decode',
      'stage end',
      'stage start',
      'decode',
      'stage end',
      'stage start',
      'stage end',
    ];
    const overlapped = await run(0);
    expect(overlapped.outcome).toBe('loaded');
    expect(overlapped.events).toEqual(overlappedEvents);
    // The third decode fails while the second chunk is being taken in: that take ends, and nothing after it starts.
    const failed = await run(0, 3);
    expect(failed.events).toEqual(overlappedEvents.slice(0, 9));
    expect(failed.outcome).toMatchObject({
      error: expect.stringMatching(/^DataError: interactions.parquet: .*the decoder failed/),
      running: 0,
      tablesLeft: 0,
    });
    // A plain load takes each chunk before decoding the next.
    const plain = await run(Number.MAX_SAFE_INTEGER);
    expect(plain.outcome).toBe('loaded');
    expect(plain.events).toEqual([...schema, ...Array(3).fill(['decode', 'stage start', 'stage end']).flat()]);
  });

  it('keeps a small load in the plain database and a larger one in the compressed one, read by the same names', async () => {
    const files = [contacts(), interactions()];
    const bytes = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
    const placed = async (plainTablesUpToBytes: number, generation: number) => {
      const result = await loadData(db, files, chunked, { generation, plainTablesUpToBytes });
      const databases = await db.query(
        `SELECT DISTINCT table_catalog AS d FROM information_schema.tables WHERE table_name LIKE 'g${generation}:%'`,
      );
      const opened = await db.query(`SELECT count(*) AS n FROM "${result.catalog.interactions.types.EmailOpened!.table}"`);
      await dropTables(db, result.tables);
      return { databases: databases.map((r) => r.d), opened: Number(opened[0]!.n), rows: result.catalog.entities.contact!.rowCount };
    };
    expect(await placed(bytes, 6)).toEqual({ databases: ['memory'], opened: 6, rows: CONTACTS.length });
    expect(await placed(bytes - 1, 7)).toEqual({ databases: ['data'], opened: 6, rows: CONTACTS.length });
    expect(await tableCount(), 'both loads dropped every table they made').toBe(0);
  });

  it('names the row in the file when a later chunk has no timestamp', async () => {
    const timestamps = Array.from({ length: 11 }, (_, i) => (i === 9 ? null : new Date(Date.UTC(2026, 2, 1 + i))));
    expect(await refusal([contacts(), interactions({ timestamps })])).toMatch(
      /^interactions.parquet: row 10 has no timestamp in column "Timestamp"/,
    );
  });

  it('finds a key repeated in two chunks', async () => {
    expect(await refusal([contacts(['c1', 'c2', 'c3', 'c4', 'c5', 'c2', 'c7']), interactions()])).toMatch(
      /^contact.parquet: key "c2" in column "contactid" appears twice: row 2 and row 6/,
    );
  });

  it('finds an InteractionId repeated in two chunks', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => (i === 10 ? 'i2' : `i${i + 1}`));
    expect(await refusal([contacts(), interactions({ ids })])).toMatch(
      /InteractionId "i2" appears twice: interactions.parquet row 2 and interactions.parquet row 11/,
    );
  });

  it.each([
    { how: 'copied from staging into the plain database', interactions, plainTablesUpToBytes: undefined, file: 'interactions.parquet' },
    {
      how: 'appended straight to the compressed database',
      interactions: engineTypedInteractions,
      plainTablesUpToBytes: 0,
      file: 'interactions.arrows',
    },
  ])('says a file is too large for the tab when DuckDB runs out of memory building its table, $how', async (c) => {
    const before = await tableCount();
    let inserts = 0;
    // The second append to a table: a copy from staging, or a chunk appended straight to its table.
    const outOfMemory = () => {
      if (++inserts === 2) throw new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)');
    };
    const starved: Connector = {
      ...db,
      query: async (sql) => {
        if (sql.startsWith('INSERT INTO')) outOfMemory();
        return db.query(sql);
      },
      insertArrowStream: async (name, ipc, options) => {
        if (options?.append) outOfMemory();
        return db.insertArrowStream(name, ipc, options);
      },
    };
    const options = c.plainTablesUpToBytes === undefined ? {} : { plainTablesUpToBytes: c.plainTablesUpToBytes };
    const error = await loadData(starved, [contacts(), c.interactions()], chunked, options).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(`^${c.file.replace('.', '\\.')}: is too large for the memory this browser tab can use: DuckDB ran out of memory`),
    );
    expect(await tableCount()).toBe(before);
  });

  it('decodes a plain load one row group at a time and checks its InteractionIds a slice at a time, as the decoder and DuckDB would hold less', async () => {
    // DuckDB's own row groups, as in a file a data tool exported with it.
    const groupRows = 122_880;
    const groups = Math.ceil(PLAIN_ID_CHECK_SLICE_ROWS / groupRows) + 1;
    const n = groups * groupRows;
    const ids = Array.from({ length: n }, (_, i) => `i${i}`);
    const file: InputFile = {
      name: 'interactions.parquet',
      bytes: new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: 'InteractionId', data: ids, type: 'STRING' },
            { name: 'InteractionType', data: ids.map(() => 'EmailOpened'), type: 'STRING' },
            { name: 'Timestamp', data: ids.map(() => new Date(Date.UTC(2026, 2, 1))), type: 'TIMESTAMP' },
            { name: 'ContactId', data: ids.map((_, i) => CONTACTS[i % CONTACTS.length]), type: 'STRING' },
          ],
          rowGroupSize: groupRows,
        }),
      ),
    };
    const reads: string[] = [];
    const decoders: Decoders = {
      readParquetRowGroups: (bytes, rowGroups) => {
        if (bytes === file.bytes) reads.push(rowGroups.join(','));
        return nodeDecoders.readParquetRowGroups(bytes, rowGroups);
      },
    };
    const statements: string[] = [];
    const recording: Connector = { ...db, query: (sql) => (statements.push(sql), db.query(sql)) };
    const result = await loadData(recording, [contacts(), file], decoders, { generation: 9 });
    await dropTables(db, result.tables);
    expect(result.catalog.interactions.types.EmailOpened!.rowCount).toBe(n);
    expect(reads).toEqual(['', ...Array.from({ length: groups }, (_, g) => String(g))]);
    const slices = Math.ceil(n / PLAIN_ID_CHECK_SLICE_ROWS);
    expect(slices).toBeGreaterThan(1);
    const sliced = statements.filter((sql) => sql.includes('interaction-id-hashes') && sql.includes(`% ${slices}) = `));
    expect(sliced).toHaveLength(slices);
  });

  it('slices an Arrow file the same way, and names its rows', async () => {
    const stamps = Array.from({ length: 8 }, (_, i) => `2026-03-0${1 + (i % 9)}T10:00:00Z`);
    const arrowInteractions = (timestamps: (string | null)[]) =>
      arrowFile('interactions', {
        InteractionType: text(...timestamps.map(() => 'EmailOpened')),
        Timestamp: ts(...timestamps),
        ContactId: text(...timestamps.map((_, i) => CONTACTS[i % CONTACTS.length]!)),
      });
    const inserted: number[] = [];
    const counting: Connector = {
      ...db,
      insertArrowStream: (name, ipc, options) => (inserted.push(tableFromIPC(ipc).numRows), db.insertArrowStream(name, ipc, options)),
    };
    const result = await loadData(counting, [contacts(), arrowInteractions(stamps)], chunked, { generation: 5 });
    expect(inserted, 'schemas, then contacts in two chunks, then interactions in three').toEqual([0, 0, 4, 3, 3, 3, 2]);
    expect(result.catalog.interactions.types.EmailOpened!.rowCount).toBe(8);
    const rows = await db.query(`SELECT "ContactId" AS c FROM "g5:interactions" ORDER BY rowid`);
    expect(rows.map((r) => r.c)).toEqual(stamps.map((_, i) => CONTACTS[i % CONTACTS.length]));
    await dropTables(db, result.tables);
    const missing = stamps.map((s, i) => (i === 6 ? null : s));
    expect(await refusal([contacts(), arrowInteractions(missing)])).toMatch(/^interactions.arrows: row 7 has no timestamp/);
  });
});

describe('load progress', () => {
  it('says what it counts: files read, then files loaded with the rows and bytes taken in', async () => {
    const events: { step: string; unit: string; rows?: number }[] = [];
    const result = await loadData(db, [contacts(), interactions()], chunked, {
      generation: 90,
      onProgress: ({ step, unit, rows }) => events.push({ step, unit, ...(rows === undefined ? {} : { rows }) }),
    });
    await dropTables(db, result.tables);
    expect(events.filter((e) => e.step.startsWith('Reading')).map((e) => e.unit)).toEqual(['files', 'files']);
    const loading = events.filter((e) => e.step.startsWith('Loading'));
    expect(new Set(loading.map((e) => e.unit))).toEqual(new Set(['files']));
    expect(loading.at(-1)!.rows).toBeGreaterThan(0);
  });
});
