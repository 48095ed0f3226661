/** Hand-checked facts for the reference's own calendar arithmetic, so the oracle is not taken on trust. */
import { describe, expect, it } from 'vitest';
import { lowerLikeDuckDb } from './ref-text';
import { dayOf, instantOfWall, parseRefDateValue, relativeDay, relativeInstant, wallOf } from './ref-time';

const utc = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

describe('reference time arithmetic', () => {
  it('reads local clocks and calendar days in a zone', () => {
    expect(iso(wallOf(utc('2026-03-08T07:00:00.001Z'), 'America/New_York'))).toBe('2026-03-08T03:00:00.001Z');
    expect(dayOf(utc('2026-03-20T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-03-21');
    expect(dayOf(utc('2026-03-20T14:59:59.999Z'), 'Asia/Tokyo')).toBe('2026-03-20');
  });

  it('turns local clock readings into instants: gaps move forward, repeated readings take the earlier', () => {
    expect(iso(instantOfWall(utc('2026-03-08T00:00:00Z'), 'America/New_York'))).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(instantOfWall(utc('2026-03-09T00:00:00Z'), 'America/New_York'))).toBe('2026-03-09T04:00:00.000Z');
    expect(iso(instantOfWall(utc('2026-03-08T02:30:00Z'), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(instantOfWall(utc('2026-11-01T01:30:00Z'), 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(instantOfWall(utc('2026-10-04T02:15:00Z'), 'Australia/Lord_Howe'))).toBe('2026-10-03T15:45:00.000Z');
    expect(iso(instantOfWall(utc('2026-10-04T02:45:00Z'), 'Australia/Lord_Howe'))).toBe('2026-10-03T15:45:00.000Z');
  });

  it('subtracts calendar units on the local clock, clamping months and years', () => {
    expect(iso(relativeInstant(utc('2026-03-31T12:00:00Z'), 1, 'month', 'UTC'))).toBe('2026-02-28T12:00:00.000Z');
    expect(iso(relativeInstant(utc('2024-03-31T12:00:00Z'), 1, 'month', 'UTC'))).toBe('2024-02-29T12:00:00.000Z');
    expect(iso(relativeInstant(utc('2024-02-29T12:00:00Z'), 1, 'year', 'UTC'))).toBe('2023-02-28T12:00:00.000Z');
    expect(iso(relativeInstant(utc('2026-01-15T00:00:00Z'), 13, 'month', 'UTC'))).toBe('2024-12-15T00:00:00.000Z');
    expect(iso(relativeInstant(utc('2026-03-31T12:00:00Z'), 1, 'month', 'America/New_York'))).toBe('2026-02-28T13:00:00.000Z');
    expect(iso(relativeInstant(utc('2026-03-09T06:30:00Z'), 1, 'day', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(relativeInstant(utc('2026-03-15T12:00:00Z'), 1, 'week', 'Europe/Berlin'))).toBe('2026-03-08T12:00:00.000Z');
    expect(relativeDay(utc('2026-03-31T02:00:00Z'), 1, 'day', 'America/New_York')).toBe('2026-03-29');
    expect(relativeDay(utc('2026-05-31T20:00:00Z'), 3, 'month', 'Asia/Tokyo')).toBe('2026-03-01');
  });

  it('parses date values with and without a zone', () => {
    expect(parseRefDateValue('2026-03-08')).toEqual({ kind: 'date', day: '2026-03-08' });
    expect(parseRefDateValue('2026-03-08T01:30:00-05:00')).toEqual({ kind: 'instant', instant: utc('2026-03-08T06:30:00Z') });
    expect(parseRefDateValue('2026-03-08T01:30+0530')).toEqual({ kind: 'instant', instant: utc('2026-03-07T20:00:00Z') });
    expect(parseRefDateValue('2026-03-08T01:30:00.25Z')).toEqual({ kind: 'instant', instant: utc('2026-03-08T01:30:00.250Z') });
  });

  it('lowercases per code point like DuckDB', () => {
    expect(lowerLikeDuckDb('İSTANBUL ΣΑΣ \u212A')).toBe('istanbul σασ k');
  });
});
