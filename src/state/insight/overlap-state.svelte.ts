/**
 * Overlap of 2–8 live segments of the library: the size of every non-empty intersection (for
 * the UpSet plot and the pairwise matrix), the members of one intersection, and a compound
 * segment that selects exactly it. Members come from the shared segment tables, at the same
 * instant as everything else.
 */
import { intersectionMembersQuery, overlapQuery } from '../../engine/stats/overlap-queries';
import type { SegmentInput } from '../../engine/library-schema';
import { printQuery } from '../../engine/sql/print-duckdb';
import type { ContactMatch } from '../designer/designer-services';
import { currentDefinition, engineLibrary, entryName, type LibraryEntry } from '../library/library-entries';
import type { EvaluationClock } from '../preview/preview-clock.svelte';
import type { LoadedData } from '../preview/preview-state.svelte';
import type { SegmentEvaluator } from '../../data/segment-evaluator';
import { evaluationContext } from '../preview/evaluation-context';
import { intersections, intersectionSteps, MAX_OVERLAP, MIN_OVERLAP, type Intersection } from './overlap-sets';

export interface OverlapDependencies {
  readonly data: LoadedData;
  readonly clock: EvaluationClock;
  readonly evaluator: SegmentEvaluator;
  readonly library: {
    readonly entries: readonly LibraryEntry[];
    create(kind: 'compound'): LibraryEntry;
    updateDraft(id: string, definition: SegmentInput): void;
  };
}

export type OverlapStatus = 'idle' | 'running' | 'ready' | 'error';

/** Only live segments: the ones a compound segment may use. */
export function overlapCandidates(entries: readonly LibraryEntry[]): string[] {
  return entries.filter((e) => e.status === 'live' && e.live).map(entryName);
}

export class OverlapState {
  chosen: readonly string[] = $state.raw([]);
  status: OverlapStatus = $state('idle');
  /** The chosen segments the figures are for, in order (bit i is `names[i]`). */
  names: readonly string[] = $state.raw([]);
  parts: readonly Intersection[] = $state.raw([]);
  error: string | undefined = $state();
  /** The intersection whose members are listed. */
  selected: number | undefined = $state();
  members: readonly ContactMatch[] = $state.raw([]);
  membersError: string | undefined = $state();
  private tablesFor: readonly string[] = [];
  private generation = 0;

  constructor(private readonly deps: OverlapDependencies) {}

  toggle(name: string): void {
    if (this.chosen.includes(name)) this.chosen = this.chosen.filter((n) => n !== name);
    else if (this.chosen.length < MAX_OVERLAP) this.chosen = [...this.chosen, name];
  }

  /** Evaluates the chosen segments (those still live) and counts every intersection. */
  async schedule(): Promise<void> {
    const generation = ++this.generation;
    const entries = this.deps.library.entries;
    const live = overlapCandidates(entries);
    const names = this.chosen.filter((n) => live.includes(n));
    const { connector: db, catalog } = this.deps.data;
    if (names.length < MIN_OVERLAP || !db || !catalog) {
      [this.status, this.names, this.parts, this.selected] = ['idle', names, [], undefined];
      return;
    }
    this.status = 'running';
    const now = this.deps.clock.now;
    const ctx = evaluationContext(this.deps.data, db, catalog, engineLibrary(entries), now);
    try {
      const tables: string[] = [];
      for (const name of names) tables.push((await this.deps.evaluator.materialise(ctx, name)).table);
      const rows = await db.query(printQuery(overlapQuery(tables)));
      if (generation !== this.generation) return;
      const sizes = rows.map((r) => [Number(r.mask), Number(r.n)] as const);
      this.tablesFor = tables;
      [this.names, this.parts, this.status, this.error] = [names, intersections(names, sizes), 'ready', undefined];
      if (this.selected !== undefined) await this.select(this.selected);
    } catch (error) {
      if (generation !== this.generation) return;
      [this.status, this.error] = ['error', error instanceof Error ? error.message : String(error)];
    }
  }

  /** Lists the first members of one intersection. */
  async select(mask: number): Promise<void> {
    this.selected = mask;
    const { connector: db, catalog } = this.deps.data;
    if (!db || !catalog) return;
    try {
      const rows = await db.query(printQuery(intersectionMembersQuery(catalog, this.tablesFor, mask)));
      if (this.selected !== mask) return;
      this.members = rows.map((r) => (r.label == null ? { id: String(r.id) } : { id: String(r.id), label: String(r.label) }));
      this.membersError = undefined;
    } catch (error) {
      this.membersError = error instanceof Error ? error.message : String(error);
    }
  }

  /** A new compound segment (a draft, opened) selecting exactly intersection `mask`. */
  startCompound(mask: number): void {
    const entry = this.deps.library.create('compound');
    const definition = currentDefinition(entry);
    this.deps.library.updateDraft(entry.id, { ...definition, query: { steps: intersectionSteps(this.names, mask) } } as SegmentInput);
  }
}
