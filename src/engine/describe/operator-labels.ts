/** How operators, count tests, measures and time units read in the designer and in descriptions. */
import type { Combine, CountTest, Measure, Operator, TimeUnit } from '../library-schema';

export const OPERATOR_LABELS: Record<Operator, string> = {
  eq: 'equals',
  neq: 'does not equal',
  in: 'is any of',
  notIn: 'is none of',
  contains: 'contains',
  notContains: 'does not contain',
  beginsWith: 'begins with',
  endsWith: 'ends with',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is more than',
  gte: 'is at least',
  between: 'is between',
  isTrue: 'is yes',
  isFalse: 'is no',
  on: 'is on',
  before: 'is before',
  after: 'is after',
  onOrBefore: 'is on or before',
  onOrAfter: 'is on or after',
  inLast: 'is in the last',
  notInLast: 'is not in the last',
  containsAny: 'contains any of',
  containsAll: 'contains all of',
  containsNone: 'contains none of',
  isNull: 'is empty',
  isNotNull: 'has a value',
};

export const COMBINE_LABELS: Record<Combine, string> = {
  union: 'Union (add)',
  intersect: 'Intersect (keep only shared)',
  exclude: 'Exclude (remove)',
};

export const COUNT_OP_LABELS: Record<CountTest['op'], string> = {
  atLeast: 'at least',
  exactly: 'exactly',
  atMost: 'at most',
  between: 'between',
};

export const MEASURE_LABELS: Record<Measure['agg'], string> = {
  count: 'number of interactions',
  countDistinct: 'number of distinct values of',
  sum: 'total (sum) of',
  avg: 'average of',
  min: 'smallest value of',
  max: 'largest value of',
};

export function unitLabel(unit: TimeUnit, n: number): string {
  return n === 1 ? unit : `${unit}s`;
}

export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** "contact" for 1, "contacts" otherwise: the one plural rule every count in the app follows. */
export function nounFor(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}

/** "1 contact", "2,500 contacts". */
export function countOf(n: number, noun: string): string {
  return `${formatNumber(n)} ${nounFor(n, noun)}`;
}
