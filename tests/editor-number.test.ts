import { describe, expect, it } from 'vitest';
import { readNumberEntry, textShowsNumber } from '../src/state/designer/editor-number';
import { setInteractionType, setMeasure } from '../src/state/designer/editor-segment';
import type { Catalog } from '../src/engine/catalog';
import type { InteractionQuery } from '../src/engine/library-schema';

describe('a number field while the user types', () => {
  const count = { whole: true, min: 0, blank: 'clears' as const };
  it('applies each number the field accepts', () => {
    expect(readNumberEntry('1', false, count)).toEqual({ kind: 'number', value: 1 });
    expect(readNumberEntry('12', false, count)).toEqual({ kind: 'number', value: 12 });
    expect(readNumberEntry(' 0 ', false, count)).toEqual({ kind: 'number', value: 0 });
    expect(readNumberEntry('-2.5', false, {})).toEqual({ kind: 'number', value: -2.5 });
    expect(readNumberEntry('1e3', false, {})).toEqual({ kind: 'number', value: 1000 });
  });
  it('shows partial or unfit text as an error instead of applying it', () => {
    expect(readNumberEntry('', true, count)).toEqual({ kind: 'invalid', message: 'Not a number yet' });
    expect(readNumberEntry('abc', false, {})).toEqual({ kind: 'invalid', message: 'Not a number' });
    expect(readNumberEntry('2.5', false, count)).toEqual({ kind: 'invalid', message: 'Enter a whole number' });
    expect(readNumberEntry('-1', false, count)).toEqual({ kind: 'invalid', message: 'Enter 0 or more' });
    expect(readNumberEntry('0', false, { whole: true, min: 1 })).toEqual({ kind: 'invalid', message: 'Enter 1 or more' });
    expect(readNumberEntry('Infinity', false, {})).toEqual({ kind: 'invalid', message: 'Not a number' });
  });
  it('an empty field clears where that means something, and is an error elsewhere', () => {
    expect(readNumberEntry('', false, count)).toEqual({ kind: 'blank' });
    expect(readNumberEntry('  ', false, { whole: true, min: 1 })).toEqual({ kind: 'invalid', message: 'Enter a number' });
  });
  it('leaves the text alone while it already says the applied number', () => {
    expect(textShowsNumber('1.50', 1.5)).toBe(true);
    expect(textShowsNumber('1.', 1)).toBe(true);
    expect(textShowsNumber('007', 7)).toBe(true);
    expect(textShowsNumber('', undefined)).toBe(true);
    expect(textShowsNumber('', 0)).toBe(false);
    expect(textShowsNumber('2', 3)).toBe(false);
    expect(textShowsNumber('1', undefined)).toBe(false);
  });
});

describe('switching a measure resets a threshold in other units', () => {
  const base: InteractionQuery = { interaction: 'Purchase', count: { op: 'atLeast', value: 500 } };
  it('from a field value to a count of things, and back', () => {
    const sum = { ...base, measure: { agg: 'sum' as const, field: 'Amount' } };
    expect(setMeasure(sum, { agg: 'countDistinct', field: 'Product' })).toEqual({
      interaction: 'Purchase',
      measure: { agg: 'countDistinct', field: 'Product' },
    });
    expect(setMeasure(sum, { agg: 'count' })).toEqual({ interaction: 'Purchase' });
    expect(setMeasure(base, { agg: 'sum', field: 'Amount' })).toEqual({
      interaction: 'Purchase',
      measure: { agg: 'sum', field: 'Amount' },
    });
  });
  it('from one field to another', () => {
    const sum = { ...base, measure: { agg: 'sum' as const, field: 'Amount' } };
    expect(setMeasure(sum, { agg: 'sum', field: 'Quantity' })).not.toHaveProperty('count');
  });
  it('keeps it in the same units: count and distinct count, or aggregates of one field', () => {
    const between = { ...base, count: { op: 'between' as const, value: [2, 4] as [number, number] } };
    expect(setMeasure(between, { agg: 'countDistinct', field: 'Product' }).count).toEqual({ op: 'between', value: [2, 4] });
    const avg = { ...base, measure: { agg: 'avg' as const, field: 'Amount' } };
    expect(setMeasure(avg, { agg: 'max', field: 'Amount' })).toEqual({ ...base, measure: { agg: 'max', field: 'Amount' } });
    const distinct = { ...base, measure: { agg: 'countDistinct' as const, field: 'Product' } };
    expect(setMeasure(distinct, { agg: 'count' })).toEqual(base);
  });
  it('a new interaction type that lacks the measured field drops the measure and its threshold', () => {
    const catalog = {
      interactions: {
        types: {
          Purchase: { table: 'p', fields: { Amount: 'number' }, links: ['ContactId'] },
          Visit: { table: 'v', fields: { Duration: 'number' }, links: ['ContactId'] },
        },
      },
    } as unknown as Catalog;
    const sum = { ...base, measure: { agg: 'sum' as const, field: 'Amount' } };
    expect(setInteractionType(sum, 'Visit', catalog)).toEqual({ interaction: 'Visit' });
  });
});
