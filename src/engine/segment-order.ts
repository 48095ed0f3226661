/** Dependency order of segments: every compound after the segments it uses. */
import type { Library, Segment } from './library-schema';

export function dependencies(segment: Segment): string[] {
  return segment.kind === 'compound' ? segment.query.steps.map((s) => s.segment) : [];
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
