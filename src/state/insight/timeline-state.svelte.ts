/**
 * Membership over time of the open segment: its size at every day, week or month of a range
 * (by default the 12 weeks up to the evaluation instant), with how many entered and left since
 * the point before, and for a chosen point who they are. Evaluated only while its view is open.
 */
import type { EvaluatedSegment } from '../preview/preview-state.svelte';
import type { InsightServices, MembershipChanges, TimelinePoint, TimelineStep } from './insight-services';

export const DEFAULT_SPAN_MS = 12 * 7 * 86_400_000;

export type TimelineStatus = 'idle' | 'running' | 'ready' | 'error';

export class TimelineState {
  step: TimelineStep = $state('week');
  /** Chosen bounds, epoch ms; undefined follows the evaluation instant. */
  from: number | undefined = $state();
  to: number | undefined = $state();
  status: TimelineStatus = $state('idle');
  points: readonly TimelinePoint[] = $state.raw([]);
  error: string | undefined = $state();
  /** Index of the point whose changes are listed. */
  selected: number | undefined = $state();
  changes: MembershipChanges | undefined = $state.raw();
  changesError: string | undefined = $state();
  private evaluated: EvaluatedSegment | undefined;
  private key: string | undefined;
  private generation = 0;
  private changesGeneration = 0;

  constructor(private readonly services: Pick<InsightServices, 'timeline' | 'changes'>) {}

  /** The range shown: the chosen bounds, else the 12 weeks up to the evaluation instant. */
  range(now: number): { from: number; to: number } {
    const to = this.to ?? now;
    return { from: this.from ?? to - DEFAULT_SPAN_MS, to };
  }

  /** Evaluates the timeline of `evaluated` when the view is open and something it depends on changed. */
  async schedule(evaluated: EvaluatedSegment | undefined, open: boolean): Promise<void> {
    if (evaluated?.id !== this.evaluated?.id) [this.points, this.selected, this.changes, this.key] = [[], undefined, undefined, undefined];
    this.evaluated = evaluated;
    if (!evaluated || !open) return;
    const range = { ...this.range(evaluated.now), step: this.step };
    const key = JSON.stringify([evaluated.segment, evaluated.library, range]);
    if (key === this.key && this.status !== 'error') return;
    this.key = key;
    const generation = ++this.generation;
    if (range.from > range.to) {
      [this.status, this.error, this.points] = ['error', 'The range starts after it ends: pick a start before the end.', []];
      return;
    }
    this.status = 'running';
    try {
      const points = await this.services.timeline(evaluated.library, evaluated.segment.name, range);
      if (generation !== this.generation) return;
      [this.points, this.status, this.error, this.selected, this.changes] = [points, 'ready', undefined, undefined, undefined];
    } catch (error) {
      if (generation !== this.generation) return;
      [this.status, this.error, this.points] = ['error', error instanceof Error ? error.message : String(error), []];
    }
  }

  /** Lists who entered and who left at point `index`. */
  async select(index: number): Promise<void> {
    const point = this.points[index];
    const evaluated = this.evaluated;
    if (!point || !evaluated) return;
    const generation = ++this.changesGeneration;
    [this.selected, this.changes, this.changesError] = [index, undefined, undefined];
    const previous = this.points[index - 1];
    try {
      const changes = await this.services.changes(
        evaluated.library,
        evaluated.segment.name,
        Date.parse(point.at),
        previous && Date.parse(previous.at),
      );
      if (generation === this.changesGeneration) this.changes = changes;
    } catch (error) {
      if (generation === this.changesGeneration) this.changesError = error instanceof Error ? error.message : String(error);
    }
  }
}
