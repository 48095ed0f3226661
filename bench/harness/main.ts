/**
 * The benchmark page: the app's real engine (browser connector, Parquet decoders, loader,
 * compiler, printer, evaluator) behind a small API on `window.bench` that bench/run.ts drives.
 */
import { createBrowserConnector } from '../../src/data/browser-connector';
import { createBrowserDecoders } from '../../src/data/browser-decoders';
import { textColumn, type Connector } from '../../src/data/connector';
import type { Decoders, InputFile } from '../../src/data/decode-file';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { connectorRunner } from '../../src/data/engines/engine';
import { dropTables, loadData } from '../../src/data/load-data';
import type { Catalog } from '../../src/engine/catalog';
import { MEMBER_COLUMN } from '../../src/engine/compile/compile-segment';
import type { Library, Segment } from '../../src/engine/library-schema';
import { dropTable } from '../../src/engine/sql/statements';
import { DataDesignerServices } from '../../src/state/designer/data-designer-services';
import { evaluateSteps } from '../../src/data/evaluate-steps';
import { epochOf, SegmentEvaluator } from '../../src/data/segment-evaluator';
import { memberChecksum } from '../checksum';
import { benchLibrary, segmentStatements, withEdit, type SegmentStatement } from '../compile';
import { recordingConnector, recordingDecoders } from '../instrument';
import type { HarnessApi, LoadStep } from '../protocol';

interface PreparedPreview {
  readonly label: string;
  readonly segment: Segment;
  readonly library: Library;
  /** The segment before the edit, in the unedited library. */
  readonly base: Segment;
  previewed: boolean;
}

let db: Connector | undefined;
let decoders: Decoders | undefined;
let files: InputFile[] = [];
let catalog: Catalog | undefined;
let loadedTables: readonly string[] = [];
let loadSteps: LoadStep[] = [];
let prepared:
  | { library: Library; now: number; statements: SegmentStatement[]; previews: PreparedPreview[]; tables: SegmentEvaluator; runs: number }
  | undefined;

const ready = () => (db && decoders ? { db, decoders } : fail('call start() first'));
const loaded = () => catalog ?? fail('load the data first');
const compiled = () => prepared ?? fail('call prepare() first');

