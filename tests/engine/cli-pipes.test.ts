/**
 * Every command of `src/cli` writes its whole output into a pipe before it exits, however
 * large: several MB of stdout, and of stderr both on success (warnings) and on failure.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runPiped, runThroughShell } from '../helpers/cli-pipes';

const CONTACTS = 200_000;
const STATIC_SEGMENTS = 300;

interface BigRun {
  readonly args: readonly string[];
  readonly status: number;
  /** Checks the output is the whole of it, not only its size. */
  readonly check: (stdout: string, stderr: string) => void;
}

interface CliCommand {
  /** The script in `scripts/` that runs it. */
  readonly script: string;
  /** Runs whose stdout and stderr each are several MB. */
  readonly runs: (folder: string) => Record<string, BigRun>;
}

/** One line per command of `src/cli`; a new command adds its own (checked below). */
const COMMANDS: readonly CliCommand[] = [
  {
    script: 'evaluate.mjs',
    runs: (folder) => ({
      'members and warnings': {
        args: ['--data', path.join(folder, 'data'), '--segments', path.join(folder, 'good.json'), '--members', '--now', '2026-01-01'],
        status: 0,
        check: (stdout, stderr) => {
          const output = JSON.parse(stdout) as { segments: { name: string; members: string[] }[] };
          expect(output.segments[0]!.members).toHaveLength(CONTACTS);
          expect(output.segments[0]!.members.at(-1)).toBe(contactId(CONTACTS - 1));
          const warnings = stderr.split('\n').filter(Boolean);
          expect(warnings).toHaveLength(STATIC_SEGMENTS);
          expect(warnings.at(-1)).toMatch(new RegExp(`^warning: segment "S${STATIC_SEGMENTS - 1}": 10 member`));
        },
      },
      'an invalid library': {
        args: ['--data', path.join(folder, 'data'), '--segments', path.join(folder, 'bad.json')],
        status: 1,
        check: (stdout, stderr) => {
          expect(stdout).toBe('');
          expect(stderr).toMatch(new RegExp(`segment "B${BAD_SEGMENTS - 1}" at segments\\[${BAD_SEGMENTS}\\]\\.query.*\n$`));
        },
      },
    }),
  },
];

const BAD_SEGMENTS = 15_000;
const contactId = (i: number) => `contact-${String(i).padStart(7, '0')}`;

function writeFixtures(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'segment-studio-pipes-'));
  const data = path.join(folder, 'data');
  mkdirSync(data);
  writeFileSync(path.join(data, 'contact.csv'), `contactid\n${Array.from({ length: CONTACTS }, (_, i) => contactId(i)).join('\n')}\n`);
  const all = { name: 'All', kind: 'profile', query: { groups: [{}] } };
  const outsider = (s: number, m: number) => `outsider-${s}-${m}-${'x'.repeat(600)}`;
  const statics = Array.from({ length: STATIC_SEGMENTS }, (_, s) => ({
    name: `S${s}`,
    kind: 'static',
    members: Array.from({ length: 10 }, (_, m) => outsider(s, m)),
  }));
  writeFileSync(path.join(folder, 'good.json'), JSON.stringify({ version: 1, segments: [all, ...statics] }));
  const bad = Array.from({ length: BAD_SEGMENTS }, (_, s) => ({
    name: `B${s}`,
    kind: 'profile',
    query: { groups: [{ where: { field: `no_such_field_${s}`, op: 'eq', value: 'x' } }] },
  }));
  writeFileSync(path.join(folder, 'bad.json'), JSON.stringify({ version: 1, segments: [all, ...bad] }));
  return folder;
}

describe('command-line output through pipes', () => {
  let folder: string;
  beforeAll(() => {
    folder = writeFixtures();
  });

  it('lists every command of src/cli', () => {
    const entries = readdirSync(path.join(ROOT, 'src/cli')).filter((f) =>
      readFileSync(path.join(ROOT, 'src/cli', f), 'utf8').includes('process.argv'),
    );
    const covered = COMMANDS.map((c) => {
      const source = readFileSync(path.join(ROOT, 'scripts', c.script), 'utf8');
      return /src\/cli\/([\w-]+\.ts)/.exec(source)?.[1];
    });
    expect(entries.sort()).toEqual(covered.sort());
  });

  for (const command of COMMANDS) {
    describe(command.script, () => {
      const names = Object.keys(command.runs('/'));
      it.each(names)(
        '%s: whole through its own pipes and through | cat and | wc -c',
        async (name) => {
          const run = command.runs(folder)[name]!;
          const piped = await runPiped(command.script, run.args);
          expect(piped.status).toBe(run.status);
          expect(piped.stdout.length + piped.stderr.length).toBeGreaterThan(1_000_000);
          run.check(piped.stdout.toString('utf8'), piped.stderr.toString('utf8'));

          for (const stream of ['stdout', 'stderr'] as const) {
            const whole = piped[stream];
            const counted = runThroughShell(command.script, run.args, stream, 'wc -c');
            expect(counted.status).toBe(run.status);
            expect(Number(counted.output.toString().trim())).toBe(whole.length);
            const copied = runThroughShell(command.script, run.args, stream, 'cat');
            expect(copied.status).toBe(run.status);
            expect(copied.output.equals(whole)).toBe(true);
          }
        },
        240_000,
      );
    });
  }
});
