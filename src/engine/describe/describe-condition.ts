/**
 * Natural-language rendering of conditions (SPEC §3), for the designer's "Sentence" view and
 * summaries. Pure: values from the data stay plain text and are never interpreted.
 */
import { VALUELESS_OPS, type Condition, type CountTest, type FieldClause, type InteractionQuery, type Window } from '../library-schema';
import { COUNT_OP_LABELS, formatNumber, OPERATOR_LABELS, unitLabel } from './operator-labels';

/** One line of the outline view, with the lines nested under it. */
export interface DescriptionLine {
  readonly text: string;
  readonly children: readonly DescriptionLine[];
}

const MISSING = '…';

export function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return MISSING;
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? MISSING : value.map(describeValue).join(', ');
  if (typeof value === 'object' && 'n' in value && 'unit' in value) {
    const { n, unit } = value as { n: unknown; unit: unknown };
    if (typeof n === 'number' && (unit === 'day' || unit === 'week' || unit === 'month' || unit === 'year'))
      return `${formatNumber(n)} ${unitLabel(unit, n)}`;
  }
  return JSON.stringify(value);
}

export function describeClause(clause: FieldClause): string {
  const op = OPERATOR_LABELS[clause.op] ?? clause.op;
  if (VALUELESS_OPS.includes(clause.op)) return `${clause.field} ${op}`;
  if (clause.op === 'between' && Array.isArray(clause.value)) {
    return `${clause.field} ${op} ${describeValue(clause.value[0])} and ${describeValue(clause.value[1])}`;
  }
  return `${clause.field} ${op} ${describeValue(clause.value)}`;
}

export function describeCount(count: CountTest | undefined): string {
  if (!count || (count.op === 'atLeast' && count.value === 1)) return 'at least one';
  if (count.op === 'between') return `between ${formatNumber(count.value[0])} and ${formatNumber(count.value[1])}`;
  if (count.op === 'exactly' && count.value === 0) return 'no';
  return `${COUNT_OP_LABELS[count.op]} ${formatNumber(count.value)}`;
}

/** Whether the count reads with a singular noun: "at least one email", "exactly 1 email". */
export function singular(count: CountTest | undefined): boolean {
  return !count || (count.op !== 'between' && count.value === 1);
}

export function describeWindow(window: Window | undefined): string {
  if (!window) return '';
  if ('last' in window) return ` in the last ${formatNumber(window.last)} ${unitLabel(window.unit, window.last)}`;
  if (window.from && window.to) return ` between ${window.from} and ${window.to}`;
  if (window.from) return ` since ${window.from}`;
  if (window.to) return ` up to ${window.to}`;
  return '';
}

/** "has at least 3 EmailOpened interactions in the last 30 days" (without the restrictions). */
export function describeInteractionHead(query: InteractionQuery): string {
  const type = query.interaction || MISSING;
  const via = query.relation ? ` (as ${query.relation})` : '';
  const when = describeWindow(query.window);
  const measure = query.measure ?? { agg: 'count' as const };
  const test = describeCount(query.count);
  switch (measure.agg) {
    case 'count':
      return `has ${test} ${type} interaction${singular(query.count) ? '' : 's'}${via}${when}`;
    case 'countDistinct':
      return `has ${type} interactions${via}${when} with ${test} distinct ${measure.field || MISSING} value${singular(query.count) ? '' : 's'}`;
    default: {
      const what = { sum: 'total', avg: 'average', min: 'smallest', max: 'largest' }[measure.agg];
      return `has ${type} interactions${via}${when} whose ${what} ${measure.field || MISSING} is ${test === 'no' ? 'exactly 0' : test}`;
    }
  }
}

function relatedHead(condition: Extract<Condition, { related: string }>): string {
  return `has a related ${condition.related} (via ${condition.via}${condition.reverse ? ', reversed' : ''})`;
}

/** The whole condition as one sentence, with parentheses around nested groups. */
export function describeCondition(condition: Condition): string {
  if ('and' in condition || 'or' in condition) {
    const [items, joiner] = 'and' in condition ? [condition.and, ' and '] : [condition.or, ' or '];
    return items
      .map((c) => (('and' in c || 'or' in c) && items.length > 1 ? `(${describeCondition(c)})` : describeCondition(c)))
      .join(joiner);
  }
  if ('not' in condition) return `not (${describeCondition(condition.not)})`;
  if ('field' in condition) return describeClause(condition);
  if ('related' in condition) {
    const head = relatedHead(condition);
    return condition.where ? `${head} where ${describeCondition(condition.where)}` : head;
  }
  const head = describeInteractionHead(condition);
  return condition.where ? `${head}, where ${describeCondition(condition.where)}` : head;
}

function line(text: string, children: readonly DescriptionLine[] = []): DescriptionLine {
  return { text, children };
}

/** The children of a list that its parent already says "all of" about. */
function allOf(condition: Condition): DescriptionLine[] {
  return 'and' in condition ? condition.and.map(outlineCondition) : [outlineCondition(condition)];
}

/** The condition as an outline: one line per clause, groups as headings. */
export function outlineCondition(condition: Condition): DescriptionLine {
  if ('and' in condition) return line('All of these are true:', condition.and.map(outlineCondition));
  if ('or' in condition) return line('At least one of these is true:', condition.or.map(outlineCondition));
  if ('not' in condition) return line('This is not true:', [outlineCondition(condition.not)]);
  if ('field' in condition) return line(describeClause(condition));
  if ('related' in condition) {
    if (!condition.where) return line(relatedHead(condition));
    return line(`${relatedHead(condition)}; the same ${condition.related} must match all of these:`, allOf(condition.where));
  }
  const head = describeInteractionHead(condition);
  return condition.where ? line(`${head}, counting only interactions where all of these hold:`, allOf(condition.where)) : line(head);
}
