/**
 * Keeps the library, the edits and where the analyst was (open segment, tab, columns, as-of
 * date) across reloads: saved shortly after every change, and once more as the page goes away.
 */
import { Segment as SegmentSchema } from '../../engine/library-schema';
import type { LibraryEntry } from './library-entries';
import type { LibraryState } from './library-state.svelte';
import type { DesignerUi, StoredWorkspace, WorkspaceChannel, WorkspaceStore } from './library-store';
import { mergeLibraries, type LibraryMessage } from './library-sync';
import type { EvaluationClock } from '../preview/preview-clock.svelte';
import type { MembersState } from '../results/results-members.svelte';
import type { ResultsView } from '../results/results-view.svelte';

const SAVE_DELAY_MS = 300;

export interface PersistedParts {
  readonly library: LibraryState;
  readonly clock: EvaluationClock;
  readonly members: MembersState;
  readonly view: ResultsView;
}

/** Entries read back from storage; a live version that no longer parses becomes a draft. */
function revive(entries: readonly LibraryEntry[]): LibraryEntry[] {
  return entries.flatMap((entry): LibraryEntry[] => {
    if (typeof entry?.id !== 'string' || (!entry.live && !entry.draft)) return [];
    if (!entry.live) return [entry];
    const parsed = SegmentSchema.safeParse(entry.live);
    if (parsed.success) return [{ ...entry, live: parsed.data }];
    const { live, ...rest } = entry;
    return [{ ...rest, status: 'draft', draft: entry.draft ?? live }];
  });
}

const SAVE_FAILED =
  'Your work could not be saved in this browser (its storage is full or blocked). It stays in this tab: export the library to keep it.';

export class WorkspacePersistence {
  /** Set when there was nothing stored: a first visit. */
  firstVisit = $state(false);
  /** Why the last save failed; cleared by the next one that works. */
  saveError: string | undefined = $state();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly tabId = Math.random().toString(36).slice(2);
  /** Ids of the entries as the tabs last agreed on them: what is missing since was deleted here. */
  private shared: readonly string[] = [];

  constructor(
    private readonly store: WorkspaceStore,
    private readonly parts: PersistedParts,
    private readonly channel?: WorkspaceChannel,
  ) {}

  /** Saves the workspace and tells the other tabs; a failed save is said once and the work stays in memory. */
  async save(snapshot: StoredWorkspace = this.snapshot()): Promise<void> {
    this.share(snapshot.entries);
    try {
      await this.store.save(snapshot);
      if (this.saveError) this.parts.library.tellInfo('Saving works again: your work is kept in this browser.');
      this.saveError = undefined;
    } catch (error) {
      if (!this.saveError) this.parts.library.tellError(SAVE_FAILED);
      this.saveError = error instanceof Error ? error.message : String(error);
    }
  }

  private share(entries: readonly LibraryEntry[]): void {
    if (!this.channel) return;
    const ids = entries.map((e) => e.id);
    const deleted = this.shared.filter((id) => !ids.includes(id));
    this.shared = ids;
    this.channel.post({ from: this.tabId, entries, deleted });
  }

  /** Another tab's library, merged into this one's. */
  receive(message: LibraryMessage): void {
    if (message.from === this.tabId) return;
    const { library } = this.parts;
    const merged = mergeLibraries(library.entries, message, Date.now());
    this.shared = merged.entries.map((e) => e.id);
    if (!merged.unchanged) library.syncEntries(merged.entries, merged.replaced);
  }

  snapshot(): StoredWorkspace {
    const { library, clock, members, view } = this.parts;
    const ui: DesignerUi = {
      ...(library.selectedId ? { selectedId: library.selectedId } : {}),
      search: library.search,
      tab: view.tab,
      ...(clock.asOf !== undefined ? { asOf: clock.asOf } : {}),
      memberColumns: [...members.columns],
      ...(members.sort ? { memberSort: members.sort } : {}),
    };
    return { version: 1, savedAt: Date.now(), entries: library.entries, ui };
  }

  async restore(): Promise<void> {
    const stored = await this.store.load().catch(() => undefined);
    if (!stored) {
      this.firstVisit = true;
      return;
    }
    const { library, clock, members, view } = this.parts;
    library.restore(revive(stored.entries), stored.ui.selectedId, stored.ui.search ?? '');
    this.shared = library.entries.map((e) => e.id);
    view.show(stored.ui.tab);
    clock.setAsOf(stored.ui.asOf);
    members.columns = stored.ui.memberColumns ?? [];
    members.sort = stored.ui.memberSort;
  }

  /** Saves after every change; call inside an effect root. */
  watch(): void {
    $effect(() => {
      const snapshot = this.snapshot();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.save(snapshot), SAVE_DELAY_MS);
    });
    this.channel?.listen((message) => this.receive(message));
    const saveNow = () => this.store.saveNow(this.snapshot());
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saveNow();
    };
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', onVisibility);
  }
}
