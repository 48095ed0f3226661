/**
 * The segment library the analyst works on: the entries, which one is open, the lifecycle
 * (draft → live → stopped), rename with references, delete with undo, import, export and share.
 */
import type { Catalog } from '../../engine/catalog';
import type { Segment, SegmentInput, SegmentKind } from '../../engine/library-schema';
import type { Problem } from '../../engine/problems';
import {
  currentDefinition,
  engineLibrary,
  entriesFromLibrary,
  entryName,
  exportDocument,
  exportText,
  freeName,
  nameProblem,
  renameEntry,
  usersOf,
  type LibraryEntry,
} from './library-entries';
import { readLibraryImport, type ImportMode } from './library-import';
import { checkDefinition } from './library-problems';
import { readShareHash, shareUrl } from './library-share';
import { sameDefinition } from './library-same';
import { KIND_LABELS, newDefinition } from './library-templates';

export interface Notice {
  readonly id: number;
  readonly message: string;
  readonly tone: 'info' | 'error';
  readonly undo?: () => void;
}

export interface LibraryDependencies {
  readonly catalog: () => Catalog | undefined;
  readonly clock?: () => number;
  readonly newId?: () => string;
}

function segmentNames(text: string): string[] {
  try {
    const doc = JSON.parse(text) as { segments?: { name?: unknown }[] };
    return Array.isArray(doc.segments) ? doc.segments.map((s) => String(s?.name)) : [];
  } catch {
    return [];
  }
}

let idCounter = 0;
const defaultId = () => `s${Date.now().toString(36)}${(idCounter++).toString(36)}`;

export class LibraryState {
  entries: readonly LibraryEntry[] = $state.raw([]);
  selectedId: string | undefined = $state();
  search = $state('');
  notice: Notice | undefined = $state.raw();
  /** A library opened from a shared link or a file, waiting for the analyst to replace, merge or ignore. */
  shared: { readonly text: string; readonly names: readonly string[]; readonly source: 'link' | 'file' } | undefined = $state.raw();
  /** Entries whose "Go live" was tried: their problems are shown and follow every edit. */
  private checked: readonly string[] = $state.raw([]);
  private noticeCount = 0;

  readonly library = $derived(engineLibrary(this.entries));
  readonly selected = $derived(this.entries.find((e) => e.id === this.selectedId));
  readonly visible = $derived.by(() => {
    const needle = this.search.trim().toLowerCase();
    if (!needle) return this.entries;
    return this.entries.filter((e) => {
      const d = currentDefinition(e);
      return d.name.toLowerCase().includes(needle) || (d.description ?? '').toLowerCase().includes(needle) || d.kind.includes(needle);
    });
  });
  /** Problems of the open segment, once going live was tried (paths relative to the segment). */
  readonly selectedProblems: readonly Problem[] = $derived.by(() => {
    const entry = this.selected;
    if (!entry || !this.checked.includes(entry.id)) return [];
    return checkDefinition(currentDefinition(entry), entry.id, this.entries, this.deps.catalog()).problems;
  });

  constructor(private readonly deps: LibraryDependencies) {}

  private now(): number {
    return this.deps.clock?.() ?? Date.now();
  }

  private newId(): string {
    return (this.deps.newId ?? defaultId)();
  }

  private find(id: string): LibraryEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  private replaceEntry(entry: LibraryEntry): void {
    this.entries = this.entries.map((e) => (e.id === entry.id ? entry : e));
  }

  private tell(message: string, tone: Notice['tone'] = 'info', undo?: () => void): void {
    this.notice = { id: ++this.noticeCount, message, tone, ...(undo ? { undo } : {}) };
  }

  /** Shows an error that comes from outside the library (a link, a storage write). */
  tellError(message: string): void {
    this.tell(message, 'error');
  }

