/**
 * The streamed bench scale (bench/write-streamed.ts): k id-shifted copies of a folder are k
 * disjoint copies of its contacts and their behaviour, so every benchmark segment selects exactly
 * k times as many members, and the ids stay unique.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNativeEngine } from '../src/data/engines/native-engine';
import { evaluateLibrary } from '../src/data/evaluate-library';
import { parseLibraryOrThrow } from '../src/engine/parse-library';
import { BENCH_NOW } from '../bench/scales';
import { BENCH_SEGMENTS } from '../bench/segments';

const root = mkdtempSync(path.join(os.tmpdir(), 'segment-studio-streamed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function child(script: string, job: object): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, JSON.stringify(job)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr}`);
}

async function counts(dir: string): Promise<{ counts: number[]; contacts: number; interactionIds: number; interactions: number }> {
  const engine = await createNativeEngine();
  try {
    const { catalog } = await engine.load(dir);
    const library = parseLibraryOrThrow({ version: 1, segments: BENCH_SEGMENTS });
    const results = await evaluateLibrary(engine, catalog, library, { now: BENCH_NOW });
    const [ids] = await engine.query(
      `SELECT count(DISTINCT InteractionId) AS ids, count(*) AS n FROM read_parquet('${path.join(dir, 'interactions.parquet')}')`,
    );
    return {
      counts: results.map((r) => r.count),
      contacts: catalog.entities.contact!.rowCount!,
      interactionIds: Number(ids!.ids),
      interactions: Number(ids!.n),
    };
  } finally {
    await engine.close();
  }
}

describe('streamed bench data', () => {
  it('three copies select three times the members of each benchmark segment', { timeout: 120_000 }, async () => {
    const source = path.join(root, 'source');
    const copies = path.join(root, 'copies');
    for (const dir of [source, copies]) mkdirSync(dir);
    child('bench/write-sample.ts', { dir: source, contacts: 500, interactions: 10_000, seed: 7, now: BENCH_NOW, layout: 'long' });
    child('bench/write-streamed.ts', { dir: copies, source, copies: 3, layout: 'long' });
    const one = await counts(source);
    const three = await counts(copies);
    expect(one.counts.some((n) => n > 0)).toBe(true);
    expect(three.counts).toEqual(one.counts.map((n) => 3 * n));
    expect(three.contacts).toBe(3 * one.contacts);
    expect(three.interactions).toBe(3 * one.interactions);
    expect(three.interactionIds).toBe(three.interactions);
  });
});
