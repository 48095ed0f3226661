/**
 * Child process of `npm run bench -- --evaluate`: what `npm run evaluate` does (open the engine,
 * load the folder, evaluate the library), with the load and the segments timed apart. Prints
 * one JSON line on stdout: { loadSeconds, segmentsSeconds, counts }.
 *
 * Usage: tsx bench/evaluate-phases.ts '{"engine":"native","url":…,"data":…,"library":…,"now":…}'
 */
import { readFileSync } from 'node:fs';
import type { EngineName } from '../src/data/engines/engine';
import { openEngine } from '../src/data/engines/open-engine';
import { countLibrary } from '../src/data/evaluate-library';
import { parseLibraryText } from '../src/engine/parse-library';

interface Job {
  readonly engine: EngineName;
  readonly url?: string;
  readonly data: string;
  readonly library: string;
  readonly now: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  const parsed = parseLibraryText(readFileSync(job.library, 'utf8'));
  if (!parsed.ok) throw new Error(`invalid library: ${JSON.stringify(parsed.problems)}`);
  const engine = await openEngine(job.engine, job.url);
  try {
    const started = performance.now();
    const { catalog } = await engine.load(job.data);
    const loaded = performance.now();
    // As `npm run evaluate` without --members: the counts, the members left in the database.
    const results = await countLibrary(engine, catalog, parsed.library, { now: job.now });
    const done = performance.now();
    const counts = Object.fromEntries(results.map((r) => [r.name, r.count]));
    process.stdout.write(
      `${JSON.stringify({ loadSeconds: (loaded - started) / 1000, segmentsSeconds: (done - loaded) / 1000, counts })}\n`,
    );
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
