/**
 * How much memory the data takes and how much is left: DuckDB's own accounting (its tables
 * live in the WebAssembly heap, which cannot grow past 4 GB) and the page's JavaScript heap
 * where the browser reports it. Used to warn before a load the browser could not survive.
 */
import * as q from '../engine/sql/build';
import { printQuery } from '../engine/sql/print-duckdb';
import { PLAIN_TABLES_UP_TO_BYTES, type Connector } from './connector';
import type { InputFile } from './decode-file';
import { fileFormat } from './decode-file';

export interface MemoryUsage {
  /** Bytes DuckDB holds (tables, indexes, buffers). */
  readonly duckdbUsed: number;
  /** DuckDB's memory limit in bytes. */
  readonly duckdbLimit: number;
  /** The page's JavaScript heap, where the browser tells (Chromium). */
  readonly jsUsed?: number;
  readonly jsLimit?: number;
}

/** The WebAssembly heap of 32-bit DuckDB-WASM can never exceed this, whatever the setting says. */
export const WASM_HEAP_CEILING = 4 * 1024 ** 3;

const UNITS: Record<string, number> = { bytes: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4, kb: 1e3, mb: 1e6, gb: 1e9 };

/** "3.1 GiB" → bytes. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*([\d.]+)\s*([a-z]+)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[match[2]!.toLowerCase()];
  return unit === undefined ? undefined : Number(match[1]) * unit;
}

interface BrowserMemory {
  readonly usedJSHeapSize: number;
  readonly jsHeapSizeLimit: number;
}

export async function readMemoryUsage(connector: Connector): Promise<MemoryUsage> {
  const [used] = await connector.query(
    printQuery(
      q.select([q.as(q.agg('sum', q.col(undefined, 'memory_usage_bytes')), 'used')], {
        from: { kind: 'tableFunction', fn: 'duckdb_memory' },
      }),
    ),
  );
  const [limit] = await connector.query(printQuery(q.select([q.as(q.call('current_setting', q.text('memory_limit')), 'limit')])));
  const duckdbLimit = Math.min(parseByteSize(String(limit?.limit ?? '')) ?? WASM_HEAP_CEILING, WASM_HEAP_CEILING);
  const js = (globalThis.performance as unknown as { memory?: BrowserMemory } | undefined)?.memory;
  return {
    duckdbUsed: Number(used?.used ?? 0),
    duckdbLimit,
    ...(js ? { jsUsed: js.usedJSHeapSize, jsLimit: js.jsHeapSizeLimit } : {}),
  };
}

/** Rough peak memory a load needs: in DuckDB (the WebAssembly heap) and in the page. */
export interface MemoryNeed {
  readonly duckdb: number;
  readonly page: number;
}

/** One chunk (at most about 500k rows) waits uncompressed in DuckDB and, decoded, in the page. */
const CHUNK_BYTES = 300 * 1024 ** 2;
/** How much larger than its file a chunk can be once decoded (Parquet compresses well). */
const DECODED_GROWTH = 8;

/** How much larger than its Parquet file a plain (uncompressed) table is (BENCHMARKS.md). */
const PLAIN_GROWTH = 12;

/**
 * Files stream through DuckDB a chunk at a time into compressed tables, which take about a
 * Parquet file's size (measured in BENCHMARKS.md), or, for a load small enough, plain ones about
 * `PLAIN_GROWTH` times that. The page holds the files' bytes meanwhile, and a CSV file's text as strings.
 */
export function estimateFilesNeed(files: readonly InputFile[]): MemoryNeed {
  const plain = files.reduce((sum, f) => sum + (fileFormat(f.name) ? f.bytes.byteLength : 0), 0) <= PLAIN_TABLES_UP_TO_BYTES;
  let duckdb = 0;
  let page = 0;
  let chunk = 0;
  for (const file of files) {
    const format = fileFormat(file.name)?.format;
    const size = file.bytes.byteLength;
    duckdb += size * (format === 'parquet' ? (plain ? PLAIN_GROWTH : 1.5) : format === 'csv' || format === 'arrow' ? (plain ? 2 : 1) : 0);
    // CSV text becomes JavaScript strings; Parquet's decoded chunks are passed to DuckDB as bytes.
    page += size * (format === 'csv' ? 6 : format === 'parquet' ? 1.5 : 2);
    chunk = Math.max(chunk, Math.min(CHUNK_BYTES, size * DECODED_GROWTH));
  }
  return { duckdb: duckdb + chunk, page: page + chunk };
}

/** What is missing for a load, or undefined when it fits; the current data stays loaded meanwhile. */
export function memoryShortfall(usage: MemoryUsage, need: MemoryNeed): { readonly needed: number; readonly free: number } | undefined {
  const duckdbFree = usage.duckdbLimit - usage.duckdbUsed;
  if (need.duckdb > duckdbFree) return { needed: need.duckdb, free: duckdbFree };
  if (usage.jsLimit !== undefined && usage.jsUsed !== undefined) {
    const pageFree = usage.jsLimit - usage.jsUsed;
    if (need.page > pageFree) return { needed: need.page, free: pageFree };
  }
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
