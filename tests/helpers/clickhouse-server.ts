/**
 * The ClickHouse cluster the tests run on (scripts/servers/clickhouse.sh): its URL, and whether it
 * answers. With CI set a missing server fails the test file; otherwise its tests are skipped and
 * say why.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InputFile } from '../../src/data/decode-file';
import { createClickhouseEngine } from '../../src/data/engines/clickhouse-engine';
import type { Engine } from '../../src/data/engines/engine';
import type { Catalog } from '../../src/engine/catalog';

const BASE = process.env.SEGMENT_STUDIO_CLICKHOUSE_URL ?? 'http://127.0.0.1:18123';

/** The URL `--url` takes: the queried shard, with the test cluster's shards unless the URL names its own. */
export const CLICKHOUSE_URL = BASE.includes('?')
  ? BASE
  : `${BASE.replace(/\/$/, '')}/?cluster=segment_studio&shards=127.0.0.1:18123,127.0.0.1:18124`;

async function answers(): Promise<boolean> {
  try {
    const response = await fetch(`${new URL(BASE).origin}/ping`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export const clickhouseRunning = await answers();

if (!clickhouseRunning && process.env.CI) {
  throw new Error(`ClickHouse does not answer at ${BASE}: start it with bash scripts/servers/clickhouse.sh start`);
}

export const SKIP_REASON = `ClickHouse does not answer at ${BASE} (bash scripts/servers/clickhouse.sh start); skipped`;

/** Writes in-memory files to a fresh folder, as `--data` takes them. */
export async function folderOf(files: readonly InputFile[]): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'segment-studio-ch-'));
  for (const file of files) await writeFile(path.join(dir, file.name), file.bytes);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A new engine on the test cluster with `files` loaded into its own database. */
export async function loadIntoClickhouse(files: readonly InputFile[]): Promise<{ engine: Engine; catalog: Catalog }> {
  const folder = await folderOf(files);
  try {
    const engine = await createClickhouseEngine(CLICKHOUSE_URL);
    return { engine, catalog: (await engine.load(folder.dir)).catalog };
  } finally {
    await folder.remove();
  }
}
