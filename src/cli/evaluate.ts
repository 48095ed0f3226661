/** `npm run evaluate` (SPEC §4): evaluates a segment library on a data folder, headless. */
import { readFile } from 'node:fs/promises';
import { DataError } from '../data/data-error';
import { evaluateLibrary } from '../data/evaluate-library';
import { loadData } from '../data/load-data';
import { createNodeConnector } from '../data/node-connector';
import { nodeDecoders } from '../data/node-decoders';
import { readFolder } from '../data/read-folder';
import { parseLibraryText } from '../engine/parse-library';
import { LibraryError } from '../engine/problems';
import { parseArgs, UsageError } from './parse-args';

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

  let files;
  try {
    files = await readFolder(args.data);
  } catch (error) {
    throw new UsageError(
      `--data: cannot read the folder ${args.data} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const db = await createNodeConnector();
  const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);
  try {
    const { catalog, warnings } = await loadData(db, files, nodeDecoders);
    warnings.forEach(warn);
    const results = await evaluateLibrary(db, catalog, parsed.library, {
      now: args.now,
      ...(args.only !== undefined ? { only: args.only } : {}),
      onWarning: warn,
    });
    const output = {
      now: new Date(args.now).toISOString(),
      segments: results.map((r) =>
        args.members ? { name: r.name, count: r.count, members: r.members } : { name: r.name, count: r.count },
      ),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const prefix =
      error instanceof LibraryError
        ? 'invalid library:\n'
        : error instanceof DataError
          ? 'data error: '
          : error instanceof UsageError
            ? ''
            : 'error: ';
    process.stderr.write(`${prefix}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
