/** A group's funnel counted: every figure of the plan through the count cache, those not kept in one query. */
import type { FunnelFigure, GroupFunnelOf, GroupFunnelPlan } from '../../engine/stats/funnel-queries';
import type { Row } from '../../data/connector';
import type { CountCache } from './count-cache';

export async function countFunnel(
  plan: GroupFunnelPlan,
  counts: CountCache,
  run: (sql: string) => Promise<Row[]>,
  epoch: string,
): Promise<GroupFunnelOf<number>> {
  const figures: FunnelFigure[] = plan.steps.flatMap((step) => [step.remaining, step.alone, ...step.branches.map((b) => b.alone)]);
  const counted = await Promise.all(counts.countAll(run, epoch, figures, plan.countsQuery));
  let next = 0;
  const take = () => counted[next++]!;
  const steps = plan.steps.map((step) => ({
    label: step.label,
    remaining: take(),
    alone: take(),
    branches: step.branches.map((branch) => ({ label: branch.label, alone: take() })),
  }));
  return { group: plan.group, ...(plan.combine ? { combine: plan.combine } : {}), steps };
}
