/** Dependency order of segments: every compound after the segments it uses. */
import type { Library, Segment, SegmentInput } from './library-schema';

/** The segments a segment uses directly (a compound's steps). */
export function dependencies(segment: Segment | SegmentInput | undefined): string[] {
  return segment?.kind === 'compound' ? segment.query.steps.map((s) => s.segment) : [];
}

/** Every segment a segment uses, directly or through others, each once, nearest first; a cycle stops where it closes. */
export function usedSegments(segment: Segment | SegmentInput, lookup: (name: string) => Segment | SegmentInput | undefined): string[] {
  const used: string[] = [];
  const seen = new Set<string>([segment.name]);
  const queue = dependencies(segment);
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    used.push(name);
    queue.push(...dependencies(lookup(name)));
  }
  return used;
}

/** The segments to evaluate, dependencies first; with `only`, just what that one needs. */
export function evaluationOrder(library: Library, only?: string): Segment[] {
  const byName = new Map(library.segments.map((s) => [s.name, s]));
  const order: Segment[] = [];
  const visited = new Set<string>();
  const visit = (name: string) => {
    const segment = byName.get(name);
    if (!segment || visited.has(name)) return;
    visited.add(name);
    dependencies(segment).forEach(visit);
    order.push(segment);
  };
  (only === undefined ? library.segments.map((s) => s.name) : [only]).forEach(visit);
  return order;
}

export interface ReferenceCycle {
  /** The segment where the cycle closes. */
  readonly at: string;
  /** From `at` back to it: `A, B, A`. */
  readonly names: readonly string[];
}

/** Every reference cycle reached from `roots`, each reported once where it closes (depth first, steps in order). */
export function referenceCycles(roots: readonly string[], lookup: (name: string) => Segment | SegmentInput | undefined): ReferenceCycle[] {
  const cycles: ReferenceCycle[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: readonly string[]): void => {
    const segment = lookup(name);
    if (segment?.kind !== 'compound' || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      cycles.push({ at: name, names: [...trail.slice(trail.indexOf(name)), name] });
      return;
    }
    state.set(name, 'visiting');
    for (const dep of dependencies(segment)) visit(dep, [...trail, name]);
    state.set(name, 'done');
  };
  for (const root of roots) visit(root, []);
  return cycles;
}

/**
 * A segment's definition together with those of every segment it uses, directly or through
 * others: on the same data at the same instant, equal keys mean equal members.
 */
export function definitionKey(segment: Segment | SegmentInput, lookup: (name: string) => Segment | SegmentInput | undefined): string {
  return JSON.stringify([segment, usedSegments(segment, lookup).map((name) => lookup(name) ?? `${name}:missing`)]);
}
