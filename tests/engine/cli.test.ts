/** `npm run evaluate` as SPEC §4 describes it: JSON on stdout, errors on stderr with exit status 1. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FOLDERS, FIXTURE_EXAMPLES } from '../helpers/examples';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examples = FIXTURE_EXAMPLES;
interface Expected {
  now: string;
  segments: { name: string; members: string[] }[];
}
const expectedIn = (folder: string) => JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8')) as Expected;
const expected = expectedIn(examples);

function evaluate(...args: string[]) {
  const result = spawnSync('node', [path.join(root, 'scripts/evaluate.mjs'), ...args], { encoding: 'utf8', cwd: root });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'segment-studio-'));
  writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
}

const argsFor = (folder: string) => ['--data', path.join(folder, 'data'), '--segments', path.join(folder, 'library.json')];
const exampleArgs = argsFor(examples);

describe('npm run evaluate', () => {
  it.each(EXAMPLE_FOLDERS)('selects the members of the worked examples in %s', (folder) => {
    const expected = expectedIn(folder);
    const run = evaluate(...argsFor(folder), '--now', expected.now, '--members');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as { now: string; segments: { name: string; count: number; members: string[] }[] };
    expect(output.now).toBe('2026-03-31T12:00:00.000Z');
    expect(output.segments.map((s) => s.name)).toEqual(expected.segments.map((s) => s.name));
    for (const want of expected.segments) {
      const got = output.segments.find((s) => s.name === want.name)!;
      expect({ name: got.name, members: got.members, count: got.count }).toEqual({
        name: want.name,
        members: want.members,
        count: want.members.length,
      });
    }
    expect(run.stderr).toMatch(/warning: .*EmailOpened: 1 interaction/);
    expect(run.stderr).toMatch(/warning: segment "Vips": 1 member is not a contact and is left out.*ct-77/);
  });

  it('prints counts only without --members, and one segment with --only', () => {
    const run = evaluate(...exampleArgs, '--now', expected.now, '--only', 'EngagedSeattle');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ now: '2026-03-31T12:00:00.000Z', segments: [{ name: 'EngagedSeattle', count: 1 }] });
  });

  it('sorts members like JavaScript', () => {
    const data = path.dirname(tempFile('contact.csv', 'contactid\nb\nB\na10\na2\n_x\n'));
    const library = tempFile(
      'lib.json',
      JSON.stringify({ version: 1, segments: [{ name: 'All', kind: 'profile', query: { groups: [{}] } }] }),
    );
    const run = evaluate('--data', data, '--segments', library, '--members');
    expect(JSON.parse(run.stdout).segments[0].members).toEqual(['B', '_x', 'a10', 'a2', 'b']);
  });

  it.each([
    [['--data'], /--data needs a value/],
    [[...exampleArgs, '--verbose'], /unknown argument "--verbose"/],
    [[...exampleArgs, '--only', 'Nobody'], /unknown segment "Nobody"/],
    [[...exampleArgs, '--now', 'tomorrow'], /--now: "tomorrow" is not an ISO timestamp/],
    [['--segments', path.join(examples, 'library.json')], /--data is required/],
    [['--data', '/nonexistent', '--segments', path.join(examples, 'library.json')], /cannot read the folder/],
  ])('refuses %j', (args, message) => {
    const run = evaluate(...args);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('refuses a bad library with every problem on stderr and nothing on stdout', () => {
    const library = tempFile(
      'bad.json',
      JSON.stringify({
        version: 1,
        segments: [
          { name: 'A', kind: 'interaction', query: { interaction: 'EmailOpend' } },
          { name: 'B', kind: 'profile', query: { groups: [{ where: { field: 'address1_city', op: 'gt', value: 1 } }] } },
        ],
      }),
    );
    const run = evaluate('--data', path.join(examples, 'data'), '--segments', library);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /segment "A" at segments\[0\]\.query\.interaction: unknown interaction type "EmailOpend"; did you mean "EmailOpened"\?/,
    );
    expect(run.stderr).toMatch(/segment "B" at segments\[1\]\.query\.groups\[0\]\.where\.op/);
  });

  it('refuses bad data with the file named', () => {
    const data = path.dirname(tempFile('contact.csv', 'contactid\nc1\nc1\n'));
    const run = evaluate('--data', data, '--segments', path.join(examples, 'library.json'));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/contact.csv: key "c1" in column "contactid" appears twice/);
  });
});
