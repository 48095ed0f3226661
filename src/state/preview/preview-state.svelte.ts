/**
 * The live size preview of the open segment: every edit re-evaluates it (a burst of edits is
 * debounced), and a newer edit makes the running evaluation stop and its result be thrown away.
 */
import type { Catalog } from '../../engine/catalog';
import type { Problem } from '../../engine/problems';
import type { Library, Segment, SegmentInput } from '../../engine/library-schema';
import type { Connector } from '../../data/connector';
import type { SqlRunner } from '../../data/engines/engine';
import { evaluateSteps, Superseded } from '../../data/evaluate-steps';
import { dropTable, type SegmentEvaluator } from '../../data/segment-evaluator';
import { engineLibrary, type LibraryEntry } from '../library/library-entries';
import { checkDefinition } from '../library/library-problems';
import type { EvaluationClock } from './preview-clock.svelte';
import { previewKey } from './preview-key';
import { evaluationContext } from './evaluation-context';

export const PREVIEW_DEBOUNCE_MS = 120;
/** Result tables kept for the members view while a newer one is being read. */
const KEPT_TABLES = 2;

export interface LoadedData {
  readonly connector: Connector | undefined;
  readonly catalog: Catalog | undefined;
  readonly version: number;
}

export interface PreviewDependencies {
  readonly data: LoadedData;
  readonly clock: EvaluationClock;
  readonly evaluator: SegmentEvaluator;
  /** Settles when the preview may use the engine: on a first screen, once the library's counts are in. */
  readonly ready?: Promise<unknown>;
}

export interface PreviewRequest {
  readonly id: string;
  readonly definition: SegmentInput;
  readonly entries: readonly LibraryEntry[];
}

/** What the figures shown were evaluated for: the checked segment in its library, at an instant. */
export interface EvaluatedSegment {
  readonly id: string;
  readonly segment: Segment;
  /** The library as the engine reads it, with this definition (not its live version) in it. */
  readonly library: Library;
  readonly now: number;
}

export type PreviewStatus = 'empty' | 'nodata' | 'invalid' | 'waiting' | 'running' | 'ready' | 'error';

export class PreviewState {
  status: PreviewStatus = $state('empty');
  /** The entry the figures belong to. */
  forId: string | undefined = $state();
  total: number | undefined = $state();
  stepCounts: readonly number[] = $state.raw([]);
  /** Milliseconds the last evaluation took. */
  ms: number | undefined = $state();
  /** The instant the figures were evaluated at. */
  evaluatedAt: number | undefined = $state();
  /** The figures shown are from an earlier version of the definition. */
  stale = $state(false);
  error: string | undefined = $state();
  problems: readonly Problem[] = $state.raw([]);
  /** The temporary table holding the members of the last result. */
  table: string | undefined = $state();
  /** The segment and instant the last result belongs to (what the insight views follow). */
  evaluated: EvaluatedSegment | undefined = $state.raw();

  private generation = 0;
  /** What the figures shown (or being computed) were evaluated for; an equal request changes nothing. */
  private key: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private lastScheduled = -Infinity;
  private readonly tablesKept: string[] = [];

  /** `prefix` names its result tables, so two previews never share one. */
  constructor(
    private readonly deps: PreviewDependencies,
    private readonly prefix = 'preview',
  ) {}

  schedule(request: PreviewRequest | undefined): void {
    const key = request && this.keyOf(request);
    if (key !== undefined && key === this.key && this.status !== 'error') return;
    this.key = key;
    const generation = ++this.generation;
    clearTimeout(this.timer);
    if (this.running) void this.deps.data.connector?.cancel?.().catch(() => undefined);
    if (!request) {
      this.forId = undefined;
      this.status = 'empty';
      this.clearFigures();
      return;
    }
    const switched = request.id !== this.forId;
    this.forId = request.id;
    if (switched) this.clearFigures();
    this.stale = this.total !== undefined;
    const { connector, catalog } = this.deps.data;
    if (!connector || !catalog) {
      this.status = 'nodata';
      return;
    }
    const check = checkDefinition(request.definition, request.id, request.entries, catalog);
    this.problems = check.problems;
    if (!check.ok) {
      this.status = 'invalid';
      return;
    }
    this.status = 'waiting';
    const run = () => this.run(generation, request.id, check.segment, request.entries, connector, catalog);
    // A lone edit (a value picked, a box ticked) runs at once; a burst of keystrokes waits for a pause.
    const now = performance.now();
    const alone = now - this.lastScheduled > PREVIEW_DEBOUNCE_MS && !this.running;
    this.lastScheduled = now;
    this.timer = setTimeout(run, switched || alone ? 0 : PREVIEW_DEBOUNCE_MS);
  }

  /** Everything the members depend on: the query, the segments it uses, the data and the instant. */
  private keyOf(request: PreviewRequest): string {
    const { connector, catalog } = this.deps.data;
    return previewKey({
      id: request.id,
      definition: request.definition,
      entries: request.entries,
      ready: Boolean(connector && catalog),
      dataVersion: this.deps.data.version,
      now: this.deps.clock.now,
    });
  }

  private clearFigures(): void {
    this.total = undefined;
    this.stepCounts = [];
    this.ms = undefined;
    this.error = undefined;
    this.problems = [];
    this.stale = false;
    this.table = undefined;
    this.evaluated = undefined;
  }

  private async run(
    generation: number,
    id: string,
    segment: Segment,
    entries: readonly LibraryEntry[],
    db: Connector,
    catalog: Catalog,
  ): Promise<void> {
    if (generation !== this.generation) return;
    if (this.deps.ready) {
      // The engine runs one query at a time: the preview's would delay the library's first counts.
      await this.deps.ready;
      if (generation !== this.generation) return;
    }
    this.status = 'running';
    this.running = true;
    const now = this.deps.clock.now;
    const ctx = evaluationContext(this.deps.data, db, catalog, engineLibrary(entries), now);
    const started = performance.now();
    const isCurrent = () => generation === this.generation;
    try {
      const outcome = await evaluateSteps(ctx, this.deps.evaluator, segment, `${this.prefix}:${generation}`, isCurrent);
      if (!isCurrent()) {
        await dropTable(ctx.runner, outcome.table);
        return;
      }
      this.ms = Math.round(performance.now() - started);
      this.total = outcome.total;
      this.stepCounts = outcome.stepCounts;
      this.evaluatedAt = now;
      this.evaluated = { id, segment, library: withDefinition(entries, id, segment), now };
      this.stale = false;
      this.error = undefined;
      this.status = 'ready';
      this.keep(ctx.runner, outcome.table);
    } catch (error) {
      if (error instanceof Superseded || !isCurrent()) return;
      this.error = error instanceof Error ? error.message : String(error);
      this.status = 'error';
    } finally {
      if (isCurrent()) this.running = false;
    }
  }

  private keep(runner: SqlRunner, table: string): void {
    this.table = table;
    this.tablesKept.push(table);
    while (this.tablesKept.length > KEPT_TABLES) void dropTable(runner, this.tablesKept.shift()!).catch(() => undefined);
  }
}

/** The engine's library with the definition being edited in place of the entry's exported version. */
function withDefinition(entries: readonly LibraryEntry[], id: string, segment: Segment): Library {
  return { version: 1, segments: [...engineLibrary(entries.filter((e) => e.id !== id)).segments, segment] };
}
