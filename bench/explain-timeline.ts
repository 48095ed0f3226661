/**
 * Times `--explain` and `--timeline` on a data folder in Node (DuckDB-WASM's Node build, the
 * app's loader and evaluator), beside a plain evaluation and a timeline done the slow way (one
 * evaluation per instant). Usage: tsx bench/explain-timeline.ts DATA_DIR [SEGMENT …]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { connectorRunner } from '../src/data/engines/engine';
import { evaluateLibrary } from '../src/data/evaluate-library';
import { explainContact } from '../src/data/explain-contact';
import { loadData } from '../src/data/load-data';
import { createNodeConnector } from '../src/data/node-connector';
import { nodeDecoders } from '../src/data/node-decoders';
import { evaluateTimeline } from '../src/data/timeline';
import { contactEntity } from '../src/engine/catalog';
import { parseLibraryOrThrow } from '../src/engine/parse-library';
import { BENCH_NOW } from './scales';
import { BENCH_SEGMENTS } from './segments';

const WEEK = 7 * 86_400_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function main(dir: string, names: string[]) {
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.parquet') || n === 'catalog.json')
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }));
  const db = await createNodeConnector();
  const runner = connectorRunner(db);
  const load = await timed(() => loadData(db, files, nodeDecoders));
  const catalog = load.value.catalog;
  console.log(`loaded ${dir} in ${(load.ms / 1000).toFixed(1)} s`);
  const library = parseLibraryOrThrow({ version: 1, segments: BENCH_SEGMENTS });
  const [first] = await db.query(`SELECT "${contactEntity(catalog).key}" AS k FROM "${contactEntity(catalog).table}" ORDER BY 1 LIMIT 1`);
  const contact = String(first!.k);
  const from = BENCH_NOW - 12 * WEEK;
  for (const name of names.length ? names : library.segments.map((s) => s.name)) {
    const plain = await timed(() => evaluateLibrary(runner, catalog, library, { now: BENCH_NOW, only: name }));
    const explain = await timed(() => explainContact(runner, catalog, library, { now: BENCH_NOW, segment: name, contact }));
    const timeline = await timed(() => evaluateTimeline(runner, catalog, library, { from, to: BENCH_NOW, step: 'week', only: name }));
    const slow = await timed(async () => {
      for (let k = 0; k <= 12; k++) await evaluateLibrary(runner, catalog, library, { now: from + k * WEEK, only: name });
    });
    console.log(
      `${name}: evaluate ${plain.ms.toFixed(0)} ms (${plain.value[0]!.count} members); explain ${contact} ${explain.ms.toFixed(0)} ms (member ${explain.value.member}); ` +
        `13-point weekly timeline ${timeline.ms.toFixed(0)} ms; 13 evaluations ${slow.ms.toFixed(0)} ms`,
    );
  }
  await db.close();
}

main(process.argv[2]!, process.argv.slice(3)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
