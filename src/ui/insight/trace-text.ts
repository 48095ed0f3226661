/** Words for the values a trace shows. */
import { describeCount, describeValue } from '../../engine/describe/describe-condition';
import { MEASURE_LABELS } from '../../engine/describe/operator-labels';
import type { Effect, InteractionTrace, TraceValue } from '../../engine/explain/trace';

export function traceValue(value: TraceValue): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return value.length ? `[${value.map(traceValue).join(', ')}]` : '[] (empty list)';
  return describeValue(value);
}

export const EFFECT_TEXT: Record<Effect, string> = {
  admitted: 'admitted the contact',
  removed: 'removed the contact',
  kept: 'kept the contact in',
  none: 'left the contact out',
};

export function measureText(trace: InteractionTrace): string {
  const measure = trace.measure.agg === 'count' ? 'matching interactions' : `${MEASURE_LABELS[trace.measure.agg]} ${trace.measure.field}`;
  const value = trace.value === null ? 'no value' : trace.value.toLocaleString('en-US');
  return `${measure}: ${value}, needs ${describeCount(trace.count)}`;
}
