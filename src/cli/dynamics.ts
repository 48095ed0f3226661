/**
 * `npm run dynamics` (DYNAMICS.md, "Headless"): `import` reads Dynamics 365 segment query text
 * on stdin and prints a library; `export` prints one segment of a library as query text.
 */
import { readFile } from 'node:fs/promises';
import { DataError } from '../data/data-error';
import { openEngine } from '../data/engines/open-engine';
import type { Catalog } from '../engine/catalog';
import { exportDynamics, formatProblem, formatReason, importDynamics } from '../engine/dynamics/dynamics';
import { parseLibraryText } from '../engine/parse-library';
import { LibraryError } from '../engine/problems';
import { didYouMean } from '../engine/suggest';
import { validateSegment } from '../engine/validate-library';
import { parseDynamicsArgs, type DynamicsArgs } from './dynamics-args';
import { UsageError } from './parse-args';
import { exitWhenFlushed, writeWhole } from './write-whole';

/** A refusal: its lines go to stderr as they are. */
class Refused extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function loadCatalog(folder: string): Promise<Catalog> {
  const engine = await openEngine('wasm');
  try {
    return (await engine.load(folder)).catalog;
  } finally {
    await engine.close();
  }
}

async function runImport(args: Extract<DynamicsArgs, { command: 'import' }>): Promise<string> {
  const text = await readStdin();
  const catalog = await loadCatalog(args.data);
  const result = importDynamics(text, catalog, args.name !== undefined ? { name: args.name } : {});
  if (!result.ok) throw new Refused(result.problems.map(formatProblem).join('\n'));
  return `${JSON.stringify({ version: 1, segments: [result.segment, ...result.definitions] }, null, 2)}\n`;
}

async function runExport(args: Extract<DynamicsArgs, { command: 'export' }>): Promise<string> {
  let libraryText: string;
  try {
    libraryText = await readFile(args.segments, 'utf8');
  } catch (error) {
    throw new UsageError(`--segments: cannot read ${args.segments} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const parsed = parseLibraryText(libraryText);
  if (!parsed.ok) throw new LibraryError(parsed.problems);
  const segment = parsed.library.segments.find((s) => s.name === args.only);
  const names = parsed.library.segments.map((s) => s.name);
  if (!segment) throw new UsageError(`--only: no segment named "${args.only}" in ${args.segments}${didYouMean(args.only, names)}`);
  const catalog = await loadCatalog(args.data);
  const problems = validateSegment(segment, parsed.library, catalog);
  if (problems.length) throw new LibraryError(problems);
  const result = exportDynamics(segment, catalog, names);
  if (!result.ok) throw new Refused(`${segment.name} has no Dynamics 365 equivalent:\n${result.reasons.map(formatReason).join('\n')}`);
  return result.text;
}

function errorText(error: unknown): string {
  if (error instanceof Refused || error instanceof UsageError) return `${error.message}\n`;
  const prefix = error instanceof LibraryError ? 'invalid library:\n' : error instanceof DataError ? 'data error: ' : 'error: ';
  return `${prefix}${error instanceof Error ? error.message : String(error)}\n`;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseDynamicsArgs(argv);
  const output = args.command === 'import' ? await runImport(args) : await runExport(args);
  await writeWhole(process.stdout, output);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  async (error: unknown) => {
    await writeWhole(process.stderr, errorText(error));
    await exitWhenFlushed(1);
  },
);
