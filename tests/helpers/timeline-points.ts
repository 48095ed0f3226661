/** A timeline worked out from the members at each instant, the way SPEC §4 defines it. */
import type { TimelinePoint } from '../../src/data/timeline';

export function pointsFromMembers(instants: readonly number[], members: readonly ReadonlySet<string>[]): TimelinePoint[] {
  return instants.map((instant, k) => {
    const now = members[k]!;
    const before = k === 0 ? new Set<string>() : members[k - 1]!;
    return {
      at: new Date(instant).toISOString(),
      count: now.size,
      entered: [...now].filter((id) => !before.has(id)).length,
      left: [...before].filter((id) => !now.has(id)).length,
    };
  });
}
