/**
 * The engines `npm run evaluate` offers, opened the way tests need them: each on a data folder
 * written to disk. A server engine whose server is not running is skipped with the reason shown,
 * except in CI (`CI` set), where a missing server is a failure.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InputFile } from '../../src/data/decode-file';
import { createClickhouseEngine } from '../../src/data/engines/clickhouse-engine';
import type { Engine, EngineName, LoadedData } from '../../src/data/engines/engine';
import { openEngine } from '../../src/data/engines/open-engine';
import { connectPostgres } from '../../src/data/engines/postgres-client';

export const POSTGRES_URL = process.env.SEGMENT_STUDIO_POSTGRES_URL ?? 'postgres://segment_studio@127.0.0.1:55432/segment_studio';

export interface EngineUnderTest {
  readonly name: EngineName;
  /** Why the engine cannot run here (its server is down); undefined when it can. */
  readonly unavailable?: string;
  open(): Promise<Engine>;
}

/** Undefined when the server answers, else why not. */
async function postgresProblem(): Promise<string | undefined> {
  try {
    const client = await connectPostgres(POSTGRES_URL);
    await client.end();
    return undefined;
  } catch (error) {
    return `no PostgreSQL at ${POSTGRES_URL} (${(error as Error).message}); start it with bash scripts/servers/postgres.sh start`;
  }
}

/** In CI a server that should be there and is not fails the run instead of skipping. */
function unavailableOrFail(problem: string | undefined): string | undefined {
  if (problem !== undefined && process.env.CI) throw new Error(`CI is set but ${problem}`);
  return problem;
}

/** The two-shard test cluster. */
async function clickhouseUnderTest(): Promise<EngineUnderTest> {
  // Imported only when asked for: the module pings the server (and fails under CI without it).
  const { CLICKHOUSE_URL, clickhouseRunning, SKIP_REASON } = await import('./clickhouse-server');
  const open = () => createClickhouseEngine(CLICKHOUSE_URL);
  return { name: 'clickhouse', ...(clickhouseRunning ? {} : { unavailable: SKIP_REASON }), open };
}

export async function enginesUnderTest(names: readonly EngineName[]): Promise<EngineUnderTest[]> {
  const engines: EngineUnderTest[] = [];
  for (const name of names) {
    if (name === 'postgres') {
      const unavailable = unavailableOrFail(await postgresProblem());
      engines.push({ name, ...(unavailable ? { unavailable } : {}), open: () => openEngine('postgres', POSTGRES_URL) });
    } else if (name === 'clickhouse') engines.push(await clickhouseUnderTest());
    else engines.push({ name, open: () => openEngine(name) });
  }
  return engines;
}

/** Writes files into a fresh temporary folder; `remove` deletes it. */
export async function writeFolder(files: readonly InputFile[]): Promise<{ folder: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'segment-studio-data-'));
  for (const file of files) await writeFile(path.join(folder, file.name), file.bytes);
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** Opens the engine, loads the files, runs `use`, and closes everything whatever happens. */
export async function withLoadedEngine<T>(
  engine: EngineUnderTest,
  files: readonly InputFile[],
  use: (opened: Engine, loaded: Awaited<ReturnType<Engine['load']>>) => Promise<T>,
): Promise<T> {
  const { folder, remove } = await writeFolder(files);
  const opened = await engine.open();
  try {
    return await use(opened, await opened.load(folder));
  } finally {
    await opened.close();
    await remove();
  }
}

/** The engine opened with `files` loaded for a describe block (registers beforeAll/afterAll); read its fields inside tests. */
export function useLoadedEngine(engine: EngineUnderTest, files: () => readonly InputFile[]): { opened: Engine; loaded: LoadedData } {
  const held = {} as { opened: Engine; loaded: LoadedData };
  let remove: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const written = await writeFolder(files());
    remove = written.remove;
    held.opened = await engine.open();
    held.loaded = await held.opened.load(written.folder);
  }, 120_000);
  afterAll(async () => {
    await held.opened?.close();
    await remove?.();
  });
  return held;
}
