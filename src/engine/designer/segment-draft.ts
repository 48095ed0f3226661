/**
 * A segment as the designer edits it: the SPEC §3 shape with conditions typed, and status and
 * zone optional as in the JSON. `SegmentInput` (zod's input type) leaves conditions `unknown`.
 */
import type { CompoundSegment, InteractionSegment, ProfileSegment, SegmentInput, StaticSegment, Status } from '../library-schema';

type Draft<T> = Omit<T, 'status' | 'timeZone'> & { status?: Status; timeZone?: string };

export type ProfileDraft = Draft<ProfileSegment>;
export type InteractionDraft = Draft<InteractionSegment>;
export type CompoundDraft = Draft<CompoundSegment>;
export type StaticDraft = Draft<StaticSegment>;
export type SegmentDraft = ProfileDraft | InteractionDraft | CompoundDraft | StaticDraft;

export function asDraft(segment: SegmentInput): SegmentDraft {
  return segment as SegmentDraft;
}

export function asInput(segment: SegmentDraft): SegmentInput {
  return segment as SegmentInput;
}
