/**
 * Measurements that try out proposed changes beside the app's own code path, on the same data
 * in the same tab. Each returns plain numbers for BENCHMARKS.md; none changes the app.
 */
import { ParquetFile, readParquet, wasmMemory } from 'parquet-wasm/esm';
import type { Connector } from '../../src/data/connector';
import type { InputFile } from '../../src/data/decode-file';
import type { Catalog } from '../../src/engine/catalog';
import { compileInteractionValues } from '../../src/engine/compile/compile-segment';
import { compileSegmentSteps } from '../../src/engine/compile/segment-steps';
import type { Library, Segment } from '../../src/engine/library-schema';
import { printQuery } from '../../src/engine/sql/print-duckdb';
import { quoteIdentifier as id, quoteString as str } from '../../src/engine/sql/quote';
import type { SegmentStatement } from '../compile';

export interface ExperimentContext {
  readonly db: Connector;
  readonly files: readonly InputFile[];
  readonly catalog: Catalog | undefined;
  readonly statements: readonly SegmentStatement[];
  /** The designer preview edits, compiled against the loaded data. */
  readonly previews: readonly { readonly label: string; readonly segment: Segment; readonly library: Library }[];
  readonly now: number;
  readonly runs: number;
}

type Timings = Record<string, number | string | number[] | Record<string, unknown>>;

const BATCH_ROWS = 1 << 17;

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const wasmHeap = () => wasmMemory().buffer.byteLength;

async function duckdbBytes(db: Connector): Promise<number> {
  const [row] = await db.query('SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()');
  return Number(row?.b ?? 0);
}

