/** The whole app's state, built once with its dependencies injected. */
import { untrack } from 'svelte';
import { currentDefinition } from './library/library-entries';
import { DataDesignerServices } from './designer/data-designer-services';
import { DataState, type DataDependencies } from './data/data-state.svelte';
import type { DesignerServices } from './designer/designer-services';
import { DynamicsPaste } from './library/dynamics-paste.svelte';
import { LibraryCounts } from './library/library-counts.svelte';
import { WorkspacePersistence } from './library/library-persistence.svelte';
import { starterMembersSql, starterSegments } from './library/library-starter';
import { LibraryState } from './library/library-state.svelte';
import {
  browserWorkspaceChannel,
  browserWorkspaceStore,
  memoryWorkspaceStore,
  type WorkspaceChannel,
  type WorkspaceStore,
} from './library/library-store';
import { DataInsightServices } from './insight/data-insight-services';
import { ExplainState } from './insight/explain-state.svelte';
import { FunnelState } from './insight/funnel-state.svelte';
import { OverlapState } from './insight/overlap-state.svelte';
import { TimelineState } from './insight/timeline-state.svelte';
import { mark } from '../data/startup-marks';
import { EvaluationClock } from './preview/preview-clock.svelte';
import { PreviewState } from './preview/preview-state.svelte';
import { SegmentEvaluator } from '../data/segment-evaluator';
import { MembersState } from './results/results-members.svelte';
import { ResultsView } from './results/results-view.svelte';

export interface WorkspaceDependencies {
  /** Where the library and the designer state are kept between visits. */
  readonly workspaceStore?: WorkspaceStore;
  /** How other tabs of the app hear of library changes (BroadcastChannel in the browser). */
  readonly workspaceChannel?: WorkspaceChannel;
  /** The page address, read once for a shared library (`#library=…`). */
  readonly location?: { readonly hash: string; readonly href: string };
}

/** How long work that may wait for the first counts (statistics, the offline cache) waits at most. */
export const FIRST_SCREEN_WAIT_MS = 30_000;

export class AppState {
  readonly data: DataState;
  readonly clock = new EvaluationClock();
  readonly evaluator = new SegmentEvaluator();
  readonly library: LibraryState;
  readonly preview: PreviewState;
  readonly counts: LibraryCounts;
  readonly members: MembersState;
  readonly funnel: FunnelState;
  readonly explain: ExplainState;
  readonly overlap: OverlapState;
  readonly paste: DynamicsPaste;
  readonly timeline: TimelineState;
  readonly view = new ResultsView();
  readonly services: DesignerServices;
  readonly persistence: WorkspacePersistence;
  started = $state(false);
  startError: string | undefined = $state();
  private readonly location: WorkspaceDependencies['location'];

