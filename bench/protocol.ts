/** What the browser harness page and the runner exchange (plain, serializable data). */
import type { Catalog } from '../src/engine/catalog';
import type { SegmentStatement } from './compile';

/** One step the loader took, in order: decoding a file, handing Arrow to DuckDB, or a SQL statement. */
export type LoadStep =
  | { readonly kind: 'decode'; readonly file: string; readonly bytesIn: number; readonly bytesOut: number; readonly ms: number }
  | {
      readonly kind: 'insert';
      readonly table: string;
      readonly staging: boolean;
      readonly rows: number;
      readonly bytes: number;
      readonly ms: number;
    }
  | { readonly kind: 'sql'; readonly sql: string; readonly ms: number; readonly error?: string };

export interface LoadReport {
  readonly ms: number;
  readonly steps: readonly LoadStep[];
  readonly catalog: Catalog;
  readonly warnings: readonly string[];
}

export interface SegmentRun {
  /** Running `CREATE OR REPLACE TEMP TABLE … AS <compiled SQL>`. */
  readonly queryMs: number;
  /** Bringing the members into JavaScript. */
  readonly fetchMs: number;
  readonly count: number;
  /** FNV-1a of the sorted member keys, to check both engines select the same contacts. */
  readonly checksum: string;
}

export interface PreviewRun {
  /** The app's preview (src/data/evaluate-steps.ts): the edited segment's Flow, step by step, counted. */
  readonly ms: number;
  readonly count: number;
  /**
   * Statements run first, untimed: after the first run, the designer showing the segment before
   * the edit (so its groups and references are kept, as when an analyst edits).
   */
  readonly setup: readonly string[];
  /** The statements that preview ran, in order, to replay natively. */
  readonly statements: readonly string[];
  /** Statements to run afterwards, untimed (dropping the preview's result table). */
  readonly cleanup: readonly string[];
  /**
   * The designer's histogram of an interaction query (its count test ignored), if the segment has
   * one, as the app draws it: from the per-contact values the preview keeps for the same query.
   */
  readonly histogramMs?: number;
  readonly histogramStatements?: readonly string[];
}

export interface Prepared {
  readonly statements: readonly SegmentStatement[];
  readonly previews: readonly { readonly label: string; readonly kind: string }[];
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
  /** The steps of the last load so far, to see where a failed load stopped. */
  loadProgress(): Promise<readonly LoadStep[]>;
  /** Drops every table of the last load. */
  unload(): Promise<void>;
  /** Compiles the library's segments and the preview edits with the app's compiler. */
  prepare(library: unknown, edits: readonly unknown[], now: number): Promise<Prepared>;
  runSegment(index: number): Promise<SegmentRun>;
  runPreview(index: number): Promise<PreviewRun>;
  evaluateLibraryMs(): Promise<number>;
  runSql(sql: string, runs: number): Promise<{ ms: number[]; rows: unknown[] }>;
  memory(): Promise<MemoryReport>;
}