function largestParquet(files: readonly InputFile[]): InputFile {
  const parquet = files.filter((f) => f.name.endsWith('.parquet')).sort((a, b) => b.bytes.byteLength - a.bytes.byteLength);
  return parquet[0] ?? fail('no Parquet file loaded');
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Streams a Parquet file into a DuckDB table one row group at a time: only one row group's
 * Arrow is alive at once, and the file's bytes never enter the decoder's wasm heap whole.
 */
async function streamParquet(
  db: Connector,
  file: InputFile,
  table: string,
): Promise<{ decodeMs: number; insertMs: number; rowGroups: number }> {
  const parquet = await ParquetFile.fromFile(new Blob([file.bytes as Uint8Array<ArrayBuffer>]));
  const rowGroups = parquet.metadata().numRowGroups();
  let decodeMs = 0;
  let insertMs = 0;
  for (let group = 0; group < rowGroups; group++) {
    const [decode, ipc] = await timed(async () => (await parquet.read({ rowGroups: [group], batchSize: BATCH_ROWS })).intoIPCStream());
    decodeMs += decode;
    const chunk = `${table}:chunk`;
    insertMs += (
      await timed(async () => {
        if (group === 0) return db.insertArrowStream(table, ipc);
        // The connector only creates tables; appending directly (create: false) would save this copy.
        await db.insertArrowStream(chunk, ipc);
        await db.query(`INSERT INTO ${id(table)} SELECT * FROM ${id(chunk)}`);
        await db.query(`DROP TABLE ${id(chunk)}`);
      })
    )[0];
  }
  parquet.free();
  return { decodeMs, insertMs, rowGroups };
}

/** Parquet → Arrow → DuckDB three ways, on the largest file: the app's way, bigger batches, streamed. */
async function decodeExperiment(ctx: ExperimentContext): Promise<Timings> {
  const file = largestParquet(ctx.files);
  const out: Timings = { file: file.name, fileBytes: file.bytes.byteLength, decoderHeapStart: wasmHeap() };
  // Streaming first: the decoder's wasm heap only grows, so the whole-file variants come after.
  // Each variant runs `runs` times, interleaved; medians are reported.
  const runs: Record<string, Record<string, number>[]> = { streamed: [], bigBatches: [], appDefault: [] };
  const errors: Record<string, string> = {};
  for (let run = 0; run < ctx.runs; run++) {
    try {
      const [ms, stream] = await timed(() => streamParquet(ctx.db, file, 'x:streamed'));
      runs.streamed!.push({ ms, ...stream, decoderHeapAfter: wasmHeap() });
      await ctx.db.query(`DROP TABLE ${id('x:streamed')}`);
    } catch (error) {
      errors.streamed = String(error);
    }
    for (const [name, options] of [
      ['bigBatches', { batchSize: BATCH_ROWS }],
      ['appDefault', undefined],
    ] as const) {
      if (errors[name]) continue;
      try {
        const [readMs, table] = await timed(() => readParquet(file.bytes, options));
        const batches = table.numBatches;
        const [ipcMs, ipc] = await timed(() => table.intoIPCStream());
        const ipcBytes = ipc.byteLength;
        const [insertMs] = await timed(() => ctx.db.insertArrowStream(`x:${name}`, ipc));
        await ctx.db.query(`DROP TABLE ${id(`x:${name}`)}`);
        runs[name]!.push({ readMs, ipcMs, insertMs, batches, ipcBytes, decoderHeapAfter: wasmHeap() });
      } catch (error) {
        errors[name] = String(error);
      }
    }
  }
  for (const [name, list] of Object.entries(runs)) {
    if (errors[name] !== undefined || list.length === 0) out[name] = { error: errors[name] ?? 'no run', decoderHeapAfter: wasmHeap() };
    else out[name] = Object.fromEntries(Object.keys(list[0]!).map((key) => [key, median(list.map((r) => r[key]!))]));
  }
  out.runs = ctx.runs;
  return out;
}

interface TypeLayout {
  readonly type: string;
  /** Columns with at least one value for this type. */
  readonly columns: readonly string[];
}

async function typeLayouts(db: Connector, staging: string, allColumns: readonly string[]): Promise<[number, TypeLayout[]]> {
  const counts = allColumns.map((c, i) => `count(${id(c)}) AS c${i}`).join(', ');
  return timed(async () => {
    const rows = await db.query(`SELECT CAST("InteractionType" AS VARCHAR) AS t, ${counts} FROM ${id(staging)} GROUP BY 1 ORDER BY 1`);
    return rows.map((row) => ({ type: String(row.t), columns: allColumns.filter((_, i) => Number(row[`c${i}`]) > 0) }));
  });
}

const LINKS = new Set(['ContactId', 'ReferrerContactId', 'InteractionType']);
const select = (columns: readonly string[]) =>
  columns.map((c) => (LINKS.has(c) ? `CAST(${id(c)} AS VARCHAR) AS ${id(c)}` : id(c))).join(', ');

/** Statements of the app's segments with their tables swapped for another layout's (SQL references). */
function retarget(ctx: ExperimentContext, tableOf: (type: string) => string, entityOf?: (table: string) => string): SegmentStatement[] {
  const types = Object.entries(ctx.catalog?.interactions.types ?? {});
  const entities = Object.values(ctx.catalog?.entities ?? {});
  return ctx.statements.map((s) => {
    let create = s.create;
    for (const [type, info] of types) create = create.replaceAll(id(info.table), tableOf(type));
    if (entityOf) for (const entity of entities) create = create.replaceAll(id(entity.table), entityOf(entity.table));
    return { ...s, create: create.replaceAll('"result:', '"x:result:'), fetch: '' };
  });
}

async function timeSegments(ctx: ExperimentContext, statements: readonly SegmentStatement[]): Promise<Record<string, number>> {
  const times: Record<string, number[]> = {};
  for (let run = 0; run < ctx.runs; run++)
    for (const s of statements) (times[s.name] ??= []).push((await timed(() => ctx.db.query(s.create)))[0]);
  return Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)]));
}

/**
 * Building the per-type interaction tables: as the loader does (every column of the long
 * table, one filtered copy per type), with only the columns a type uses, and also ordered by
 * contact and time; then the segments on each layout.
 */
