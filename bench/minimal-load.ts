/**
 * The least a load can do natively, as a floor for the app's loader: one thread, the contact
 * and interaction files read whole with `CREATE TABLE … AS SELECT * FROM read_parquet(…)`, then
 * three hand-written queries for what SPEC §2 checks: null and duplicate contact keys; null
 * timestamps and types and duplicate InteractionIds; orphans per type and contact link. No
 * wording, no row numbers, no other entity: the app's load does all that on top.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import type { Catalog } from '../src/engine/catalog';
import { quoteIdentifier as id, quoteString as str } from '../src/engine/sql/quote';
import type { DataFolder } from './generate-data';

/** Milliseconds from a fresh database to the three answers. */
export async function minimalNativeLoad(folder: DataFolder, catalog: Catalog): Promise<number> {
  const { typeField, timestampField, contactLinks } = catalog.interactions;
  const key = id(catalog.entities.contact!.key);
  const entityFiles = new Set(Object.keys(catalog.entities).map((name) => `${name}.parquet`));
  const interactionFiles = folder.files
    .map((f) => f.name)
    .filter((name) => name.endsWith('.parquet') && !entityFiles.has(name))
    .map((name) => str(path.resolve(folder.dir, name)));
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const db = await instance.connect();
  try {
    const started = performance.now();
    await db.run(`CREATE TABLE contact AS SELECT * FROM read_parquet(${str(path.resolve(folder.dir, 'contact.parquet'))})`);
    await db.run(`CREATE TABLE interactions AS SELECT * FROM read_parquet([${interactionFiles.join(', ')}], union_by_name = true)`);
    await db.runAndReadAll(`SELECT count(*) FILTER (WHERE ${key} IS NULL), count(${key}) - count(DISTINCT ${key}) FROM contact`);
    await db.runAndReadAll(
      `SELECT count(*) FILTER (WHERE ${id(timestampField)} IS NULL), count(*) FILTER (WHERE ${id(typeField)} IS NULL), ` +
        `count("InteractionId") - count(DISTINCT "InteractionId") FROM interactions`,
    );
    const linked = new Set(Object.values(catalog.interactions.types).flatMap((t) => t.links));
    const orphans = contactLinks
      .filter((link) => linked.has(link))
      .flatMap((link) => [
        `count(*) FILTER (WHERE ${id(link)} IS NULL)`,
        `count(*) FILTER (WHERE ${id(link)} IS NOT NULL AND ${id(link)} NOT IN (SELECT ${key} FROM contact))`,
      ]);
    await db.runAndReadAll(`SELECT ${id(typeField)}, ${orphans.join(', ')} FROM interactions GROUP BY 1`);
    return performance.now() - started;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
