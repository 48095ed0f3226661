/** What the overlap views show, worked out from the size of each intersection (by bit mask). */
import type { CompoundSegment } from '../../engine/library-schema';

export const MIN_OVERLAP = 2;
export const MAX_OVERLAP = 8;

export interface Intersection {
  /** Bit i set: in the i-th chosen segment. */
  readonly mask: number;
  /** The chosen segments it is in, in the chosen order. */
  readonly segments: readonly string[];
  /** Contacts in exactly these segments and none of the other chosen ones. */
  readonly size: number;
}

export interface PairCell {
  /** Contacts in both. */
  readonly both: number;
  /** `both` as a share of the row segment's size (1 on the diagonal). */
  readonly share: number;
}

export function inMask(mask: number, index: number): boolean {
  return (mask & (1 << index)) !== 0;
}

/** Every non-empty intersection, largest first. */
export function intersections(names: readonly string[], sizes: Iterable<readonly [mask: number, size: number]>): Intersection[] {
  return [...sizes]
    .filter(([mask, size]) => mask > 0 && size > 0)
    .map(([mask, size]) => ({ mask, size, segments: names.filter((_, i) => inMask(mask, i)) }))
    .sort((a, b) => b.size - a.size || a.mask - b.mask);
}

/** Members of each chosen segment. */
export function segmentSizes(names: readonly string[], parts: readonly Intersection[]): number[] {
  return names.map((_, i) => parts.filter((p) => inMask(p.mask, i)).reduce((n, p) => n + p.size, 0));
}

/** Rows and columns in the chosen order: how many are in both, and the share of the row's segment. */
export function pairMatrix(names: readonly string[], parts: readonly Intersection[]): PairCell[][] {
  const sizes = segmentSizes(names, parts);
  return names.map((_, i) =>
    names.map((_, j) => {
      const both = parts.filter((p) => inMask(p.mask, i) && inMask(p.mask, j)).reduce((n, p) => n + p.size, 0);
      return { both, share: sizes[i] ? both / sizes[i]! : 0 };
    }),
  );
}

/** The compound steps selecting exactly one intersection: intersect the segments it is in, exclude the others. */
export function intersectionSteps(names: readonly string[], mask: number): CompoundSegment['query']['steps'] {
  const inside = names.filter((_, i) => inMask(mask, i));
  const outside = names.filter((_, i) => !inMask(mask, i));
  return [
    { segment: inside[0]! },
    ...inside.slice(1).map((segment) => ({ combine: 'intersect' as const, segment })),
    ...outside.map((segment) => ({ combine: 'exclude' as const, segment })),
  ];
}