async function splitExperiment(ctx: ExperimentContext): Promise<Timings> {
  const file = ctx.files.find((f) => f.name === 'interactions.parquet') ?? fail('needs the long layout (interactions.parquet)');
  const staging = 'x:staging';
  const [stageMs, stream] = await timed(() => streamParquet(ctx.db, file, staging));
  const columns = (await ctx.db.query(`SELECT column_name AS c FROM (DESCRIBE ${id(staging)})`)).map((r) => String(r.c));
  const [layoutMs, layouts] = await typeLayouts(ctx.db, staging, columns);
  const out: Timings = { stageMs, ...stream, layoutMs, columns: columns.length, memoryStaged: await duckdbBytes(ctx.db) };
  const variants: Record<string, (t: TypeLayout) => string> = {
    allColumns: (t) => `SELECT ${select(columns)} FROM ${id(staging)} WHERE CAST("InteractionType" AS VARCHAR) = ${str(t.type)}`,
    ownColumns: (t) => `SELECT ${select(t.columns)} FROM ${id(staging)} WHERE CAST("InteractionType" AS VARCHAR) = ${str(t.type)}`,
    ownColumnsByContact: (t) =>
      `SELECT ${select(t.columns)} FROM ${id(staging)} WHERE CAST("InteractionType" AS VARCHAR) = ${str(t.type)} ORDER BY "ContactId", "Timestamp"`,
  };
  // One table for all types, read through a view per type: as loaded, and sorted by type so that
  // each view reads only its own row groups.
  const oneTable: Record<string, string> = {
    oneTableViews: `SELECT ${select(columns)} FROM ${id(staging)}`,
    oneTableByTypeViews: `SELECT ${select(columns)} FROM ${id(staging)} ORDER BY "InteractionType", "Timestamp"`,
  };
  for (const [name, sql] of Object.entries(oneTable)) {
    const before = await duckdbBytes(ctx.db);
    const [createMs] = await timed(async () => {
      await ctx.db.query(`CREATE TABLE ${id(`x:${name}`)} AS ${sql}`);
      for (const t of layouts)
        await ctx.db.query(
          `CREATE VIEW ${id(`x:${name}:${t.type}`)} AS SELECT * FROM ${id(`x:${name}`)} WHERE "InteractionType" = ${str(t.type)}`,
        );
    });
    const memory = (await duckdbBytes(ctx.db)) - before;
    const segments = await timeSegments(
      ctx,
      retarget(ctx, (type) => id(`x:${name}:${type}`)),
    );
    for (const t of layouts) await ctx.db.query(`DROP VIEW ${id(`x:${name}:${t.type}`)}`);
    await ctx.db.query(`DROP TABLE ${id(`x:${name}`)}`);
    out[name] = { createMs, memory, segments };
  }
  for (const [name, build] of Object.entries(variants)) {
    const before = await duckdbBytes(ctx.db);
    const [createMs] = await timed(async () => {
      for (const t of layouts) await ctx.db.query(`CREATE TABLE ${id(`x:${name}:${t.type}`)} AS ${build(t)}`);
    });
    const memory = (await duckdbBytes(ctx.db)) - before;
    const segments = await timeSegments(
      ctx,
      retarget(ctx, (type) => id(`x:${name}:${type}`)),
    );
    for (const t of layouts) await ctx.db.query(`DROP TABLE ${id(`x:${name}:${t.type}`)}`);
    out[name] = { createMs, memory, segments };
  }
  await ctx.db.query(`DROP TABLE ${id(staging)}`);
  return out;
}

