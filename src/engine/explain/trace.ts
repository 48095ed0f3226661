/**
 * Why a contact is or is not in a segment (SPEC §4 `--explain`): a trace that follows the
 * definition's shape — groups or steps, then conditions — and gives every part its verdict
 * (`holds`) and the values that decided it. Plain, serializable data: the CLI prints it as JSON
 * and the app renders it. docs/EXPLAIN-AND-TIMELINE.md describes the format for people.
 */
import type { Combine, CountTest, Measure, Operator } from '../library-schema';

/** A stored value as JSON: timestamps as ISO text, dates as `YYYY-MM-DD`, lists as arrays. */
export type TraceValue = string | number | boolean | null | readonly TraceValue[];

/**
 * What a group or step did to the contact's membership, folding left to right:
 * `admitted` (out before, in after), `removed` (in, then out), `kept` (in, still in), `none` (out, still out).
 */
export type Effect = 'admitted' | 'removed' | 'kept' | 'none';

export interface FieldTrace {
  readonly field: string;
  readonly op: Operator;
  readonly value?: unknown;
  /** The record's value of `field`. */
  readonly actual: TraceValue;
  readonly holds: boolean;
}

export interface RelatedTrace {
  readonly related: string;
  readonly via: string;
  readonly reverse?: boolean;
  readonly holds: boolean;
  /** Keys of the related records that satisfy `where` (all linked records when there is none), sorted, at most 20. */
  readonly matches: readonly string[];
  /** How many related records satisfy `where`. */
  readonly total: number;
  /** How many records are linked at all, whether or not they satisfy `where`. */
  readonly linked: number;
  /** With `where`: the record its trace is shown for — the first match, or else the first linked record. */
  readonly record?: string;
  readonly where?: ConditionTrace;
}

/** One interaction that was counted. */
export interface InteractionRecord {
  /** Its `InteractionId`, where the type has one. */
  readonly id?: string;
  readonly timestamp: string;
  /** Every field of the interaction. */
  readonly fields: Readonly<Record<string, TraceValue>>;
}

export interface InteractionTrace {
  readonly interaction: string;
  /** The contact link that decided whose interactions count. */
  readonly relation: string;
  readonly measure: Measure;
  /** The test the measure is compared with (the definition's `count`, or its default `atLeast 1`). */
  readonly count: CountTest;
  /** The measure over the counted interactions: 0 for a count over none, null for sum/avg/min/max over no values. */
  readonly value: number | null;
  /** How many interactions matched the window and `where`. */
  readonly total: number;
  /** The latest of them, newest first, at most 20. */
  readonly interactions: readonly InteractionRecord[];
  readonly holds: boolean;
}

export type ConditionTrace =
  | { readonly and: readonly ConditionTrace[]; readonly holds: boolean }
  | { readonly or: readonly ConditionTrace[]; readonly holds: boolean }
  | { readonly not: ConditionTrace; readonly holds: boolean }
  | FieldTrace
  | RelatedTrace
  | InteractionTrace;

interface FoldPart {
  readonly combine?: Combine;
  /** Whether the contact is in this group's or step's own members. */
  readonly holds: boolean;
  /** Whether the contact is a member after folding this part in. */
  readonly after: boolean;
  readonly effect: Effect;
}

export interface GroupTrace extends FoldPart {
  /** Absent for a group without `where` (every contact). */
  readonly where?: ConditionTrace;
}

export interface StepTrace extends FoldPart {
  readonly segment: string;
  readonly trace: Trace;
}

export type Trace =
  | { readonly kind: 'profile'; readonly holds: boolean; readonly groups: readonly GroupTrace[] }
  | ({ readonly kind: 'interaction' } & InteractionTrace)
  | { readonly kind: 'compound'; readonly holds: boolean; readonly steps: readonly StepTrace[] }
  | { readonly kind: 'static'; readonly holds: boolean; readonly listed: boolean };

export interface Explanation {
  readonly now: string;
  readonly segment: string;
  readonly contact: string;
  readonly member: boolean;
  readonly trace: Trace;
}

/** At most this many related keys and interactions are listed. */
export const TRACE_LIST_LIMIT = 20;

/** How membership changes when a part with verdict `holds` is folded in (SPEC §3: left to right). */
export function foldPart(before: boolean | undefined, combine: Combine | undefined, holds: boolean): Pick<FoldPart, 'after' | 'effect'> {
  const was = before ?? false;
  const after = before === undefined || combine === 'union' ? was || holds : combine === 'intersect' ? was && holds : was && !holds;
  const effect: Effect = was ? (after ? 'kept' : 'removed') : after ? 'admitted' : 'none';
  return { after, effect };
}
