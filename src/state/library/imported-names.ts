/**
 * Segments imported together (a Dynamics query's segment and its named definitions) get names
 * no segment of the library uses yet, and the compound steps between them follow the renames,
 * so an import never replaces or captures a segment the user already has.
 */
import type { Segment } from '../../engine/library-schema';
import { freeName, type LibraryEntry } from './library-entries';

export function withFreeNames(segments: readonly Segment[], entries: readonly LibraryEntry[]): Segment[] {
  const taken: LibraryEntry[] = [...entries];
  const renames = new Map<string, string>();
  for (const segment of segments) {
    const name = freeName(segment.name, taken);
    renames.set(segment.name, name);
    taken.push({ id: `imported:${name}`, status: 'live', live: { ...segment, name }, updatedAt: 0 });
  }
  return segments.map((segment) => {
    const name = renames.get(segment.name)!;
    if (segment.kind !== 'compound') return { ...segment, name };
    const steps = segment.query.steps.map((step) => ({ ...step, segment: renames.get(step.segment) ?? step.segment }));
    return { ...segment, name, query: { steps } };
  });
}
