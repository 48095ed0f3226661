/**
 * The insight views' work the benchmark times (issue 10): "why in / out" traces, the funnel of a
 * five-condition group, the overlap of eight segments and 13-point weekly timelines, each with
 * its target. The segments are the benchmark's own (bench/segments.ts) plus the funnel's group.
 */
import type { SegmentInput } from '../src/engine/library-schema';

export type InsightKind = 'trace' | 'funnel' | 'overlap' | 'timeline';

export type InsightTask =
  | { readonly kind: 'trace'; readonly label: string; readonly segment: string; readonly member: boolean }
  | { readonly kind: 'funnel'; readonly label: string; readonly segment: string }
  | { readonly kind: 'overlap'; readonly label: string; readonly segments: readonly string[]; readonly cached: boolean }
  | { readonly kind: 'timeline'; readonly label: string; readonly segment: string };

/** The targets, in milliseconds. */
export const INSIGHT_TARGET_MS: Readonly<Record<InsightKind, number>> = { trace: 100, funnel: 200, overlap: 300, timeline: 2000 };

/** A profile group of five AND-ed conditions of every kind: text, date, list, related record, behaviour. */
export const FUNNEL_SEGMENT: SegmentInput = {
  name: 'FiveConditionGroup',
  kind: 'profile',
  status: 'live',
  description: 'one group of five AND-ed conditions, for the funnel',
  query: {
    groups: [
      {
        where: {
          and: [
            { field: 'address1_city', op: 'in', value: ['Seattle', 'Redmond', 'Vancouver', 'Denver', 'Boston', 'Austin'] },
            { field: 'createdon', op: 'inLast', value: { n: 3, unit: 'year' } },
            { field: 'interests', op: 'containsAny', value: ['golf', 'wine', 'travel'] },
            { related: 'account', via: 'contact_account', where: { field: 'revenue', op: 'gte', value: 1_000_000 } },
            { interaction: 'EmailOpened', window: { last: 90, unit: 'day' } },
          ],
        },
      },
    ],
  },
};

const OVERLAP = [
  'PlainCount',
  'WindowedRestricted',
  'DistinctMessages',
  'VisitTime',
  'NeverOpenedRecently',
  'SeattleBigAccounts',
  'ThreeGroupFlow',
  'Referrers',
];

export const INSIGHT_TASKS: readonly InsightTask[] = [
  { kind: 'trace', label: 'trace: ThreeGroupFlow, a member', segment: 'ThreeGroupFlow', member: true },
  { kind: 'trace', label: 'trace: ThreeGroupFlow, a non-member', segment: 'ThreeGroupFlow', member: false },
  { kind: 'trace', label: 'trace: EngagedNotLapsed (compound), a member', segment: 'EngagedNotLapsed', member: true },
  { kind: 'trace', label: 'trace: PlainCount, a non-member', segment: 'PlainCount', member: false },
  { kind: 'funnel', label: 'funnel: a group of 5 AND-ed conditions', segment: FUNNEL_SEGMENT.name },
  { kind: 'overlap', label: 'overlap of 8 segments, their tables kept', segments: OVERLAP, cached: true },
  { kind: 'overlap', label: 'overlap of 8 segments, evaluated first', segments: OVERLAP, cached: false },
  { kind: 'timeline', label: 'timeline: PlainCount (lifetime count)', segment: 'PlainCount' },
  { kind: 'timeline', label: 'timeline: WindowedRestricted (90-day window)', segment: 'WindowedRestricted' },
  { kind: 'timeline', label: 'timeline: VisitTime (sum, 6 months)', segment: 'VisitTime' },
  { kind: 'timeline', label: 'timeline: NeverOpenedRecently (zero count)', segment: 'NeverOpenedRecently' },
  { kind: 'timeline', label: 'timeline: ThreeGroupFlow (Flow)', segment: 'ThreeGroupFlow' },
  { kind: 'timeline', label: 'timeline: EngagedNotLapsed (compound)', segment: 'EngagedNotLapsed' },
];

/** The weekly timeline ending at the evaluation instant: 13 points. */
export const TIMELINE_WEEKS = 12;
