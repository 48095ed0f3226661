/**
 * The benchmark page: the app's real engine (browser connector, Parquet decoders, loader,
 * compiler, printer, evaluator) behind a small API on `window.bench` that bench/run.ts drives.
 */
import { createBrowserConnector } from '../../src/data/browser-connector';
import { createBrowserDecoders } from '../../src/data/browser-decoders';
import { textColumn, type Connector } from '../../src/data/connector';
import type { Decoders, InputFile } from '../../src/data/decode-file';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import { dropTables, loadData } from '../../src/data/load-data';
import type { Catalog } from '../../src/engine/catalog';
import { MEMBER_COLUMN } from '../../src/engine/compile/compile-segment';
import { parseLibraryOrThrow } from '../../src/engine/parse-library';
import { memberChecksum } from '../checksum';
import { benchLibrary, previewStatement, segmentStatements, withEdit } from '../compile';
import type { HarnessApi, LoadStep, PreviewTiming, SegmentTiming } from '../protocol';
import { runExperiment } from './experiments';
import { recordingConnector, recordingDecoders } from '../instrument';

let db: Connector | undefined;
let decoders: Decoders | undefined;
let files: InputFile[] = [];
let catalog: Catalog | undefined;
let loadedTables: readonly string[] = [];

const ready = () => (db && decoders ? { db, decoders } : fail('call start() first'));
const loaded = () => catalog ?? fail('load the data first');

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
    const steps: LoadStep[] = [];
    const [ms, result] = await timed(() =>
      loadData(recordingConnector(engine.db, steps), files, recordingDecoders(engine.decoders, files, steps), { generation }),
    );
    catalog = result.catalog;
    loadedTables = result.tables;
    return { ms, steps, catalog: result.catalog, warnings: result.warnings };
  },

  async unload() {
    await dropTables(ready().db, loadedTables);
    loadedTables = [];
    catalog = undefined;
  },

  async evaluate(json, now, runs) {
    const { db } = ready();
    const current = loaded();
    const timings: SegmentTiming[] = [];
    for (const statement of segmentStatements(benchLibrary(json, current), current, now)) {
      const queryMs: number[] = [];
      const fetchMs: number[] = [];
      let members: string[] = [];
      for (let run = 0; run < runs; run++) {
        queryMs.push((await timed(() => db.query(statement.create)))[0]);
        const [ms, table] = await timed(() => db.queryArrow(statement.fetch));
        fetchMs.push(ms);
        members = textColumn(table, MEMBER_COLUMN);
      }
      timings.push({
        name: statement.name,
        kind: statement.kind,
        sql: statement.create,
        queryMs,
        fetchMs,
        count: members.length,
        checksum: memberChecksum(members),
      });
    }
    return timings;
  },

  async evaluateLibraryMs(json, now) {
    const { db } = ready();
    const current = loaded();
    return (await timed(() => evaluateLibrary(db, current, parseLibraryOrThrow(json), { now })))[0];
  },

  async preview(json, edits, now, runs) {
    const { db } = ready();
    const current = loaded();
    const out: PreviewTiming[] = [];
    for (const edit of edits) {
      const { label, segment } = edit as { label: string; segment: { name: string } };
      const library = benchLibrary(withEdit(json, segment), current);
      const edited = library.segments.find((s) => s.name === segment.name)!;
      const ms: number[] = [];
      let count = 0;
      for (let run = 0; run < runs; run++) {
        // The designer compiles on every edit too: compile time is part of the preview.
        const [elapsed, rows] = await timed(() => db.query(previewStatement(edited, library, current, now)));
        ms.push(elapsed);
        count = Number(rows[0]?.n ?? 0);
      }
      out.push({ label, sql: previewStatement(edited, library, current, now), ms, count });
    }
    return out;
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

  async experiment(name, runs) {
    const engine = ready();
    return runExperiment(name, { db: engine.db, files, catalog: loaded(), runs });
  },
};

(window as unknown as { bench: HarnessApi }).bench = api;
document.getElementById('status')!.textContent = 'ready';
