/**
 * The same work on native DuckDB (@duckdb/node-api) over the same Parquet files: the load
 * replays the browser loader's statements one for one (staging tables come from read_parquet
 * instead of decoded Arrow), then the very same segment SQL runs.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { quoteIdentifier as id, quoteString as str } from '../src/engine/sql/quote';
import { memberChecksum } from './checksum';
import type { SegmentStatement } from './compile';
import type { LoadStep } from './protocol';

export interface NativeStepTiming {
  readonly index: number;
  readonly ms: number;
}

export interface NativeSegmentTiming {
  readonly name: string;
  readonly queryMs: number[];
  readonly fetchMs: number[];
  readonly count: number;
  readonly checksum: string;
}

export interface NativeDatabase {
  readonly version: string;
  readonly threads: number;
  /** Replays a browser load; returns the wall time and each step's time (steps in the same order). */
  load(steps: readonly LoadStep[]): Promise<{ ms: number; steps: NativeStepTiming[] }>;
  evaluate(statements: readonly SegmentStatement[], runs: number): Promise<NativeSegmentTiming[]>;
  time(sql: string, runs: number): Promise<number[]>;
  /** DuckDB's own profile of one query: operators with their share of the time. */
  profile(sql: string, scratch: string): Promise<ProfiledOperator[]>;
  memoryBytes(): Promise<number>;
  close(): void;
}

export interface ProfiledOperator {
  readonly name: string;
  readonly detail: string;
  readonly ms: number;
  readonly rows: number;
}

async function timedRun(db: DuckDBConnection, sql: string): Promise<number> {
  const started = performance.now();
  await db.runAndReadAll(sql);
  return performance.now() - started;
}

interface ProfileNode {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: ProfileNode[];
}

function flatten(node: ProfileNode, out: ProfiledOperator[]): ProfiledOperator[] {
  if (node.operator_name) {
    const info = node.extra_info ?? {};
    const detail = ['Table', 'Function', 'Join Type', 'Conditions', 'Filters', 'Aggregates', 'Groups']
      .filter((k) => info[k] !== undefined)
      .map((k) => `${k}: ${String(info[k]).replaceAll('\n', ' ').slice(0, 80)}`)
      .join('; ');
    out.push({ name: node.operator_name.trim(), detail, ms: (node.operator_timing ?? 0) * 1000, rows: node.operator_cardinality ?? 0 });
  }
  for (const child of node.children ?? []) flatten(child, out);
  return out;
}

export async function openNative(dataDir: string, threads: number | 'all'): Promise<NativeDatabase> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  if (threads !== 'all') await db.run(`SET threads = ${threads}`);
  const [[version, threadCount]] = (await db.runAndReadAll(`SELECT version(), current_setting('threads')`)).getRows() as [[string, number]];

  return {
    version: String(version),
    threads: Number(threadCount),
    async load(steps) {
      const timings: NativeStepTiming[] = [];
      const started = performance.now();
      // The loader decodes a file, then stages it: each insert takes the file decoded just before.
      let decoded = '';
      for (const [index, step] of steps.entries()) {
        if (step.kind === 'decode') {
          decoded = step.file;
          continue;
        }
        const sql =
          step.kind === 'insert'
            ? `CREATE TABLE ${id(step.table)} AS SELECT * FROM read_parquet(${str(path.join(dataDir, decoded))})`
            : step.sql;
        timings.push({ index, ms: await timedRun(db, sql) });
      }
      return { ms: performance.now() - started, steps: timings };
    },
    async evaluate(statements, runs) {
      const out: NativeSegmentTiming[] = [];
      for (const statement of statements) {
        const queryMs: number[] = [];
        const fetchMs: number[] = [];
        let members: string[] = [];
        for (let run = 0; run < runs; run++) {
          queryMs.push(await timedRun(db, statement.create));
          const started = performance.now();
          const reader = await db.runAndReadAll(statement.fetch);
          fetchMs.push(performance.now() - started);
          members = (reader.getColumns()[0] ?? []).map(String);
        }
        out.push({ name: statement.name, queryMs, fetchMs, count: members.length, checksum: memberChecksum(members) });
      }
      return out;
    },
    async time(sql, runs) {
      const ms: number[] = [];
      for (let run = 0; run < runs; run++) ms.push(await timedRun(db, sql));
      return ms;
    },
    async profile(sql, scratch) {
      const file = path.join(scratch, `profile-${process.pid}.json`);
      await db.run(`PRAGMA enable_profiling = 'json'`);
      await db.run(`PRAGMA profiling_output = ${str(file)}`);
      try {
        await db.runAndReadAll(sql);
      } finally {
        await db.run('PRAGMA disable_profiling');
      }
      const tree = JSON.parse(readFileSync(file, 'utf8')) as ProfileNode;
      rmSync(file, { force: true });
      return flatten(tree, []);
    },
    async memoryBytes() {
      const rows = (await db.runAndReadAll('SELECT sum(memory_usage_bytes) FROM duckdb_memory()')).getRows();
      return Number(rows[0]?.[0] ?? 0);
    },
    close() {
      db.closeSync();
      instance.closeSync();
    },
  };
}
