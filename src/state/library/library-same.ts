/** Whether two definitions say the same thing, whatever their key order and lifecycle status. */
import type { SegmentInput } from '../../engine/library-schema';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function sameDefinition(a: SegmentInput, b: SegmentInput): boolean {
  const strip = (s: SegmentInput) => canonical({ ...s, status: undefined, timeZone: s.timeZone ?? 'UTC' });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
