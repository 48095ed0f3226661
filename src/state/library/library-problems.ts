/**
 * What stops a definition from going live, with paths relative to the segment
 * (`query.groups[0].where.field`) so the editors can show each problem next to its clause.
 */
import type { Catalog } from '../../engine/catalog';
import type { Library, Segment, SegmentInput } from '../../engine/library-schema';
import { parseLibrary } from '../../engine/parse-library';
import type { Problem } from '../../engine/problems';
import { referenceCycles } from '../../engine/segment-order';
import { validateSegment } from '../../engine/validate-library';
import { engineLibrary, nameProblem, type LibraryEntry } from './library-entries';

export type DefinitionCheck = { ok: true; segment: Segment; problems: [] } | { ok: false; problems: Problem[] };

/** `segments[0].query.x` → `query.x`; the segment itself → `(root)`. */
function relative(path: string): string {
  if (path === 'segments[0]') return '(root)';
  return path.startsWith('segments[0].') ? path.slice('segments[0].'.length) : path;
}

/** A reference cycle through `segment`, e.g. `A → B → A`, if there is one. */
function cycleThrough(segment: Segment, library: Library): string | undefined {
  const byName = new Map(library.segments.map((s) => [s.name, s]));
  byName.set(segment.name, segment);
  return referenceCycles([segment.name], (name) => byName.get(name))
    .find((cycle) => cycle.at === segment.name)
    ?.names.join(' → ');
}

/**
 * Checks a definition of entry `id` as if it went live now: its name, the format, the fields
 * against the loaded data, and its references (only live segments, no cycles).
 */
export function checkDefinition(
  definition: SegmentInput,
  id: string,
  entries: readonly LibraryEntry[],
  catalog: Catalog | undefined,
): DefinitionCheck {
  const problems: Problem[] = [];
  const naming = nameProblem(definition.name ?? '', entries, id);
  if (naming) problems.push({ path: 'name', message: naming });

  const parsed = parseLibrary({ version: 1, segments: [definition] });
  if (!parsed.ok) {
    return { ok: false, problems: [...problems, ...parsed.problems.map((p) => ({ path: relative(p.path), message: p.message }))] };
  }
  const segment = parsed.library.segments[0]!;
  if (!catalog) {
    problems.push({ path: '(root)', message: 'No data is loaded: load data first, so the fields can be checked against it.' });
    return { ok: false, problems };
  }
  const context = engineLibrary(entries.filter((e) => e.id !== id));
  const library: Library = { version: 1, segments: [...context.segments, segment] };
  for (const problem of validateSegment(segment, library, catalog)) problems.push({ path: problem.path, message: problem.message });
  const cycle = cycleThrough(segment, context);
  if (cycle) problems.push({ path: 'query.steps', message: `segments refer to each other in a cycle: ${cycle}` });
  return problems.length ? { ok: false, problems } : { ok: true, segment, problems: [] };
}
