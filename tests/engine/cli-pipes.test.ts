/**
 * Every command of `src/cli` writes its whole output into a pipe before it exits, however
 * large: several MB of stdout, and of stderr both on success (warnings) and on failure. A
 * reader that stops early (`| head`) ends the command quietly.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runPiped, runThroughShell } from '../helpers/cli-pipes';

const CONTACTS = 60_000;
const STATIC_SEGMENTS = 100;
const BAD_SEGMENTS = 8_000;
const CITIES = 20_000;

interface BigRun {
  readonly args: readonly string[];
  /** A file given on stdin. */
  readonly stdin?: string;
  readonly status: number;
  /** Checks the output is the whole of it, not only its size. */
  readonly check: (stdout: string, stderr: string) => void;
}

interface CliCommand {
  /** The script in `scripts/` that runs it. */
  readonly script: string;
  /** Runs whose stdout and stderr together are several times a pipe's 64 KiB buffer. */
  readonly runs: (folder: string) => Record<string, BigRun>;
}

const expectLastBadSegment = (stderr: string) =>
  expect(stderr).toMatch(new RegExp(`segment "B${BAD_SEGMENTS - 1}" at segments\\[${BAD_SEGMENTS}\\]\\.query.*\n$`));

/** One entry per command of `src/cli`; a new command adds its own (checked below). */
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
          expectLastBadSegment(stderr);
        },
      },
    }),
  },
  {
    script: 'dynamics.mjs',
    runs: (folder) => ({
      'export of a long condition': {
        args: ['export', '--data', path.join(folder, 'data'), '--segments', path.join(folder, 'cities.json'), '--only', 'Cities'],
        status: 0,
        check: (stdout, stderr) => {
          expect(stdout).toMatch(/^PROFILE\(contact\)\.FILTER\(city == 'city-0' \|\| /);
          expect(stdout).toContain(`city == 'city-${CITIES - 1}')`);
          expect(stderr).toBe('');
        },
      },
      'import of a long condition': {
        args: ['import', '--data', path.join(folder, 'data')],
        stdin: path.join(folder, 'cities.txt'),
        status: 0,
        check: (stdout) => {
          const library = JSON.parse(stdout) as { segments: { query: { groups: { where: { or: { value: string }[] } }[] } }[] };
          const values = library.segments[0]!.query.groups[0]!.where.or.map((c) => c.value);
          expect(values).toHaveLength(CITIES);
          expect(values.at(-1)).toBe(`city-${CITIES - 1}`);
        },
      },
      'export from an invalid library': {
        args: ['export', '--data', path.join(folder, 'data'), '--segments', path.join(folder, 'misshapen.json'), '--only', 'All'],
        status: 1,
        check: (stdout, stderr) => {
          expect(stdout).toBe('');
          expectLastBadSegment(stderr);
        },
      },
    }),
  },
];

const contactId = (i: number) => `contact-${String(i).padStart(7, '0')}`;
const city = (i: number) => `city-${i}`;

function writeFixtures(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'segment-studio-pipes-'));
  const data = path.join(folder, 'data');
  mkdirSync(data);
  const contacts = Array.from({ length: CONTACTS }, (_, i) => `${contactId(i)},${city(i % CITIES)}`);
  writeFileSync(path.join(data, 'contact.csv'), `contactid,city\n${contacts.join('\n')}\n`);
  const all = { name: 'All', kind: 'profile', status: 'live', query: { groups: [{}] } };
  const outsider = (s: number, m: number) => `outsider-${s}-${m}-${'x'.repeat(1000)}`;
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
  const misshapen = bad.map((segment) => ({ ...segment, query: { groups: [{ wher: segment.query.groups[0]!.where }] } }));
  writeFileSync(path.join(folder, 'misshapen.json'), JSON.stringify({ version: 1, segments: [all, ...misshapen] }));
  const cities = Array.from({ length: CITIES }, (_, i) => city(i));
  const citiesSegment = {
    name: 'Cities',
    kind: 'profile',
    status: 'live',
    query: { groups: [{ where: { field: 'city', op: 'in', value: cities } }] },
  };
  writeFileSync(path.join(folder, 'cities.json'), JSON.stringify({ version: 1, segments: [citiesSegment] }));
  writeFileSync(path.join(folder, 'cities.txt'), `PROFILE(contact).FILTER(${cities.map((c) => `city == '${c}'`).join(' || ')})\n`);
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
      return `${/runCli\('([\w-]+)'\)/.exec(source)?.[1]}.ts`;
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
          const piped = await runPiped(command.script, run.args, run.stdin);
          expect(piped.status).toBe(run.status);
          expect(piped.stdout.length + piped.stderr.length).toBeGreaterThan(400_000);
          run.check(piped.stdout.toString('utf8'), piped.stderr.toString('utf8'));

          // The larger stream through `| wc -c`, both through `| cat`.
          const larger = piped.stdout.length >= piped.stderr.length ? 'stdout' : 'stderr';
          const counted = runThroughShell(command.script, run.args, larger, 'wc -c', run.stdin);
          expect(counted.status).toBe(run.status);
          expect(Number(counted.output.toString().trim())).toBe(piped[larger].length);
          for (const stream of ['stdout', 'stderr'] as const) {
            const copied = runThroughShell(command.script, run.args, stream, 'cat', run.stdin);
            expect(copied.status).toBe(run.status);
            expect(copied.output.equals(piped[stream])).toBe(true);
          }
        },
        600_000,
      );

      it('ends quietly when the reader stops early (| head)', () => {
        const [name, run] = Object.entries(command.runs(folder)).find(([, r]) => r.status === 0)!;
        const script = path.join(ROOT, 'scripts', command.script);
        const input = run.stdin ? `< '${run.stdin}'` : '< /dev/null';
        const line = `node '${script}' ${run.args.map((a) => `'${a}'`).join(' ')} ${input} 2>"$ERR" | head -c 100 > /dev/null; echo \${PIPESTATUS[0]}`;
        const errFile = path.join(folder, `${command.script}-${name.replaceAll(' ', '-')}.err`);
        const result = spawnShell(line, errFile);
        expect(readFileSync(errFile, 'utf8')).not.toMatch(/EPIPE|Error|at /);
        expect(result.trim()).toBe('0');
      }, 300_000);
    });
  }
});

function spawnShell(line: string, errFile: string): string {
  return spawnSync('bash', ['-c', line], { cwd: ROOT, env: { ...process.env, ERR: errFile }, encoding: 'utf8' }).stdout;
}
