/**
 * `npm run evaluate --engine clickhouse` against `--engine wasm` on the same folder: the same
 * stdout, the same warnings, the same data errors; nothing left behind on the server; a clear
 * error when there is no server.
 */
import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerUrl, queryRows } from '../../src/data/engines/clickhouse-http';
import { arrowFile, text } from '../helpers/arrow-files';
import { CLICKHOUSE_URL, clickhouseRunning, folderOf, SKIP_REASON } from '../helpers/clickhouse-server';
import { fixtureFiles } from '../helpers/fixture-data';
import { TIMELINE_LIBRARY } from '../helpers/insight-libraries';
import { CASES, SUPPORT } from '../engine/golden-cases';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function evaluate(...args: string[]) {
  const result = spawnSync('node', [path.join(root, 'scripts/evaluate.mjs'), ...args], { encoding: 'utf8', cwd: root });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const engineDatabases = async () =>
  (
    await queryRows(parseServerUrl(CLICKHOUSE_URL).server, "SELECT name FROM system.databases WHERE name LIKE 'segment\\\\_studio\\\\_%'")
  ).map((r) => r.name);

describe.skipIf(!clickhouseRunning)('npm run evaluate --engine clickhouse', () => {
  let data: Awaited<ReturnType<typeof folderOf>>;
  let bad: Awaited<ReturnType<typeof folderOf>>;
  let library: string;
  beforeAll(async () => {
    data = await folderOf(fixtureFiles());
    bad = await folderOf([arrowFile('account', { accountid: text('a1') })]);
    const segments = [
      ...SUPPORT,
      ...CASES.filter((c) => c.segment.kind !== 'compound').map((c, i) => ({ ...c.segment, name: `Case${i}` })),
    ];
    library = path.join(data.dir, '..', `${path.basename(data.dir)}-library.json`);
    await writeFile(library, JSON.stringify({ version: 1, segments }));
  });
  afterAll(async () => {
    await data?.remove();
    await bad?.remove();
  });

  it('prints what the wasm engine prints, warnings included, and leaves no database behind', async () => {
    const before = await engineDatabases();
    const args = ['--data', data.dir, '--segments', library, '--now', '2026-03-31T12:00:00Z', '--members'];
    const wasm = evaluate(...args);
    const clickhouse = evaluate(...args, '--engine', 'clickhouse', '--url', CLICKHOUSE_URL);
    expect(wasm.status).toBe(0);
    expect(clickhouse.stderr).toBe(wasm.stderr);
    expect(clickhouse.status).toBe(0);
    expect(clickhouse.stdout).toBe(wasm.stdout);
    expect(await engineDatabases()).toEqual(before);
  }, 120_000);

  it('prints the same --timeline JSON as the wasm engine (SPEC §4), and leaves no database behind', async () => {
    const before = await engineDatabases();
    const timelineLibrary = path.join(data.dir, '..', `${path.basename(data.dir)}-timeline.json`);
    await writeFile(timelineLibrary, JSON.stringify(TIMELINE_LIBRARY));
    const args = ['--data', data.dir, '--segments', timelineLibrary, '--timeline', '2026-02-25T05:00:00Z,2026-04-02T05:00:00Z,day'];
    const wasm = evaluate(...args);
    const clickhouse = evaluate(...args, '--engine', 'clickhouse', '--url', CLICKHOUSE_URL);
    await rm(timelineLibrary);
    expect(wasm.status).toBe(0);
    const segments = (JSON.parse(wasm.stdout) as { segments: { timeline: { count: number }[] }[] }).segments;
    expect(segments).toHaveLength(TIMELINE_LIBRARY.segments.length);
    expect(segments.some((s) => s.timeline.some((p) => p.count > 0))).toBe(true);
    expect({ status: clickhouse.status, stderr: clickhouse.stderr }).toEqual({ status: 0, stderr: wasm.stderr });
    expect(clickhouse.stdout).toBe(wasm.stdout);
    expect(await engineDatabases()).toEqual(before);
  }, 240_000);

  it('gives the same data error as the wasm engine, and leaves no database behind', async () => {
    const before = await engineDatabases();
    const args = ['--data', bad.dir, '--segments', library];
    const wasm = evaluate(...args);
    const clickhouse = evaluate(...args, '--engine', 'clickhouse', '--url', CLICKHOUSE_URL);
    expect(wasm.status).toBe(1);
    expect({ status: clickhouse.status, stdout: clickhouse.stdout, stderr: clickhouse.stderr }).toEqual({ ...wasm });
    expect(await engineDatabases()).toEqual(before);
  }, 120_000);
});

describe('npm run evaluate --engine clickhouse without a server', () => {
  it('says which server it could not reach', async () => {
    const data = await folderOf(fixtureFiles());
    try {
      const library = path.join(data.dir, 'library.json');
      await writeFile(library, JSON.stringify({ version: 1, segments: [] }));
      const run = evaluate('--data', data.dir, '--segments', library, '--engine', 'clickhouse', '--url', 'http://127.0.0.1:1');
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/cannot reach ClickHouse at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    } finally {
      await data.remove();
    }
  });
});

it.skipIf(clickhouseRunning)(SKIP_REASON, () => undefined);
