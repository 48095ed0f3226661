/**
 * What the insight views (why a contact is in, membership over time) ask of the loaded data.
 * The views get an implementation injected; they never see the connector or SQL.
 */
import type { Explanation } from '../../engine/explain/trace';
import type { Library } from '../../engine/library-schema';

export type TimelineStep = 'day' | 'week' | 'month';

export interface TimelinePoint {
  /** The instant, ISO text. */
  readonly at: string;
  readonly count: number;
  /** Members at this instant that were not at the previous one (all of them at the first). */
  readonly entered: number;
  readonly left: number;
}

export interface MembershipChanges {
  readonly entered: readonly string[];
  readonly left: readonly string[];
}

export interface InsightServices {
  /** Whether `contact` is in segment `segment` of `library` at `now`, and why. */
  explain(library: Library, segment: string, contact: string, now: number): Promise<Explanation>;
  /** The segment's size at every step from `from` to `to` (epoch ms), with who entered and left between points. */
  timeline(library: Library, segment: string, range: { from: number; to: number; step: TimelineStep }): Promise<TimelinePoint[]>;
  /** Who entered and who left the segment between instant `previous` and `at` (epoch ms). */
  changes(library: Library, segment: string, at: number, previous: number): Promise<MembershipChanges>;
}