/** The loader's checks and metadata queries against cheaper formulations of the same question. */
async function checksExperiment(ctx: ExperimentContext): Promise<Timings> {
  const file = ctx.files.find((f) => f.name === 'interactions.parquet') ?? fail('needs the long layout (interactions.parquet)');
  const staging = 'x:staging';
  await streamParquet(ctx.db, file, staging);
  const contact = ctx.catalog?.entities.contact?.table ?? fail('no contact table');
  const t = id(staging);
  const queries: Record<string, string> = {
    idDuplicatesAsLoader: `SELECT k, arg_min(s, s * 1e12 + r) AS s1, min(s * 1e12 + r) AS p1, arg_max(s, s * 1e12 + r) AS s2, max(s * 1e12 + r) AS p2 FROM (SELECT CAST("InteractionId" AS VARCHAR) AS k, 0 AS s, rowid AS r FROM ${t} WHERE "InteractionId" IS NOT NULL) GROUP BY k HAVING count(*) > 1 ORDER BY p1 LIMIT 1`,
    idDuplicatesAnyFirst: `SELECT "InteractionId" AS k FROM ${t} WHERE "InteractionId" IS NOT NULL GROUP BY 1 HAVING count(*) > 1 LIMIT 1`,
    idDistinctCount: `SELECT count("InteractionId") - count(DISTINCT "InteractionId") AS d FROM ${t}`,
    timestampNullAsLoader: `SELECT rowid AS r FROM ${t} WHERE "Timestamp" IS NULL ORDER BY rowid LIMIT 1`,
    timestampNullCount: `SELECT count(*) - count("Timestamp") AS n FROM ${t}`,
    orphansPerLinkOnePass: `SELECT count(*) FILTER (WHERE "ContactId" IS NOT NULL AND c.id IS NULL) AS dangling FROM ${t} LEFT JOIN (SELECT "contactid" AS id FROM ${id(contact)}) c ON c.id = "ContactId"`,
    metadataInformationSchema: `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ${str(contact)} ORDER BY ordinal_position`,
    metadataDescribe: `DESCRIBE ${id(contact)}`,
  };
  const out: Timings = {};
  for (const [name, sql] of Object.entries(queries)) {
    const ms: number[] = [];
    for (let run = 0; run < ctx.runs; run++) ms.push((await timed(() => ctx.db.query(sql)))[0]);
    out[name] = median(ms);
  }
  await ctx.db.query(`DROP TABLE ${t}`);
  return out;
}

/** Row groups decoded and staged before they are split into the final tables in one go. */
const GROUPS_PER_FLUSH = 8;

/**
 * A prototype of the proposed loader, in a page of its own: every Parquet file streamed a few
 * row groups at a time into its final tables (interactions split by type per batch of row
 * groups, never the whole file staged), kept in a compressed in-memory database and
 * checkpointed as it grows. Tables are named as the app's catalog names them, so the app's
 * segment SQL runs on them unchanged.
 */
