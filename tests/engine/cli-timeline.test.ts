/** `npm run evaluate -- --timeline FROM,TO,STEP` (SPEC §4) on the fixture data, written to a folder. */
import { describe, expect, it } from 'vitest';
import { evaluate, fixtureFolder } from '../helpers/cli-run';

const LIBRARY = {
  version: 1,
  segments: [
    { name: 'Opened', kind: 'interaction', status: 'live', query: { interaction: 'EmailOpened', window: { last: 7, unit: 'day' } } },
    { name: 'Vips', kind: 'static', status: 'live', members: ['c1', 'c2'] },
    {
      name: 'Both',
      kind: 'compound',
      status: 'live',
      query: { steps: [{ segment: 'Vips' }, { combine: 'intersect', segment: 'Opened' }] },
    },
  ],
};

describe('npm run evaluate --timeline', () => {
  const args = fixtureFolder(LIBRARY);

  it('prints { segments: [{ name, timeline: [{ at, count, entered, left }] }] } in library order', () => {
    const run = evaluate(...args, '--timeline', '2026-03-17,2026-03-31T12:00:00Z,week');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['segments']);
    expect(out.segments.map((s: { name: string }) => s.name)).toEqual(['Opened', 'Vips', 'Both']);
    // c1 opened on 20 March (e2) and 30 March (e1); c2 on 25 March (e5).
    expect(out.segments[0]).toEqual({
      name: 'Opened',
      timeline: [
        { at: '2026-03-17T00:00:00.000Z', count: 0, entered: 0, left: 0 },
        { at: '2026-03-24T00:00:00.000Z', count: 1, entered: 1, left: 0 },
        { at: '2026-03-31T00:00:00.000Z', count: 2, entered: 1, left: 0 },
      ],
    });
    expect(out.segments[1].timeline.map((p: { count: number; entered: number }) => [p.count, p.entered])).toEqual([
      [2, 2],
      [2, 0],
      [2, 0],
    ]);
  });

  it('prints NAME alone with --only', () => {
    const run = evaluate(...args, '--only', 'Both', '--timeline', '2026-03-24T00:00:00Z,2026-04-07T00:00:00Z,week');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      segments: [
        {
          name: 'Both',
          timeline: [
            { at: '2026-03-24T00:00:00.000Z', count: 1, entered: 1, left: 0 },
            { at: '2026-03-31T00:00:00.000Z', count: 2, entered: 1, left: 0 },
            { at: '2026-04-07T00:00:00.000Z', count: 0, entered: 0, left: 2 },
          ],
        },
      ],
    });
  });

  it.each([
    [['--timeline', '2026-01-01,2026-02-01,week', '--now', '2026-01-01T00:00:00Z'], /--timeline cannot be combined with --now/],
    [['--timeline', '2026-01-01,2026-02-01,week', '--members'], /--timeline cannot be combined with --members/],
    [['--timeline', '2026-01-01,2026-02-01,fortnight'], /STEP must be day, week or month/],
    [['--timeline', '2026-02-01,2026-01-01,day'], /TO .* is before FROM/],
    [['--timeline', '2026-01-01,2026-02-30,day'], /--timeline TO: "2026-02-30" is not an ISO timestamp/],
    [['--timeline', '2026-01-01,day'], /is not FROM,TO,STEP/],
    [['--timeline', '2000-01-01,2026-01-01,day'], /at most 1000 instants/],
    [['--timeline', '2026-01-01,2026-02-01,week', '--only', 'Nobody'], /unknown segment "Nobody"/],
  ])('refuses %j with exit status 1 and nothing on stdout', (extra, message) => {
    const run = evaluate(...args, ...extra);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
