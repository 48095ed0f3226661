/**
 * The same work on native DuckDB (@duckdb/node-api) over the same Parquet files: the load
 * replays the browser loader's statements one for one (staging tables come from read_parquet
 * instead of decoded Arrow), then the very same segment SQL runs.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PREPARE_DATABASE, STAGING_DATABASE } from '../src/data/connector';
import { quoteIdentifier as id, quoteString as str, quoteTableIn } from '../src/engine/sql/quote';
import { memberChecksum } from './checksum';
import type { SegmentStatement } from './compile';
import type { LoadStep, SegmentRun } from './protocol';

export interface ProfiledOperator {
  readonly name: string;
  readonly detail: string;
  readonly ms: number;
  readonly rows: number;
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

async function timedRun(db: DuckDBConnection, sql: string): Promise<number> {
  const started = performance.now();
  await db.runAndReadAll(sql);
  return performance.now() - started;
}

/** Native DuckDB with `threads` threads ('all': DuckDB's default, one per core). */
export class NativeEngine {
  version = '?';
  threadCount = 0;
  private instance: DuckDBInstance | undefined;
  private connection: DuckDBConnection | undefined;

  constructor(
    private readonly dataDir: string,
    readonly threads: 1 | 'all',
  ) {}

  private get db(): DuckDBConnection {
    if (!this.connection) throw new Error('load the data first');
    return this.connection;
  }

  /** Replays a browser load in a fresh database; returns the wall time and each step's time. */
  async load(steps: readonly LoadStep[]): Promise<{ ms: number; steps: { index: number; ms: number }[] }> {
    this.close();
    this.instance = await DuckDBInstance.create(':memory:');
    const db = (this.connection = await this.instance.connect());
    if (this.threads !== 'all') await db.run(`SET threads = ${this.threads}`);
    // The same database set-up as the app's connectors (a compressed in-memory database).
    for (const statement of PREPARE_DATABASE) await db.run(statement);
    const [[version, threads]] = (await db.runAndReadAll(`SELECT version(), current_setting('threads')`)).getRows() as [[string, number]];
    this.version = String(version);
    this.threadCount = Number(threads);

    const timings: { index: number; ms: number }[] = [];
    const started = performance.now();
    // The loader reads each file's schema into a staging table, then streams the file through it a
    // chunk at a time. Native DuckDB reads the whole file at once instead (its best way): the first
    // chunk's staging reads the whole file, the statements that build from it run once, and the
    // later chunks' inserts and statements are skipped.
    let decoded = '';
    const staged = new Map<string, 'whole' | 'done'>();
    for (const [index, step] of steps.entries()) {
      if (step.kind === 'decode') {
        decoded = step.file;
        continue;
      }
      const table = step.kind === 'insert' ? step.table : undefined;
      const mentioned = table ?? [...staged.keys()].find((name) => step.kind === 'sql' && step.sql.includes(id(name)));
      if (mentioned !== undefined && staged.get(mentioned) === 'done') continue;
      let sql: string;
      if (step.kind === 'insert') {
        // A later chunk appended straight to its table (no staging table dropped between chunks): the whole file is in it already.
        if (staged.get(step.table) === 'whole') continue;
        const target = step.staging ? quoteTableIn(STAGING_DATABASE, step.table) : id(step.table);
        sql = `CREATE TABLE ${target} AS SELECT * FROM read_parquet(${str(path.join(this.dataDir, decoded))})${step.rows === 0 ? ' LIMIT 0' : ''}`;
        if (step.rows > 0) staged.set(step.table, 'whole');
      } else {
        sql = step.sql;
        if (mentioned !== undefined && staged.get(mentioned) === 'whole' && sql.startsWith('DROP TABLE')) staged.set(mentioned, 'done');
      }
      timings.push({ index, ms: await timedRun(db, sql) });
    }
    return { ms: performance.now() - started, steps: timings };
  }

  async runSegment(statement: SegmentStatement): Promise<SegmentRun> {
    const queryMs = await timedRun(this.db, statement.create);
    const started = performance.now();
    const reader = await this.db.runAndReadAll(statement.fetch);
    const fetchMs = performance.now() - started;
    const members = (reader.getColumns()[0] ?? []).map(String);
    return { queryMs, fetchMs, count: members.length, checksum: memberChecksum(members) };
  }

  async time(sql: string): Promise<number> {
    return timedRun(this.db, sql);
  }

  /** DuckDB's own profile of one statement: every operator with its time. */
  async profile(sql: string, scratch: string): Promise<ProfiledOperator[]> {
    const file = path.resolve(scratch, `profile-${process.pid}.json`);
    await this.db.run(`PRAGMA enable_profiling = 'json'`);
    await this.db.run(`PRAGMA profiling_output = ${str(file)}`);
    try {
      await this.db.runAndReadAll(sql);
    } finally {
      await this.db.run('PRAGMA disable_profiling');
    }
    const tree = JSON.parse(readFileSync(file, 'utf8')) as ProfileNode;
    rmSync(file, { force: true });
    return flatten(tree, []);
  }

  async memoryBytes(): Promise<number> {
    const rows = (await this.db.runAndReadAll('SELECT sum(memory_usage_bytes) FROM duckdb_memory()')).getRows();
    return Number(rows[0]?.[0] ?? 0);
  }

  close(): void {
    this.connection?.closeSync();
    this.instance?.closeSync();
    this.connection = undefined;
    this.instance = undefined;
  }
}
