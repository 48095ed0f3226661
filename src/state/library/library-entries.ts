/**
 * The segment library as the designer keeps it: each entry holds the version taken live (what
 * is exported and what compound segments use) and the edits not yet taken live. Pure functions
 * over immutable entries, so every change is a new list (easy to persist, compare and undo).
 */
import {
  Segment as SegmentSchema,
  SEGMENT_NAME,
  type Library,
  type Segment,
  type SegmentInput,
  type Status,
} from '../../engine/library-schema';
import { dependencies } from '../../engine/segment-order';

export interface LibraryEntry {
  /** Stable across renames; never exported. */
  readonly id: string;
  readonly status: Status;
  /** The version taken live; present once the segment has gone live. */
  readonly live?: Segment;
  /** The definition being edited; absent when it equals the live version. */
  readonly draft?: SegmentInput;
  readonly updatedAt: number;
}

export const NAME_RULE = 'A name starts with a letter and uses only letters A–Z, digits and _ (no spaces), at most 100 characters.';

/** The definition the designer shows: the edits, else the live version. */
export function currentDefinition(entry: LibraryEntry): SegmentInput {
  return entry.draft ?? entry.live!;
}

export function entryName(entry: LibraryEntry): string {
  return currentDefinition(entry).name;
}

/** A live segment with edits not yet taken live. */
export function hasPendingEdits(entry: LibraryEntry): boolean {
  return entry.status === 'live' && entry.draft !== undefined;
}

/** What the library exports: the live version of a live segment, else the current definition. */
export function exportedSegment(entry: LibraryEntry): SegmentInput {
  const definition = entry.status === 'live' && entry.live ? entry.live : currentDefinition(entry);
  return withStatus(definition, entry.status);
}

function withStatus(segment: SegmentInput, status: Status): SegmentInput {
  const { name, kind, status: _previous, ...rest } = segment as SegmentInput & Record<string, unknown>;
  // name, kind and status first, as people write them.
  return { name, kind, status, ...rest } as SegmentInput;
}

export function exportDocument(entries: readonly LibraryEntry[]): { version: 1; segments: SegmentInput[] } {
  return { version: 1, segments: entries.map(exportedSegment) };
}

export function exportText(entries: readonly LibraryEntry[]): string {
  return `${JSON.stringify(exportDocument(entries), null, 2)}\n`;
}

/** Entries never change (every edit makes a new one), so each is parsed once. */
const parsedExports = new WeakMap<LibraryEntry, Segment | null>();

/** The exported version of an entry as the engine reads it; undefined while it is half-written. */
export function parsedExport(entry: LibraryEntry): Segment | undefined {
  let parsed = parsedExports.get(entry);
  if (parsed === undefined) {
    const result = SegmentSchema.safeParse(exportedSegment(entry));
    parsed = result.success ? result.data : null;
    parsedExports.set(entry, parsed);
  }
  return parsed ?? undefined;
}

/**
 * The exported library as the engine sees it: segments whose definition does not have the
 * library's shape (a half-written draft) are left out.
 */
export function engineLibrary(entries: readonly LibraryEntry[]): Library {
  return { version: 1, segments: entries.map(parsedExport).filter((s): s is Segment => s !== undefined) };
}

/** Why `name` cannot be used (for the entry `exceptId`), or undefined when it can. */
export function nameProblem(name: string, entries: readonly LibraryEntry[], exceptId?: string): string | undefined {
  if (name === '') return 'Give the segment a name. ' + NAME_RULE;
  if (!SEGMENT_NAME.test(name)) return `"${name}" is not a valid name. ${NAME_RULE}`;
  const clash = entries.find((e) => e.id !== exceptId && entryName(e).toLowerCase() === name.toLowerCase());
  return clash ? `"${entryName(clash)}" already uses this name (names are unique, ignoring case).` : undefined;
}

/** `base` if free, else `base2`, `base3`, … (cut to the 100 characters a name may have). */
export function freeName(base: string, entries: readonly LibraryEntry[]): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, '').replace(/^[^A-Za-z]+/, '') || 'Segment';
  const taken = new Set(entries.map((e) => entryName(e).toLowerCase()));
  if (!taken.has(clean.toLowerCase())) return clean.slice(0, 100);
  for (let n = 2; ; n++) {
    const candidate = `${clean.slice(0, 100 - String(n).length)}${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Names of the segments whose live version or current edits use segment `name`. */
export function usersOf(entries: readonly LibraryEntry[], name: string, onlyLive = false): string[] {
  return entries
    .filter((e) => {
      const versions = onlyLive ? [e.status === 'live' ? e.live : undefined] : [e.live, e.draft];
      return versions.some((v) => dependencies(v).includes(name));
    })
    .map(entryName);
}

function renameSegment<T extends SegmentInput>(segment: T, from: string, to: string, isTarget: boolean): T {
  let next = isTarget ? { ...segment, name: to } : segment;
  if (next.kind === 'compound' && next.query.steps.some((s) => s.segment === from)) {
    const steps = next.query.steps.map((s) => (s.segment === from ? { ...s, segment: to } : s));
    next = { ...next, query: { ...next.query, steps } };
  }
  return next;
}

/** Renames entry `id` in its live version and edits, and every compound step that uses it. */
export function renameEntry(entries: readonly LibraryEntry[], id: string, to: string, now: number): LibraryEntry[] {
  const target = entries.find((e) => e.id === id);
  if (!target) return [...entries];
  const from = entryName(target);
  return entries.map((entry) => {
    const isTarget = entry.id === id;
    const live = entry.live && renameSegment(entry.live, from, to, isTarget);
    const draft = entry.draft && renameSegment(entry.draft, from, to, isTarget);
    if (live === entry.live && draft === entry.draft) return entry;
    return { ...entry, ...(live ? { live } : {}), ...(draft ? { draft } : {}), updatedAt: now };
  });
}

/** Entries for an imported library: live segments become live versions, the rest current definitions. */
export function entriesFromLibrary(library: Library, newId: () => string, now: number): LibraryEntry[] {
  return library.segments.map((segment) =>
    segment.status === 'live'
      ? { id: newId(), status: 'live', live: segment, updatedAt: now }
      : { id: newId(), status: segment.status, draft: segment, updatedAt: now },
  );
}
