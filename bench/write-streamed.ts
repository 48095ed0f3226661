/**
 * Child process: a data folder too large for the in-memory sample generator, made of `copies`
 * copies of a smaller scale's folder. Copy k shifts every contact, account and lead id (and
 * every link to one) by k times that entity's row count, and renumbers the InteractionIds, so
 * the folder has the same schema, catalog.json and shape (activity skew, types, reference
 * tables) with `copies` times the rows. Native DuckDB streams each `COPY … TO` a row group at a
 * time under a memory limit, so nothing is held whole.
 *
 * Usage: tsx bench/write-streamed.ts '{"dir":…,"source":…,"copies":5,"layout":"long"}'
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_CATALOG } from '../src/data/sample/sample-catalog';
import { quoteIdentifier as id, quoteString as str } from '../src/engine/sql/quote';

interface Job {
  readonly dir: string;
  readonly source: string;
  readonly copies: number;
  readonly layout: string;
}

/** The columns holding an entity's id, per table: its key and the links that point at it. */
function idColumns(): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  const add = (table: string, column: string, entity: string) => tables.set(table, (tables.get(table) ?? new Map()).set(column, entity));
  const entities = SAMPLE_CATALOG.entities ?? {};
  for (const [entity, { key }] of Object.entries(entities)) if (key) add(entity, key, entity);
  for (const relation of SAMPLE_CATALOG.relations ?? []) {
    const [table, column] = relation.from.split('.') as [string, string];
    const target = relation.to.split('.')[0]!;
    if (target in entities && table in entities) add(table, column, target);
  }
  for (const link of SAMPLE_CATALOG.interactions?.contactLinks ?? []) add('interactions', link, 'contact');
  return tables;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  if (job.layout !== 'long') throw new Error('a streamed scale has the long layout only');
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: '3GB',
    preserve_insertion_order: 'false',
    temp_directory: path.join(job.dir, '.tmp'),
  });
  const db = await instance.connect();
  const source = (table: string) => `read_parquet(${str(path.join(job.source, `${table}.parquet`))})`;
  const rows = async (table: string) => Number((await db.runAndReadAll(`SELECT count(*) FROM ${source(table)}`)).getRows()[0]![0]);
  // 'CT-0000042' in copy k becomes 'CT-' and 42 + k × rows, padded to the same 7 digits (or more).
  await db.run(
    `CREATE MACRO shifted(v, k, n) AS CASE WHEN v IS NULL THEN NULL ELSE split_part(v, '-', 1) || '-' || lpad(CAST(CAST(split_part(v, '-', 2) AS BIGINT) + k * n AS VARCHAR), 7, '0') END`,
  );
  try {
    const shifts = idColumns();
    const counts = new Map<string, number>();
    for (const entity of Object.keys(SAMPLE_CATALOG.entities ?? {})) counts.set(entity, await rows(entity));
    const interactionRows = await rows('interactions');
    for (const file of readdirSync(job.source).filter((f) => f.endsWith('.parquet') || f === 'catalog.json')) {
      const table = file.replace(/\.parquet$/, '');
      const columns = shifts.get(table);
      if (!columns) {
        copyFileSync(path.join(job.source, file), path.join(job.dir, file));
        continue;
      }
      const copies = Array.from({ length: job.copies }, (_, k) => {
        const replaced = [...columns].map(([column, entity]) => `shifted(${id(column)}, ${k}, ${counts.get(entity)!}) AS ${id(column)}`);
        if (table === 'interactions')
          replaced.push(`printf('IX-%09d', CAST(split_part(InteractionId, '-', 2) AS BIGINT) + ${k * interactionRows}) AS InteractionId`);
        return `SELECT * REPLACE (${replaced.join(', ')}) FROM ${source(table)}`;
      });
      const started = performance.now();
      await db.run(`COPY (${copies.join(' UNION ALL ')}) TO ${str(path.join(job.dir, file))} (FORMAT parquet, COMPRESSION snappy)`);
      console.error(`  ${table}: ${job.copies} copies in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
