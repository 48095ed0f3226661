/**
 * Child process (big heap): the app's seeded sample generator (src/data/sample) → Parquet.
 * Each table goes Arrow IPC → parquet-wasm → a scratch file, then native DuckDB rewrites it the
 * way an export from a data tool looks (plain strings with dictionary pages, no Arrow schema
 * metadata), adds an InteractionId, and lays interactions out as asked.
 *
 * Usage: tsx bench/write-sample.ts '{"dir":…,"contacts":…,"interactions":…,"seed":…,"now":…,"layout":"long"}'
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Table, writeParquet } from 'parquet-wasm';
import { generateSampleData } from '../src/data/sample/generate-sample';
import { INTERACTION_TYPES } from '../src/data/sample/interactions';
import { quoteIdentifier as id, quoteString as str } from '../src/engine/sql/quote';
import type { Layout } from './scales';

interface Job {
  readonly dir: string;
  readonly contacts: number;
  readonly interactions: number;
  readonly seed: number;
  readonly now: number;
  readonly layout: Layout;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  const scratch = path.join(job.dir, 'scratch');
  mkdirSync(scratch, { recursive: true });
  const started = performance.now();
  const files = generateSampleData({ contacts: job.contacts, interactions: job.interactions, seed: job.seed, now: job.now });
  console.error(`  sample generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const tables: string[] = [];
  for (const file of files) {
    if (file.name === 'catalog.json') {
      writeFileSync(path.join(job.dir, file.name), file.bytes);
      continue;
    }
    const name = file.name.replace(/\.arrows$/, '');
    writeFileSync(path.join(scratch, `${name}.parquet`), writeParquet(Table.fromIPCStream(file.bytes)));
    tables.push(name);
  }
  files.length = 0;

  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const source = (name: string) => `read_parquet(${str(path.join(scratch, `${name}.parquet`))})`;
  const target = (name: string) => str(path.join(job.dir, `${name}.parquet`));
  const copy = (select: string, name: string) => db.run(`COPY (${select}) TO ${target(name)} (FORMAT parquet, COMPRESSION snappy)`);
  const types = new Set<string>(INTERACTION_TYPES);
  try {
    for (const name of tables.filter((t) => !types.has(t))) await copy(`SELECT * FROM ${source(name)}`, name);
    const present = tables.filter((t) => types.has(t));
    // Every interaction gets an id, numbered in time order across types, as an export has.
    const union = present
      .map((type) => `SELECT ${str(type)} AS InteractionType, COLUMNS(c -> c <> 'InteractionType') FROM ${source(type)}`)
      .join(' UNION ALL BY NAME ');
    await db.run(
      `CREATE TABLE ix AS SELECT printf('IX-%08d', row_number() OVER (ORDER BY "Timestamp", InteractionType, ContactId)) AS InteractionId, * FROM (${union})`,
    );
    if (job.layout === 'long') {
      await copy(`SELECT * FROM ix ORDER BY InteractionId`, 'interactions');
    } else {
      for (const type of present) {
        const columns = (await db.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source(type)})`))
          .getRows()
          .map((r) => String(r[0]));
        await copy(
          `SELECT InteractionId, ${columns.map(id).join(', ')} FROM ix WHERE InteractionType = ${str(type)} ORDER BY InteractionId`,
          type,
        );
      }
    }
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
