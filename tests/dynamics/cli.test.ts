/** `npm run dynamics` as DYNAMICS.md "Headless" fixes it: stdout, stderr and exit status. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureFiles } from '../helpers/fixture-data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let data: string;
let library: string;

function dynamics(args: string[], input = '') {
  const result = spawnSync('node', [path.join(root, 'scripts/dynamics.mjs'), ...args], { encoding: 'utf8', cwd: root, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  data = mkdtempSync(path.join(tmpdir(), 'dynamics-cli-'));
  for (const file of fixtureFiles()) writeFileSync(path.join(data, file.name), file.bytes);
  library = path.join(data, '..', `${path.basename(data)}-library.json`);
  writeFileSync(
    library,
    JSON.stringify({
      version: 1,
      segments: [
        {
          name: 'Seattle',
          kind: 'profile',
          status: 'live',
          query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'Seattle' } }] },
        },
        { name: 'Never', kind: 'interaction', status: 'live', query: { interaction: 'EmailOpened', count: { op: 'exactly', value: 0 } } },
        {
          name: 'Recent',
          kind: 'profile',
          query: { groups: [{ where: { field: 'createdon', op: 'inLast', value: { n: 3, unit: 'day' } } }] },
        },
      ],
    }),
  );
});

describe('npm run dynamics', () => {
  it('import prints a library with the segment, named NAME, and its definitions', () => {
    const text =
      'Opened = INTERACTION(EmailOpened, EmailOpened_ContactLink).HAVING(COUNT()>1, UTCDAYS(30))\nSEGMENT(Opened) UNION SEGMENT(Seattle)\n';
    const run = dynamics(['import', '--data', data, '--name', 'Mine'], text);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      segments: [
        {
          name: 'Mine',
          status: 'draft',
          timeZone: 'UTC',
          kind: 'compound',
          query: { steps: [{ segment: 'Opened' }, { combine: 'union', segment: 'Seattle' }] },
        },
        {
          name: 'Opened',
          status: 'live',
          timeZone: 'UTC',
          kind: 'interaction',
          query: {
            interaction: 'EmailOpened',
            relation: 'ContactId',
            count: { op: 'atLeast', value: 2 },
            window: { last: 30, unit: 'day' },
          },
        },
      ],
    });
    expect(JSON.parse(dynamics(['import', '--data', data], 'PROFILE(contact)').stdout).segments[0].name).toBe('Imported');
  }, 60_000);

  it('import refuses with exit status 1, nothing on stdout and line L, column C: message on stderr', () => {
    const run = dynamics(['import', '--data', data], "PROFILE(contact)\n  .FILTER(adress1_city == 'x')");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('line 2, column 11: unknown field "adress1_city" of contact; did you mean "address1_city"?\n');
  }, 60_000);

  it('export prints the text, or the parts that have no equivalent', () => {
    const run = dynamics(['export', '--data', data, '--segments', library, '--only', 'Never']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'Never_1 =\n  INTERACTION(EmailOpened, EmailOpened_ContactLink).HAVING(COUNT()>0)\nPROFILE(contact)\nEXCEPT SEGMENT(Never_1)\n',
    );
    const refused = dynamics(['export', '--data', data, '--segments', library, '--only', 'Recent']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^Recent has no Dynamics 365 equivalent:\nquery\.groups\[0\]\.where: the clause "createdon inLast"/);
  }, 60_000);

  it('refuses unknown commands, flags and segment names', () => {
    expect(dynamics(['convert']).stderr).toMatch(/unknown command "convert"/);
    expect(dynamics(['import', '--data', data, '--only', 'x']).stderr).toMatch(/unknown argument "--only"/);
    const run = dynamics(['export', '--data', data, '--segments', library, '--only', 'Seatle']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no segment named "Seatle".*did you mean "Seattle"/);
  }, 60_000);
});
