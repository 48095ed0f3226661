/** Small live segments for tests about references: compounds of other segments, and a city test. */
import type { Segment } from '../../src/engine/library-schema';

/** A compound segment: the union of `uses`, in order. */
export const compound = (name: string, ...uses: string[]): Segment => ({
  name,
  kind: 'compound',
  status: 'live',
  timeZone: 'UTC',
  query: { steps: uses.map((segment, i) => (i === 0 ? { segment } : { segment, combine: 'union' as const })) },
});

/** A profile segment: contacts whose city is `value`. */
export const cityProfile = (name: string, value: string): Segment => ({
  name,
  kind: 'profile',
  status: 'live',
  timeZone: 'UTC',
  query: { groups: [{ where: { field: 'address1_city', op: 'eq', value } }] },
});