async function streamLoadExperiment(ctx: ExperimentContext): Promise<Timings> {
  const catalog = ctx.catalog ?? fail('needs a catalog');
  const phases: Record<string, number> = { decode: 0, stage: 0, split: 0, checkpoint: 0 };
  const started = performance.now();
  let peakDuckdb = 0;
  const note = async () => (peakDuckdb = Math.max(peakDuckdb, await duckdbBytes(ctx.db)));
  await ctx.db.query(`ATTACH ':memory:' AS z (COMPRESS)`);
  const created = new Set<string>();
  const append = async (table: string, select: string) => {
    const target = `z.${id(table)}`;
    const sql = created.has(table) ? `INSERT INTO ${target} ${select}` : `CREATE TABLE ${target} AS ${select}`;
    created.add(table);
    phases.split! += (await timed(() => ctx.db.query(sql)))[0];
  };
  for (const file of ctx.files.filter((f) => f.name.endsWith('.parquet'))) {
    const stem = file.name.replace(/\.parquet$/, '');
    const entity = catalog.entities[stem];
    const parquet = await ParquetFile.fromFile(new Blob([file.bytes as Uint8Array<ArrayBuffer>]));
    const groups = parquet.metadata().numRowGroups();
    for (let first = 0; first < groups; first += GROUPS_PER_FLUSH) {
      const chunks: string[] = [];
      for (let group = first; group < Math.min(groups, first + GROUPS_PER_FLUSH); group++) {
        const [decodeMs, ipc] = await timed(async () =>
          (await parquet.read({ rowGroups: [group], batchSize: BATCH_ROWS })).intoIPCStream(),
        );
        phases.decode! += decodeMs;
        const chunk = `chunk:${group - first}`;
        phases.stage! += (await timed(() => ctx.db.insertArrowStream(chunk, ipc)))[0];
        chunks.push(`SELECT * FROM ${id(chunk)}`);
      }
      const batch = `(${chunks.join(' UNION ALL ')})`;
      if (entity) await append(entity.table, `SELECT * FROM ${batch}`);
      else {
        const types = await ctx.db.query(`SELECT DISTINCT CAST("InteractionType" AS VARCHAR) AS t FROM ${batch}`);
        for (const { t } of types) {
          const table = catalog.interactions.types[String(t)]?.table ?? `interaction:${String(t)}`;
          await append(table, `SELECT * FROM ${batch} WHERE CAST("InteractionType" AS VARCHAR) = ${str(String(t))}`);
        }
      }
      await note();
      for (let i = 0; i < chunks.length; i++) await ctx.db.query(`DROP TABLE ${id(`chunk:${i}`)}`);
      phases.checkpoint! += (await timed(() => ctx.db.query('CHECKPOINT z')))[0];
    }
    parquet.free();
  }
  await ctx.db.query('USE z');
  const loadMs = performance.now() - started;
  const memoryAfterLoad = await duckdbBytes(ctx.db);
  const segments = await timeSegments(
    ctx,
    retarget(ctx, (type) => id(catalog.interactions.types[type]!.table)),
  );
  const [limit] = await ctx.db.query(`SELECT current_setting('memory_limit') AS m`);
  return { loadMs, phases, memoryAfterLoad, peakDuckdb, memoryLimit: String(limit?.m), segments, decoderHeap: wasmHeap() };
}

async function tableMemory(db: Connector): Promise<number> {
  const [row] = await db.query(`SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`);
  return Number(row?.b ?? 0);
}

/**
 * The loaded tables copied into a compressed in-memory database (`ATTACH ':memory:' (COMPRESS)`,
 * compressed at CHECKPOINT): memory they take, what compressing costs, and the segments on them.
 */
async function compressExperiment(ctx: ExperimentContext): Promise<Timings> {
  const catalog = ctx.catalog ?? fail('load the data first');
  const tables = [...Object.values(catalog.entities).map((e) => e.table), ...Object.values(catalog.interactions.types).map((t) => t.table)];
  const before = await tableMemory(ctx.db);
  await ctx.db.query(`ATTACH ':memory:' AS z (COMPRESS)`);
  const [copyMs] = await timed(async () => {
    for (const table of tables) await ctx.db.query(`CREATE TABLE z.${id(table)} AS SELECT * FROM ${id(table)}`);
  });
  const copied = (await tableMemory(ctx.db)) - before;
  const [checkpointMs] = await timed(() => ctx.db.query('CHECKPOINT z'));
  const compressed = (await tableMemory(ctx.db)) - before;
  const plainSegments = await timeSegments(
    ctx,
    retarget(ctx, (type) => id(catalog.interactions.types[type]!.table)),
  );
  const segments = await timeSegments(
    ctx,
    retarget(
      ctx,
      (type) => `z.${id(catalog.interactions.types[type]!.table)}`,
      (table) => `z.${id(table)}`,
    ),
  );
  const storage = await ctx.db
    .query(
      `SELECT compression, sum(count) AS rows FROM pragma_storage_info(${str(`z.${catalog.interactions.types[Object.keys(catalog.interactions.types)[0]!]!.table}`)}) GROUP BY 1`,
    )
    .catch((error: unknown) => [{ error: String(error) }]);
  await ctx.db.query('DETACH z');
  return {
    tablesBefore: before,
    copyMs,
    uncompressed: copied,
    checkpointMs,
    compressed,
    plainSegments,
    segments,
    storage: { rows: storage },
  };
}

async function medianOf(runs: number, work: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let run = 0; run < runs; run++) ms.push((await timed(work))[0]);
  return median(ms);
}

