/** What the browser harness page reports back to the runner (plain, serializable data). */
import type { Catalog } from '../src/engine/catalog';

/** One step the loader took, in order: decoding a file, handing Arrow to DuckDB, or a SQL statement. */
export type LoadStep =
  | { readonly kind: 'decode'; readonly file: string; readonly bytesIn: number; readonly bytesOut: number; readonly ms: number }
  | { readonly kind: 'insert'; readonly table: string; readonly bytes: number; readonly ms: number }
  | { readonly kind: 'sql'; readonly sql: string; readonly ms: number };

export interface LoadReport {
  readonly ms: number;
  readonly steps: readonly LoadStep[];
  readonly catalog: Catalog;
  readonly warnings: readonly string[];
}

export interface SegmentTiming {
  readonly name: string;
  readonly kind: string;
  /** Exactly the statement both engines run: CREATE OR REPLACE TEMP TABLE … AS <compiled SQL>. */
  readonly sql: string;
  /** Running the statement, per run. */
  readonly queryMs: readonly number[];
  /** Bringing the members into JavaScript, per run. */
  readonly fetchMs: readonly number[];
  readonly count: number;
  /** FNV-1a of the sorted member keys, to check both engines select the same contacts. */
  readonly checksum: string;
}

export interface PreviewTiming {
  readonly label: string;
  /** SELECT count(*) over the edited segment's compiled query. */
  readonly sql: string;
  readonly ms: readonly number[];
  readonly count: number;
}

export interface MemoryReport {
  readonly jsHeapUsed: number;
  readonly jsHeapTotal: number;
  /** Bytes DuckDB's buffer manager holds, from duckdb_memory(). */
  readonly duckdbBytes: number;
  readonly duckdbByTag: Readonly<Record<string, number>>;
}

export interface EnvironmentReport {
  readonly duckdbVersion: string;
  readonly userAgent: string;
  readonly startMs: number;
}

/** The page's API, on `window.bench`. */
export interface HarnessApi {
  start(): Promise<EnvironmentReport>;
  fetchFiles(base: string, names: readonly string[]): Promise<{ ms: number; bytes: number }>;
  load(generation: number): Promise<LoadReport>;
  /** Drops every table of the last load. */
  unload(): Promise<void>;
  evaluate(library: unknown, now: number, runs: number): Promise<SegmentTiming[]>;
  evaluateLibraryMs(library: unknown, now: number): Promise<number>;
  preview(library: unknown, edits: readonly unknown[], now: number, runs: number): Promise<PreviewTiming[]>;
  runSql(sql: string, runs: number): Promise<{ ms: number[]; rows: unknown[] }>;
  memory(): Promise<MemoryReport>;
  experiment(name: string, runs: number): Promise<unknown>;
}
