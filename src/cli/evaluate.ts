/** `npm run evaluate` (SPEC §4): evaluates a segment library on a data folder, headless. */
import { readFile } from 'node:fs/promises';
import { DataError } from '../data/data-error';
import { openEngine } from '../data/engines/open-engine';
import { countLibrary, evaluateLibrary } from '../data/evaluate-library';
import { explainContact } from '../data/explain-contact';
import { evaluateTimeline } from '../data/timeline';
import { parseLibraryText } from '../engine/parse-library';
import { LibraryError } from '../engine/problems';
import { parseArgs, UsageError } from './parse-args';
import { exitWhenFlushed, writeWhole } from './write-whole';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  let libraryText: string;
  try {
    libraryText = await readFile(args.segments, 'utf8');
  } catch (error) {
    throw new UsageError(`--segments: cannot read ${args.segments} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const parsed = parseLibraryText(libraryText);
  if (!parsed.ok) throw new LibraryError(parsed.problems);

  const engine = await openEngine(args.engine, args.url);
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(`warning: ${message}\n`);
  try {
    const { catalog, warnings: loadWarnings } = await engine.load(args.data);
    loadWarnings.forEach(warn);
    if (args.timeline) {
      const segments = await evaluateTimeline(engine, catalog, parsed.library, {
        ...args.timeline,
        ...(args.only !== undefined ? { only: args.only } : {}),
      });
      await writeWhole(process.stderr, warnings.join(''));
      await writeWhole(process.stdout, `${JSON.stringify({ segments }, null, 2)}\n`);
      return 0;
    }
    if (args.explain !== undefined) {
      const explanation = await explainContact(engine, catalog, parsed.library, {
        now: args.now,
        segment: args.only!,
        contact: args.explain,
        onWarning: warn,
      });
      await writeWhole(process.stderr, warnings.join(''));
      await writeWhole(process.stdout, `${JSON.stringify(explanation, null, 2)}\n`);
      return 0;
    }
    const evaluateOptions = { now: args.now, ...(args.only !== undefined ? { only: args.only } : {}), onWarning: warn };
    // Without --members the counts are all the output needs: the members stay in the database.
    const segments = args.members
      ? await evaluateLibrary(engine, catalog, parsed.library, evaluateOptions)
      : await countLibrary(engine, catalog, parsed.library, evaluateOptions);
    const output = { now: new Date(args.now).toISOString(), segments };
    await writeWhole(process.stderr, warnings.join(''));
    await writeWhole(process.stdout, `${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } finally {
    await engine.close();
  }
}

function errorText(error: unknown): string {
  const prefix =
    error instanceof LibraryError
      ? 'invalid library:\n'
      : error instanceof DataError
        ? 'data error: '
        : error instanceof UsageError
          ? ''
          : 'error: ';
  return `${prefix}${error instanceof Error ? error.message : String(error)}\n`;
}

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  async (error: unknown) => {
    await writeWhole(process.stderr, errorText(error));
    await exitWhenFlushed(1);
  },
);