  tellInfo(message: string): void {
    this.tell(message);
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  select(id: string | undefined): void {
    this.selectedId = id;
  }

  create(kind: SegmentKind): LibraryEntry {
    const name = freeName(`New${KIND_LABELS[kind]}Segment`, this.entries);
    const entry: LibraryEntry = {
      id: this.newId(),
      status: 'draft',
      draft: newDefinition(kind, name, this.deps.catalog(), this.library),
      updatedAt: this.now(),
    };
    this.entries = [...this.entries, entry];
    this.selectedId = entry.id;
    return entry;
  }

  /** An edit from the definition editors; name and status are the library's to change. */
  updateDraft(id: string, definition: SegmentInput): void {
    const entry = this.find(id);
    if (!entry) return;
    const next = { ...definition, name: entryName(entry), status: entry.status } as SegmentInput;
    const unchanged = entry.live !== undefined && sameDefinition(next, entry.live);
    const { draft: _old, ...rest } = entry;
    this.replaceEntry(unchanged ? { ...rest, updatedAt: this.now() } : { ...rest, draft: next, updatedAt: this.now() });
  }

  /** Renames a segment and every compound step that uses it; returns why not, if it cannot. */
  rename(id: string, name: string): string | undefined {
    const entry = this.find(id);
    if (!entry || entryName(entry) === name) return undefined;
    const problem = nameProblem(name, this.entries, id);
    if (problem) return problem;
    this.entries = renameEntry(this.entries, id, name, this.now());
    return undefined;
  }

  duplicate(id: string): void {
    const entry = this.find(id);
    if (!entry) return;
    const name = freeName(`${entryName(entry)}Copy`, this.entries);
    const copy: LibraryEntry = {
      id: this.newId(),
      status: 'draft',
      draft: { ...currentDefinition(entry), name, status: 'draft' } as SegmentInput,
      updatedAt: this.now(),
    };
    const index = this.entries.indexOf(entry);
    this.entries = [...this.entries.slice(0, index + 1), copy, ...this.entries.slice(index + 1)];
    this.selectedId = copy.id;
  }

  remove(id: string): boolean {
    const entry = this.find(id);
    if (!entry) return false;
    const name = entryName(entry);
    const users = usersOf(this.entries, name).filter((n) => n !== name);
    if (users.length) {
      this.tell(
        `"${name}" is used by ${users.join(', ')}: remove it from ${users.length > 1 ? 'those segments' : 'that segment'} first.`,
        'error',
      );
      return false;
    }
    const index = this.entries.indexOf(entry);
    this.entries = this.entries.filter((e) => e.id !== id);
    if (this.selectedId === id) this.selectedId = (this.entries[index] ?? this.entries[index - 1])?.id;
    this.tell(`Deleted "${name}".`, 'info', () => this.restoreDeleted(entry, index));
    return true;
  }

  private restoreDeleted(entry: LibraryEntry, index: number): void {
    const name = entryName(entry);
    const free = nameProblem(name, this.entries) === undefined;
    const restored = free ? entry : renameEntry([entry], entry.id, freeName(name, this.entries), this.now())[0]!;
    this.entries = [...this.entries.slice(0, index), restored, ...this.entries.slice(index)];
    this.selectedId = restored.id;
    this.tell(`Restored "${entryName(restored)}".`);
  }

  /** Validates the current definition and, if it holds, makes it the live version. */
  goLive(id: string): boolean {
    const entry = this.find(id);
    if (!entry) return false;
    const check = checkDefinition(currentDefinition(entry), id, this.entries, this.deps.catalog());
    if (!check.ok) {
      // The problems show next to the conditions they concern (selectedProblems), not in a notice.
      this.checked = [...this.checked.filter((c) => c !== id), id];
      this.notice = undefined;
      return false;
    }
    const live: Segment = { ...check.segment, status: 'live' };
    this.replaceEntry({ id, status: 'live', live, updatedAt: this.now() });
    this.checked = this.checked.filter((c) => c !== id);
    this.tell(`"${live.name}" is live.`);
    return true;
  }

  stop(id: string): boolean {
    const entry = this.find(id);
    if (!entry || entry.status !== 'live') return false;
    const name = entryName(entry);
    const users = usersOf(this.entries, name, true).filter((n) => n !== name);
    if (users.length) {
      this.tell(
        `"${name}" is used by the live segment${users.length > 1 ? 's' : ''} ${users.join(', ')}: stop or change those first.`,
        'error',
      );
      return false;
    }
    this.replaceEntry({ ...entry, status: 'stopped', updatedAt: this.now() });
    this.tell(`"${name}" is stopped. Go live again to use it in compound segments.`);
    return true;
  }

  /** Drops the edits of a segment that has a live version. */
  discardEdits(id: string): void {
    const entry = this.find(id);
    if (!entry?.live || !entry.draft) return;
    const { draft: _old, ...rest } = entry;
    this.replaceEntry({ ...rest, updatedAt: this.now() });
    this.checked = this.checked.filter((c) => c !== id);
  }

  exportText(): string {
    return exportText(this.entries);
  }

  shareLink(pageUrl: string): string {
    return shareUrl(pageUrl, JSON.stringify(exportDocument(this.entries)));
  }

  /**
   * A library file the analyst picked: refused at once if it cannot be used; imported if the
   * library is empty; otherwise it waits in `shared` until they choose to replace, add or ignore.
   */
  offerImport(text: string): { ok: boolean; message: string } {
    if (this.entries.length === 0) return this.importLibrary(text, 'replace');
    const replace = readLibraryImport(text, 'replace', this.entries, this.deps.catalog());
    if (!replace.ok && !readLibraryImport(text, 'merge', this.entries, this.deps.catalog()).ok) return replace;
    this.shared = { text, names: segmentNames(text), source: 'file' };
    return { ok: true, message: 'Choose whether the file replaces your library or adds to it.' };
  }

  /** Imports a library file, replacing the library; a library that fails validation changes nothing. */
  async importText(text: string): Promise<{ ok: boolean; message: string }> {
    return this.importLibrary(text, 'replace');
  }

  private importLibrary(text: string, mode: ImportMode): { ok: boolean; message: string } {
    const result = readLibraryImport(text, mode, this.entries, this.deps.catalog());
    // A refusal is the caller's to show (it comes back with the reasons); it changes nothing.
    if (!result.ok) return result;
    const before = this.entries;
    const selectedBefore = this.selectedId;
    const imported = entriesFromLibrary(result.library, () => this.newId(), this.now());
    const importedNames = imported.map((e) => entryName(e).toLowerCase());
    this.entries =
      mode === 'replace' ? imported : [...before.filter((e) => !importedNames.includes(entryName(e).toLowerCase())), ...imported];
    this.selectedId = imported[0]?.id ?? this.entries[0]?.id;
    this.checked = [];
    this.tell(result.message, 'info', () => {
      this.entries = before;
      this.selectedId = selectedBefore;
      this.tell('The import was undone.');
    });
    return result;
  }

  /** Reads a `#library=…` hash; the library waits in `shared` for the analyst's answer. */
  openShareHash(hash: string): boolean {
    const shared = readShareHash(hash);
    if (!shared) return false;
    if (!shared.ok) {
      this.tell(shared.message, 'error');
      return true;
    }
    this.shared = { text: shared.text, names: segmentNames(shared.text), source: 'link' };
    return true;
  }

  answerShared(answer: ImportMode | 'ignore'): void {
    const shared = this.shared;
    this.shared = undefined;
    if (!shared || answer === 'ignore') return;
    const result = this.importLibrary(shared.text, answer);
    const what = shared.source === 'link' ? 'The shared library was not opened.' : 'The file was not imported.';
    if (!result.ok) this.tell(`${what} ${result.message}`, 'error');
  }

  /** Adds segments as live entries (the example segments); a name already in use is skipped. */
  addLiveSegments(segments: readonly Segment[]): void {
    const fresh = segments.filter((s) => nameProblem(s.name, this.entries) === undefined);
    const added = fresh.map((live): LibraryEntry => ({ id: this.newId(), status: 'live', live, updatedAt: this.now() }));
    this.entries = [...this.entries, ...added];
    this.selectedId ??= added[0]?.id;
  }

  /**
   * Adds an imported segment as a draft, opened for editing, and the segments it uses as live
   * entries (their names are already free: see imported-names.ts).
   */
  addImported(segment: Segment, uses: readonly Segment[]): void {
    const used = uses.map((live): LibraryEntry => ({ id: this.newId(), status: 'live', live, updatedAt: this.now() }));
    const entry: LibraryEntry = { id: this.newId(), status: 'draft', draft: { ...segment, status: 'draft' }, updatedAt: this.now() };
    this.entries = [...this.entries, ...used, entry];
    this.selectedId = entry.id;
    const more = uses.length
      ? ` with ${uses.length} live segment${uses.length === 1 ? '' : 's'} it uses (${uses.map((s) => s.name).join(', ')})`
      : '';
    this.tell(`Imported "${segment.name}" from the Dynamics query${more}.`);
  }

  /** The library as another tab left it (merged entry by entry); the open segment stays open if it still exists. */
  syncEntries(entries: readonly LibraryEntry[], replacedIds: readonly string[]): void {
    const open = this.selected;
    this.entries = entries;
    if (!open) return;
    if (!entries.some((e) => e.id === open.id)) {
      this.selectedId = entries[0]?.id;
      this.tell(`"${entryName(open)}" was deleted in another tab of Segment Studio.`);
    } else if (replacedIds.includes(open.id)) {
      this.tell(`"${entryName(this.selected!)}" was changed in another tab of Segment Studio; this tab shows that version now.`);
    }
  }

  restore(entries: readonly LibraryEntry[], selectedId: string | undefined, search: string): void {
    this.entries = entries;
    this.selectedId = entries.some((e) => e.id === selectedId) ? selectedId : entries[0]?.id;
    this.search = search;
  }
}
