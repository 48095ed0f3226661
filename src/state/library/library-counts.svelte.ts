/**
 * Member counts for the library list, evaluated in the background: each segment as the library
 * exports it (the live version of a live segment), at the same instant as the preview.
 */
import { entryName, exportedSegment, engineLibrary, type LibraryEntry } from './library-entries';
import { checkDefinition } from './library-problems';
import type { EvaluationClock } from '../preview/preview-clock.svelte';
import type { LoadedData } from '../preview/preview-state.svelte';
import type { EvaluationContext, SegmentEvaluator } from '../../data/segment-evaluator';
import { evaluationContext } from '../preview/evaluation-context';
import type { Catalog } from '../../engine/catalog';
import { mark } from '../../data/startup-marks';

export interface SegmentCount {
  readonly count?: number;
  /** Why the segment cannot be counted. */
  readonly error?: string;
  /** Wall-clock time of the evaluation, epoch ms. */
  readonly evaluatedAt?: number;
  /** The instant the segment was evaluated at. */
  readonly asOf?: number;
}

export interface CountsDependencies {
  readonly data: LoadedData;
  readonly clock: EvaluationClock;
  readonly evaluator: SegmentEvaluator;
}

const DEBOUNCE_MS = 250;
/** Segments being evaluated at once: the engine queues them, and a newer run wastes at most these. */
const COUNTS_AHEAD = 3;

export class LibraryCounts {
  /** By entry id. */
  counts: Readonly<Record<string, SegmentCount>> = $state.raw({});
  /** From the moment counts are out of date until they are all evaluated again. */
  running = $state(false);
  private generation = 0;
  private key: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The data the last counts were of: new data is counted at once, edits are debounced. */
  private dataKey: string | undefined;
  /** Whether the last schedule had segments: the first segments of a library are counted at once too. */
  private scheduledAny = false;
  private markFirstDone: () => void = () => undefined;
  /** Settles once every segment of a non-empty library has its count of loaded data. */
  readonly firstDone = new Promise<void>((resolve) => (this.markFirstDone = resolve));

  constructor(private readonly deps: CountsDependencies) {}

  schedule(entries: readonly LibraryEntry[]): void {
    // Edits kept as drafts of live segments do not change what is counted: nothing to do.
    const key = this.keyOf(entries);
    if (key === this.key) return;
    this.key = key;
    const generation = ++this.generation;
    clearTimeout(this.timer);
    this.running = true;
    const { connector, catalog, version } = this.deps.data;
    const dataKey = JSON.stringify([Boolean(connector && catalog), version, this.deps.clock.now]);
    const delay = dataKey === this.dataKey && this.scheduledAny ? DEBOUNCE_MS : 0;
    this.dataKey = dataKey;
    this.scheduledAny = entries.length > 0;
    // At once, not after the page renders what changed: the engine works while the page renders.
    if (delay === 0) void this.run(generation, entries);
    else this.timer = setTimeout(() => void this.run(generation, entries), delay);
  }

  private keyOf(entries: readonly LibraryEntry[]): string {
    const { connector, catalog, version } = this.deps.data;
    const exported = entries.map((e) => [e.id, exportedSegment(e)]);
    return JSON.stringify([exported, Boolean(connector && catalog), version, this.deps.clock.now]);
  }

  private async run(generation: number, entries: readonly LibraryEntry[]): Promise<void> {
    const { connector: db, catalog } = this.deps.data;
    if (!db || !catalog) {
      this.running = false;
      return;
    }
    const now = this.deps.clock.now;
    mark('counts started');
    const ctx = evaluationContext(this.deps.data, db, catalog, engineLibrary(entries), now);
    this.running = true;
    try {
      // A few segments are asked for ahead of the one awaited, so the engine never waits for the page.
      const pending: Promise<SegmentCount>[] = [];
      const ask = (i: number) => (pending[i] ??= this.countOf(ctx, entries[i]!, entries, catalog, now));
      for (let i = 0; i < entries.length; i++) {
        if (generation !== this.generation) return;
        for (let ahead = i; ahead < Math.min(entries.length, i + COUNTS_AHEAD); ahead++) void ask(ahead);
        const result = await ask(i);
        if (generation !== this.generation) return;
        const entry = entries[i]!;
        const previous = this.counts[entry.id];
        if (JSON.stringify(previous) !== JSON.stringify(result)) this.counts = { ...this.counts, [entry.id]: result };
      }
      mark('counts done');
      if (entries.length > 0) this.markFirstDone();
    } finally {
      if (generation === this.generation) this.running = false;
    }
  }

  private async countOf(
    ctx: EvaluationContext,
    entry: LibraryEntry,
    entries: readonly LibraryEntry[],
    catalog: Catalog,
    now: number,
  ): Promise<SegmentCount> {
    const check = checkDefinition(exportedSegment(entry), entry.id, entries, catalog);
    if (!check.ok) return { error: check.problems.map((p) => `${p.path}: ${p.message}`).join('\n'), asOf: now };
    try {
      const { count, evaluatedAt } = await this.deps.evaluator.materialise(ctx, entryName(entry));
      return { count, evaluatedAt, asOf: now };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error), asOf: now };
    }
  }
}
