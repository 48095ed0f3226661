/**
 * The funnels of the open segment, following the preview: once the preview has evaluated a
 * definition, each group's figures (every prefix, every condition and branch alone) are counted
 * in one query. Counts are kept by their SQL (which holds the definition part and the instant)
 * for the data version, so an edit to one condition counts only the figures it changed.
 */
import { funnelPlans, type FunnelBranchOf, type FunnelStepOf, type GroupFunnelOf } from '../../engine/stats/funnel-queries';
import type { EvaluatedSegment, LoadedData } from '../preview/preview-state.svelte';
import { epochOf } from '../../data/segment-evaluator';
import { CountCache } from './count-cache';
import { countFunnel } from './count-funnel';

/** Each figure a member count. */
export type FunnelBranch = FunnelBranchOf<number>;
export type FunnelStep = FunnelStepOf<number>;
export type GroupFunnel = GroupFunnelOf<number>;

export type FunnelStatus = 'idle' | 'running' | 'ready' | 'error';

export class FunnelState {
  status: FunnelStatus = $state('idle');
  funnels: readonly GroupFunnel[] = $state.raw([]);
  /** The entry the funnels belong to. */
  forId: string | undefined = $state();
  error: string | undefined = $state();
  private generation = 0;
  private readonly counts = new CountCache();

  constructor(private readonly data: LoadedData) {}

  async schedule(evaluated: EvaluatedSegment | undefined): Promise<void> {
    const generation = ++this.generation;
    const { connector, catalog } = this.data;
    if (!evaluated || !connector || !catalog) {
      [this.status, this.funnels, this.forId] = ['idle', [], evaluated?.id];
      return;
    }
    if (this.forId !== evaluated.id) this.funnels = [];
    this.forId = evaluated.id;
    this.status = 'running';
    const epoch = epochOf(this.data, evaluated.now);
    try {
      const plans = funnelPlans(evaluated.segment, {
        catalog,
        now: evaluated.now,
        segmentQuery: (name) => {
          throw new Error(`a group refers to no segment (${name})`);
        },
      });
      const funnels: GroupFunnel[] = [];
      for (const plan of plans) {
        funnels.push(await countFunnel(plan, this.counts, (sql) => connector.query(sql), epoch));
        if (generation !== this.generation) return;
      }
      [this.funnels, this.status, this.error] = [funnels, 'ready', undefined];
    } catch (error) {
      if (generation !== this.generation) return;
      [this.status, this.error] = ['error', error instanceof Error ? error.message : String(error)];
    }
  }
}
