/** Runs `npm run evaluate` as a child process on the fixture data written to a fresh folder. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureFiles } from './fixture-data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `--data` and `--segments` arguments for the fixture data and `library`. */
export function fixtureFolder(library: unknown): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'segment-studio-cli-'));
  const data = path.join(dir, 'data');
  mkdirSync(data);
  for (const file of fixtureFiles()) writeFileSync(path.join(data, file.name), file.bytes);
  writeFileSync(path.join(dir, 'library.json'), JSON.stringify(library));
  return ['--data', data, '--segments', path.join(dir, 'library.json')];
}

export function evaluate(...args: string[]) {
  const result = spawnSync('node', [path.join(root, 'scripts/evaluate.mjs'), ...args], { encoding: 'utf8', cwd: root });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