function fail(message: string): never {
  throw new Error(message);
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

const api: HarnessApi = {
  async start() {
    const [startMs, engines] = await timed(() => Promise.all([createBrowserConnector(), createBrowserDecoders()]));
    [db, decoders] = engines;
    const [row] = await db.query('SELECT version() AS v');
    return { duckdbVersion: String(row?.v), userAgent: navigator.userAgent, startMs };
  },

  async fetchFiles(base, names) {
    const [ms, fetched] = await timed(() =>
      Promise.all(
        names.map(async (name) => {
          const response = await fetch(`${base}/${name}`);
          if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
          return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
        }),
      ),
    );
    files = fetched;
    return { ms, bytes: files.reduce((sum, f) => sum + f.bytes.byteLength, 0) };
  },

  async load(generation) {
    const engine = ready();
    const steps: LoadStep[] = (loadSteps = []);
    const [ms, result] = await timed(() =>
      loadData(recordingConnector(engine.db, steps), files, recordingDecoders(engine.decoders, files, steps), { generation }),
    );
    catalog = result.catalog;
    loadedTables = result.tables;
    return { ms, steps, catalog: result.catalog, warnings: result.warnings };
  },

  async loadProgress() {
    return loadSteps;
  },

  async unload() {
    await dropTables(ready().db, loadedTables);
    loadedTables = [];
    catalog = undefined;
    prepared = undefined;
  },

  async prepare(json, edits, now) {
    const current = loaded();
    const library = benchLibrary(json, current);
    const previews = edits.map((edit) => {
      const { label, segment, base } = edit as { label: string; segment: { name: string }; base: string };
      const edited = benchLibrary(withEdit(json, segment), current);
      const before = library.segments.find((s) => s.name === base) ?? fail(`no segment ${base}`);
      return { label, segment: edited.segments.find((s) => s.name === segment.name)!, library: edited, base: before, previewed: false };
    });
    // Referenced segments are cached across previews, as in the app (one cache per data load).
    const tables = new SegmentEvaluator('segment');
    prepared = { library, now, statements: segmentStatements(library, current, now), previews, tables, runs: 0 };
    return { statements: prepared.statements, previews: previews.map((p) => ({ label: p.label, kind: p.segment.kind })) };
  },

  async runSegment(index) {
    const { db } = ready();
    const statement = compiled().statements[index] ?? fail(`no segment ${index}`);
    const [queryMs] = await timed(() => db.query(statement.create));
    const [fetchMs, table] = await timed(() => db.queryArrow(statement.fetch));
    const members = textColumn(table, MEMBER_COLUMN);
    return { queryMs, fetchMs, count: members.length, checksum: memberChecksum(members) };
  },

  async runPreview(index) {
    const { db } = ready();
    const state = compiled();
    const preview = state.previews[index] ?? fail(`no preview ${index}`);
    const current = loaded();
    // The app's epoch, which the designer's histogram computes for itself too.
    const epoch = epochOf({ version: 1 }, state.now);
    const setupSteps: LoadStep[] = [];
    if (preview.previewed) {
      // As in the designer: the segment was shown before the edit, so its groups and references are kept.
      const setupDb = recordingConnector(db, setupSteps);
      await state.tables.clear(connectorRunner(setupDb));
      const ctx = { runner: connectorRunner(setupDb), catalog: current, library: state.library, now: state.now, epoch };
      const before = await evaluateSteps(ctx, state.tables, preview.base, `preview:${++state.runs}`, () => true);
      await setupDb.query(dropTable(before.table));
    }
    preview.previewed = true;
    const setup = setupSteps.flatMap((s) => (s.kind === 'sql' ? [s.sql] : []));
    const steps: LoadStep[] = [];
    const ctx = {
      runner: connectorRunner(recordingConnector(db, steps)),
      catalog: current,
      library: preview.library,
      now: state.now,
      epoch,
    };
    const [ms, outcome] = await timed(() => evaluateSteps(ctx, state.tables, preview.segment, `preview:${++state.runs}`, () => true));
    const cleanup = [dropTable(outcome.table)];
    for (const sql of cleanup) await db.query(sql);
    const statements = steps.flatMap((s) => (s.kind === 'sql' ? [s.sql] : []));
    const segment = preview.segment;
    if (segment.kind !== 'interaction') return { ms, count: outcome.total, setup, statements, cleanup };
    const histogramSteps: LoadStep[] = [];
    const services = new DataDesignerServices(
      { connector: recordingConnector(db, histogramSteps), catalog: current, version: 1 },
      state.tables,
    );
    const [histogramMs] = await timed(() => services.interactionHistogram(segment.query, segment.timeZone, state.now));
    const histogramStatements = histogramSteps.flatMap((s) => (s.kind === 'sql' ? [s.sql] : []));
    return { ms, count: outcome.total, setup, statements, cleanup, histogramMs, histogramStatements };
  },

  async evaluateLibraryMs() {
    const { db } = ready();
    const { library, now } = compiled();
    const current = loaded();
    return (await timed(() => evaluateLibrary(connectorRunner(db), current, library, { now })))[0];
  },

  async runSql(sql, runs) {
    const { db } = ready();
    const ms: number[] = [];
    let rows: unknown[] = [];
    for (let run = 0; run < runs; run++) {
      const [elapsed, result] = await timed(() => db.query(sql));
      ms.push(elapsed);
      rows = result;
    }
    return { ms, rows };
  },

  async memory() {
    const { db } = ready();
    const heap = (performance as unknown as { memory?: { usedJSHeapSize: number; totalJSHeapSize: number } }).memory;
    const rows = await db.query('SELECT tag, memory_usage_bytes AS bytes FROM duckdb_memory()');
    const duckdbByTag = Object.fromEntries(rows.map((r) => [String(r.tag), Number(r.bytes)]));
    return {
      jsHeapUsed: heap?.usedJSHeapSize ?? 0,
      jsHeapTotal: heap?.totalJSHeapSize ?? 0,
      duckdbBytes: Object.values(duckdbByTag).reduce((a, b) => a + b, 0),
      duckdbByTag,
    };
  },
};

(window as unknown as { bench: HarnessApi }).bench = api;
document.getElementById('status')!.textContent = 'ready';
