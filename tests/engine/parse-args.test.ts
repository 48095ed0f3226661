/** `--now` and `--timeline` take ISO instants that exist on the calendar, nothing rolled over. */
import { describe, expect, it } from 'vitest';
import { parseArgs, parseInstant, UsageError } from '../../src/cli/parse-args';

const utc = (iso: string) => Date.parse(iso);

describe('parseInstant', () => {
  it.each([
    ['2026-11-29', '2026-11-29T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['2026-03-31T23:59:59Z', '2026-03-31T23:59:59.000Z'],
    ['2026-03-31T12:00', '2026-03-31T12:00:00.000Z'],
    ['2026-03-31 12:00:00', '2026-03-31T12:00:00.000Z'],
    ['2026-03-31t12:00:00z', '2026-03-31T12:00:00.000Z'],
    ['2026-03-31T12:00:00+02:00', '2026-03-31T10:00:00.000Z'],
    ['2026-03-31T12:00:00-0530', '2026-03-31T17:30:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2026-03-31T12:00:00.5Z', '2026-03-31T12:00:00.500Z'],
    ['2026-03-31T12:00:00.123456789Z', '2026-03-31T12:00:00.123Z'],
    ['2026-03-31T12:00:00.999999Z', '2026-03-31T12:00:00.999Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
    ['0050-06-15T08:00:00Z', '0050-06-15T08:00:00.000Z'],
    ['0099-12-31T23:59:59Z', '0099-12-31T23:59:59.000Z'],
    ['0048-02-29', '0048-02-29T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(new Date(parseInstant(text, '--now')).toISOString()).toBe(iso);
    expect(parseInstant(text, '--now')).toBe(utc(iso));
  });

  it.each([
    '2026-02-31',
    '2026-02-29',
    '1900-02-29',
    '0050-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-03-31T24:00:00Z',
    '2026-03-31T24:00',
    '2026-03-31T23:60:00Z',
    '2026-03-31T23:59:60Z',
    '2026-03-31T12:00:00+24:00',
    '2026-03-31T12:00:00+01:60',
    '2026-03-31T12:00:00.Z',
    '2026-03-31T12:00:00.1234567890Z',
    '2026-3-31',
    '26-03-31',
    '+010000-01-01',
    'tomorrow',
    '',
  ])('refuses %j naming the flag', (text) => {
    expect(() => parseInstant(text, '--now')).toThrow(UsageError);
    expect(() => parseInstant(text, '--now')).toThrow(`--now: "${text}" is not an ISO timestamp`);
  });

  it('takes --now through parseArgs, and refuses a rolled-over date there too', () => {
    expect(parseArgs(['--data', 'd', '--segments', 's', '--now', '2028-02-29T06:00:00Z']).now).toBe(utc('2028-02-29T06:00:00Z'));
    expect(() => parseArgs(['--data', 'd', '--segments', 's', '--now', '2026-02-31'])).toThrow(/--now: "2026-02-31"/);
    expect(() => parseArgs(['--data', 'd', '--segments', 's', '--timeline', '2026-01-01,2026-02-30,week'])).toThrow(
      /--timeline TO: "2026-02-30"/,
    );
  });
});
