/** When the preview must run again: the key of everything its members depend on. */
import type { SegmentInput } from '../../engine/library-schema';
import { usedSegments } from '../../engine/segment-order';
import { entryName, exportedSegment, type LibraryEntry } from '../library/library-entries';

export interface PreviewKeyParts {
  readonly id: string;
  readonly definition: SegmentInput;
  readonly entries: readonly LibraryEntry[];
  readonly ready: boolean;
  readonly dataVersion: number;
  readonly now: number;
}

/** The query, the segments it uses, the data and the instant; two equal keys give the same members. */
export function previewKey(parts: PreviewKeyParts): string {
  const { name: _n, status: _s, description: _d, ...definition } = parts.definition as SegmentInput & { description?: string };
  // Every segment used, also through others: an edit to any of them changes the members.
  const byName = new Map(parts.entries.map((e) => [entryName(e), exportedSegment(e)]));
  const refs = usedSegments(parts.definition, (name) => byName.get(name)).map((name) => byName.get(name) ?? name);
  return JSON.stringify([parts.id, definition, refs, parts.ready, parts.dataVersion, parts.now]);
}