  constructor(deps: DataDependencies & WorkspaceDependencies) {
    this.data = new DataState(deps);
    this.library = new LibraryState({ catalog: () => this.data.catalog });
    const evaluation = { data: this.data, clock: this.clock, evaluator: this.evaluator };
    this.counts = new LibraryCounts(evaluation);
    // An empty library has no counts to wait for: the statistics come at the latest after a while.
    this.data.firstScreen = Promise.race([this.counts.firstDone, new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS))]);
    this.preview = new PreviewState({ ...evaluation, ready: this.data.firstScreen });
    this.paste = new DynamicsPaste({
      catalog: () => this.data.catalog,
      entries: () => this.library.entries,
      preview: new PreviewState(evaluation, 'paste'),
      addImported: (segment, uses) => this.library.addImported(segment, uses),
    });
    this.members = new MembersState(this.data, this.preview);
    this.funnel = new FunnelState(this.data);
    this.services = new DataDesignerServices(this.data, this.evaluator);
    const insight = new DataInsightServices(this.data);
    this.explain = new ExplainState(insight, this.services);
    this.overlap = new OverlapState({ ...evaluation, library: this.library });
    this.timeline = new TimelineState(insight);
    const store = deps.workspaceStore ?? (typeof indexedDB === 'undefined' ? memoryWorkspaceStore() : browserWorkspaceStore());
    const channel = deps.workspaceChannel ?? (deps.workspaceStore ? undefined : browserWorkspaceChannel());
    const parts = { library: this.library, clock: this.clock, members: this.members, view: this.view };
    this.persistence = new WorkspacePersistence(store, parts, channel);
    this.location = deps.location ?? (typeof window === 'undefined' ? undefined : window.location);
  }

  async start(): Promise<void> {
    const restoring = this.persistence.restore();
    try {
      await this.data.start();
    } catch (error) {
      this.startError = error instanceof Error ? error.message : String(error);
      return;
    }
    await restoring;
    this.openSharedLink();
    // A shared link pasted into the address bar of an open app changes only the hash.
    if (typeof window !== 'undefined') window.addEventListener('hashchange', () => this.openSharedLink());
    $effect.root(() => this.wire());
    this.started = true;
  }

  private openSharedLink(): void {
    const location = this.location;
    if (!location || !this.library.openShareHash(location.hash)) return;
    // The link did its job (or cannot): a reload should not offer it again, whatever happens next.
    if (typeof history !== 'undefined') history.replaceState(null, '', location.href.split('#')[0]);
    // With no library of one's own there is nothing to replace or merge: the link's library is it.
    if (this.persistence.firstVisit && this.library.entries.length === 0 && this.library.shared) {
      try {
        this.library.answerShared('replace');
      } catch (error) {
        // A link the app cannot use must never keep it from starting.
        this.library.tellError(`The shared library was not opened: ${error instanceof Error ? error.message : String(error)}`);
      }
      // A link that could not be used leaves a first visit a first visit: the example segments still come.
      if (this.library.entries.length > 0) this.persistence.firstVisit = false;
    }
  }

  /** Re-evaluates whatever an edit, a load or a new "as of" date makes out of date. */
  private wire(): void {
    this.persistence.watch();
    $effect(() => {
      const entry = this.library.selected;
      const request = entry && { id: entry.id, definition: currentDefinition(entry), entries: this.library.entries };
      void [this.data.connector, this.data.catalog, this.data.version, this.clock.now];
      untrack(() => {
        this.clock.refreshIfStale();
        this.preview.schedule(request);
      });
    });
    $effect(() => {
      const entries = this.library.entries;
      void [this.data.connector, this.data.catalog, this.data.version, this.clock.now];
      untrack(() => this.counts.schedule(entries));
    });
    this.members.watch();
    $effect(() => {
      const evaluated = this.preview.evaluated;
      const open = this.view.tab === 'timeline';
      void [this.timeline.step, this.timeline.from, this.timeline.to];
      untrack(() => void this.timeline.schedule(evaluated, open));
    });
    $effect(() => {
      void [this.overlap.chosen, this.library.entries, this.data.connector, this.data.catalog, this.data.version, this.clock.now];
      untrack(() => void this.overlap.schedule());
    });
    $effect(() => {
      const evaluated = this.preview.evaluated;
      untrack(() => {
        void this.funnel.schedule(evaluated);
        this.explain.follow(evaluated);
      });
    });
    $effect(() => {
      const catalog = this.data.catalog;
      if (catalog && this.persistence.firstVisit) untrack(() => void this.addExampleSegments());
    });
  }

  /** The example segments that fit the loaded data (the starter library of a first visit). */
  async addExampleSegments(): Promise<void> {
    const { connector, catalog } = this.data;
    this.persistence.firstVisit = false;
    if (!connector || !catalog) return;
    const rows = await connector.query(starterMembersSql(catalog)).catch(() => []);
    mark('example segments');
    this.library.addLiveSegments(
      starterSegments(
        catalog,
        rows.map((r) => String(r.id)),
      ),
    );
    // Counted before the page renders them (the effect that would count them runs after that).
    this.counts.schedule(this.library.entries);
  }
}