/**
 * Reusing work across preview edits. A Flow edit that changes one group: the other groups'
 * members kept from the previous evaluation, only the edited group evaluated, then the cheap
 * set operations and counts. A count-test edit of an interaction query: per-contact values
 * kept, so the new count and the histogram read a contact-sized table, not the interactions.
 */
async function previewReuseExperiment(ctx: ExperimentContext): Promise<Timings> {
  const catalog = ctx.catalog ?? fail('load the data first');
  const out: Timings = {};
  const flow = ctx.previews.find((p) => p.segment.kind === 'profile') ?? fail('no profile preview');
  const steps = compileSegmentSteps(flow.segment, { catalog, now: ctx.now, segmentQuery: () => fail('no references here') });
  for (const [i, step] of steps.entries())
    await ctx.db.query(`CREATE OR REPLACE TEMP TABLE ${id(`x:group:${i}`)} AS ${printQuery(step.query)}`);
  const ops = { union: 'UNION', intersect: 'INTERSECT', exclude: 'EXCEPT' } as const;
  const groupMs = await medianOf(ctx.runs, () =>
    ctx.db.query(`CREATE OR REPLACE TEMP TABLE ${id('x:edited')} AS ${printQuery(steps[0]!.query)}`),
  );
  const combineMs = await medianOf(ctx.runs, async () => {
    let previous = 'x:edited';
    for (const [i, step] of steps.entries()) {
      if (i === 0) {
        await ctx.db.query(`SELECT count(*) FROM ${id(previous)}`);
        continue;
      }
      const table = `x:step:${i}`;
      await ctx.db.query(
        `CREATE OR REPLACE TEMP TABLE ${id(table)} AS (SELECT id FROM ${id(previous)}) ${ops[step.combine ?? 'union']} (SELECT id FROM ${id(`x:group:${i}`)})`,
      );
      await ctx.db.query(`SELECT count(*) FROM ${id(table)}`);
      previous = table;
    }
  });
  const ownGroupMs: number[] = [];
  for (const step of steps)
    ownGroupMs.push(await medianOf(ctx.runs, () => ctx.db.query(`SELECT count(*) FROM (${printQuery(step.query)})`)));
  out.flow = { label: flow.label, editedGroupMs: groupMs, combineAndCountMs: combineMs, eachGroupOnItsOwnMs: ownGroupMs };

  const counted = ctx.previews.find((p) => p.segment.kind === 'interaction' && p.label.startsWith('count')) ?? fail('no count preview');
  if (counted.segment.kind === 'interaction') {
    const values = printQuery(
      compileInteractionValues(counted.segment.query, { catalog, now: ctx.now, timeZone: counted.segment.timeZone }),
    );
    const valuesMs = await medianOf(ctx.runs, () => ctx.db.query(`CREATE OR REPLACE TEMP TABLE ${id('x:values')} AS ${values}`));
    const countMs = await medianOf(ctx.runs, () => ctx.db.query(`SELECT count(*) FROM ${id('x:values')} WHERE value >= 3`));
    const histogramMs = await medianOf(ctx.runs, () => ctx.db.query(`SELECT value, count(*) FROM ${id('x:values')} GROUP BY 1 ORDER BY 1`));
    out.countEdit = { label: counted.label, perContactValuesMs: valuesMs, countFromValuesMs: countMs, histogramFromValuesMs: histogramMs };
  }
  return out;
}

const EXPERIMENTS: Record<string, (ctx: ExperimentContext) => Promise<Timings>> = {
  decode: decodeExperiment,
  split: splitExperiment,
  checks: checksExperiment,
  'stream-load': streamLoadExperiment,
  compress: compressExperiment,
  'preview-reuse': previewReuseExperiment,
};

export async function runExperiment(name: string, ctx: ExperimentContext): Promise<Timings> {
  const experiment = EXPERIMENTS[name] ?? fail(`unknown experiment ${name}: use ${Object.keys(EXPERIMENTS).join(', ')}`);
  return experiment(ctx);
}
