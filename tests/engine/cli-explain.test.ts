/** `npm run evaluate -- --only NAME --explain KEY` (SPEC §4) on the fixture data, written to a folder. */
import { describe, expect, it } from 'vitest';
import { evaluate, fixtureFolder } from '../helpers/cli-run';

const LIBRARY = {
  version: 1,
  segments: [
    {
      name: 'SeattleEmailable',
      kind: 'profile',
      status: 'live',
      query: {
        groups: [
          { where: { field: 'address1_city', op: 'eq', value: 'Seattle' } },
          { combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } },
        ],
      },
    },
    { name: 'Opened', kind: 'interaction', status: 'live', query: { interaction: 'EmailOpened', window: { last: 30, unit: 'day' } } },
    {
      name: 'Both',
      kind: 'compound',
      status: 'live',
      query: { steps: [{ segment: 'SeattleEmailable' }, { combine: 'intersect', segment: 'Opened' }] },
    },
  ],
};

describe('npm run evaluate --explain', () => {
  const args = fixtureFolder(LIBRARY);

  it('prints { now, segment, contact, member, trace } for a member and a non-member', () => {
    const run = evaluate(...args, '--now', '2026-03-31T12:00:00Z', '--only', 'Both', '--explain', 'c1');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['now', 'segment', 'contact', 'member', 'trace']);
    expect(out).toMatchObject({ now: '2026-03-31T12:00:00.000Z', segment: 'Both', contact: 'c1', member: true });
    expect(out.trace.kind).toBe('compound');
    expect(out.trace.steps[1].trace).toMatchObject({ kind: 'interaction', holds: true, total: 3, value: 3 });

    const c2 = JSON.parse(evaluate(...args, '--now', '2026-03-31T12:00:00Z', '--only', 'SeattleEmailable', '--explain', 'c2').stdout);
    expect(c2).toMatchObject({ member: false, trace: { holds: false, groups: [{ effect: 'admitted' }, { effect: 'removed' }] } });
  });

  it.each([
    [['--only', 'Both', '--explain', 'c42'], /unknown contact "c42"/],
    [['--only', 'Both', '--explain', 'C1'], /did you mean "c1"/],
    [['--explain', 'c1'], /--explain needs --only NAME/],
    [['--only', 'Nobody', '--explain', 'c1'], /unknown segment "Nobody"/],
    [['--only', 'Both', '--explain'], /--explain needs a value/],
    [['--only', 'Both', '--explain', 'c1', '--timeline', '2026-01-01,2026-02-01,week'], /--timeline cannot be combined with --explain/],
  ])('refuses %j with exit status 1 and nothing on stdout', (extra, message) => {
    const run = evaluate(...args, ...extra);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('reports a library error as plain evaluate does', () => {
    const bad = fixtureFolder({ version: 1, segments: [{ name: 'A', kind: 'interaction', query: { interaction: 'EmailOpend' } }] });
    const run = evaluate(...bad, '--only', 'A', '--explain', 'c1');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/invalid library:[\s\S]*did you mean "EmailOpened"/);
  });
});
