/** What an interaction query's `count` compares (SPEC §3 "Interaction query": measure and count). */
import type { RefRow, RefValue } from './ref-data';

export type RefMeasure = { agg: 'count' } | { agg: 'countDistinct' | 'sum' | 'avg' | 'min' | 'max'; field: string };
export type RefCountTest = { op: 'atLeast' | 'exactly' | 'atMost'; value: number } | { op: 'between'; value: [number, number] };

/** A value's identity for DISTINCT: lists compare element by element, nulls inside them included. */
function distinctKey(value: RefValue): string {
  return `${typeof value}:${JSON.stringify(value)}`;
}

/**
 * The measure over one contact's matching interactions (possibly none). Counts are 0 over
 * nothing; sum, avg, min and max ignore nulls and have no value when nothing non-null is left.
 */
export function measureOf(rows: readonly RefRow[], measure: RefMeasure): number | undefined {
  if (measure.agg === 'count') return rows.length;
  const values = rows.map((r) => r[measure.field] ?? null).filter((v): v is Exclude<RefValue, null> => v !== null);
  if (measure.agg === 'countDistinct') return new Set(values.map(distinctKey)).size;
  const numbers = values.map((v) => (typeof v === 'number' ? v : Number.NaN));
  if (numbers.some(Number.isNaN)) throw new Error(`reference: ${measure.agg} of a non-numeric field ${measure.field}`);
  if (numbers.length === 0) return undefined;
  const sum = numbers.reduce((a, b) => a + b, 0);
  switch (measure.agg) {
    case 'sum':
      return sum;
    case 'avg':
      return sum / numbers.length;
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
  }
}

export function countTestHolds(value: number, test: RefCountTest): boolean {
  switch (test.op) {
    case 'atLeast':
      return value >= test.value;
    case 'exactly':
      return value === test.value;
    case 'atMost':
      return value <= test.value;
    case 'between':
      return test.value[0] <= value && value <= test.value[1];
  }
}
