/**
 * What the first screen waits for: the library's counts ask the engine for their first segments
 * at once (before the page renders anything), a few ahead of the one awaited, and the designer's
 * preview asks nothing of the engine until its `ready` promise (the first counts) settles.
 */
import { describe, expect, it } from 'vitest';
import type { Segment } from '../src/engine/library-schema';
import type { LibraryEntry } from '../src/state/library/library-entries';
import { LibraryCounts } from '../src/state/library/library-counts.svelte';
import { EvaluationClock } from '../src/state/preview/preview-clock.svelte';
import { PreviewState } from '../src/state/preview/preview-state.svelte';
import { SegmentEvaluator, type EvaluationContext, type Materialised } from '../src/data/segment-evaluator';
import { NOW } from './helpers/fixture-data';
import { fixtureDatabase } from './helpers/fixture-database';

const fixture = fixtureDatabase();

const profile = (name: string, city: string): Segment =>
  ({
    name,
    kind: 'profile',
    status: 'live',
    timeZone: 'UTC',
    query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: city } }] },
  }) as Segment;
const entries: LibraryEntry[] = ['Paris', 'Lyon', 'Nice', 'Lille', 'Metz'].map((city) => {
  const live = profile(city, city);
  return { id: city, status: 'live', live, updatedAt: 0 };
});

/** An evaluator that records which segments were asked for, and answers only when told to. */
class HeldEvaluator extends SegmentEvaluator {
  readonly asked: string[] = [];
  private release: () => void = () => undefined;
  private readonly held = new Promise<void>((resolve) => (this.release = resolve));
  override async materialise(ctx: EvaluationContext, name: string): Promise<Materialised> {
    this.asked.push(name);
    await this.held;
    return super.materialise(ctx, name);
  }
  answer(): void {
    this.release();
  }
}

function deps(evaluator: SegmentEvaluator) {
  const clock = new EvaluationClock(() => NOW);
  clock.setAsOf(NOW);
  return { data: { connector: fixture.db, catalog: fixture.catalog, version: 1 }, clock, evaluator };
}

describe('the first screen', () => {
  it('asks for the first three counts at once, before anything else runs, and counts them all', async () => {
    const evaluator = new HeldEvaluator('first-screen-counts');
    const counts = new LibraryCounts(deps(evaluator));
    counts.schedule(entries);
    expect(evaluator.asked).toEqual(['Paris', 'Lyon', 'Nice']);
    evaluator.answer();
    await counts.firstDone;
    expect(evaluator.asked).toEqual(['Paris', 'Lyon', 'Nice', 'Lille', 'Metz']);
    expect(Object.keys(counts.counts)).toEqual(['Paris', 'Lyon', 'Nice', 'Lille', 'Metz']);
    expect(Object.values(counts.counts).every((c) => typeof c.count === 'number')).toBe(true);
  });

  it('keeps the preview from the engine until it is ready', async () => {
    const evaluator = new HeldEvaluator('first-screen-preview');
    evaluator.answer();
    let ready: () => void = () => undefined;
    const preview = new PreviewState({ ...deps(evaluator), ready: new Promise<void>((resolve) => (ready = resolve)) }, 'first-screen');
    preview.schedule({ id: 'Paris', definition: entries[0]!.live!, entries });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(preview.status).toBe('waiting');
    ready();
    await expect.poll(() => preview.status, { timeout: 20_000 }).toBe('ready');
    expect(preview.total).toBeTypeOf('number');
  });
});
