/**
 * Keeps the library, the edits and where the analyst was (open segment, tab, columns, as-of
 * date) across reloads: saved shortly after every change, and once more as the page goes away.
 */
import { Segment as SegmentSchema } from '../../engine/library-schema';
import type { LibraryEntry } from './library-entries';
import type { LibraryState } from './library-state.svelte';
import type { DesignerUi, StoredWorkspace, WorkspaceStore } from './library-store';
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

export class WorkspacePersistence {
  /** Set when there was nothing stored: a first visit. */
  firstVisit = $state(false);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly parts: PersistedParts,
  ) {}

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
      this.timer = setTimeout(() => void this.store.save(snapshot).catch(() => undefined), SAVE_DELAY_MS);
    });
    const saveNow = () => this.store.saveNow(this.snapshot());
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saveNow();
    };
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', onVisibility);
  }
}
