/**
 * The segment library format, version 1 (SPEC §3), as zod schemas. These check the shape of
 * the JSON only; whether fields, entities and operators fit the loaded data is checked by
 * `validate-library.ts` against a catalog.
 */
import { z } from 'zod';

export const SEGMENT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/**
 * How deep conditions may nest: each `and`, `or`, `not`, `related` or interaction condition
 * inside another is one level (docs/DECISIONS.md). Far more than a designer builds, and far
 * less than what overflows the stack or DuckDB's expression depth.
 */
export const MAX_CONDITION_DEPTH = 64;
/** How deep any JSON value of a library may nest (conditions at their limit need about 135). */
export const MAX_JSON_DEPTH = 200;
export const tooDeepMessage = (): string =>
  `conditions nest more than ${MAX_CONDITION_DEPTH} levels deep here; flatten them (an "and" or "or" takes any number of conditions)`;

export const TEXT_OPS = ['eq', 'neq', 'in', 'notIn', 'contains', 'notContains', 'beginsWith', 'endsWith'] as const;
export const NUMBER_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'notIn'] as const;
export const BOOLEAN_OPS = ['isTrue', 'isFalse'] as const;
export const DATE_OPS = ['on', 'before', 'after', 'onOrBefore', 'onOrAfter', 'between', 'inLast', 'notInLast'] as const;
export const LIST_OPS = ['containsAny', 'containsAll', 'containsNone'] as const;
export const NULL_OPS = ['isNull', 'isNotNull'] as const;
/** Operators that take no `value`. */
export const VALUELESS_OPS: readonly string[] = ['isTrue', 'isFalse', 'isNull', 'isNotNull'];

export const OPERATORS = [...new Set([...TEXT_OPS, ...NUMBER_OPS, ...BOOLEAN_OPS, ...DATE_OPS, ...LIST_OPS, ...NULL_OPS])] as const;
export const Operator = z.enum(OPERATORS as unknown as [string, ...string[]]);
export type Operator =
  | (typeof TEXT_OPS)[number]
  | (typeof NUMBER_OPS)[number]
  | (typeof BOOLEAN_OPS)[number]
  | (typeof DATE_OPS)[number]
  | (typeof LIST_OPS)[number]
  | (typeof NULL_OPS)[number];

export const TIME_UNITS = ['day', 'week', 'month', 'year'] as const;
export const TimeUnit = z.enum(TIME_UNITS);
export type TimeUnit = z.infer<typeof TimeUnit>;

export const RelativeSpan = z.strictObject({ n: z.number().int().positive(), unit: TimeUnit });
export type RelativeSpan = z.infer<typeof RelativeSpan>;

/** The value's shape depends on the field's type and is checked against the catalog. */
export const FieldClause = z.strictObject({
  field: z.string().min(1),
  op: Operator,
  value: z.unknown().optional(),
});
export type FieldClause = Omit<z.infer<typeof FieldClause>, 'op'> & { op: Operator };

export const CountTest = z.union([
  z.strictObject({ op: z.enum(['atLeast', 'exactly', 'atMost']), value: z.number() }),
  z.strictObject({ op: z.literal('between'), value: z.tuple([z.number(), z.number()]) }),
]);
export type CountTest = z.infer<typeof CountTest>;

export const Measure = z.union([
  z.strictObject({ agg: z.literal('count') }),
  z.strictObject({ agg: z.enum(['countDistinct', 'sum', 'avg', 'min', 'max']), field: z.string().min(1) }),
]);
export type Measure = z.infer<typeof Measure>;

export const Window = z.union([
  z.strictObject({ last: z.number().int().positive(), unit: TimeUnit }),
  z.strictObject({ from: z.string().optional(), to: z.string().optional() }),
]);
export type Window = z.infer<typeof Window>;

export interface AndCondition {
  and: Condition[];
}
export interface OrCondition {
  or: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export interface RelatedCondition {
  related: string;
  via: string;
  reverse?: boolean;
  where?: Condition;
}
export interface InteractionQuery {
  interaction: string;
  relation?: string;
  where?: Condition;
  window?: Window;
  count?: CountTest;
  measure?: Measure;
}
export type Condition = AndCondition | OrCondition | NotCondition | FieldClause | RelatedCondition | InteractionQuery;

const conditionList = z.array(z.lazy(() => Condition)).min(1, 'an empty list is not allowed');

const conditionForms = {
  and: z.strictObject({ and: conditionList }),
  or: z.strictObject({ or: conditionList }),
  not: z.strictObject({ not: z.lazy(() => Condition) }),
  field: FieldClause,
  related: z.strictObject({
    related: z.string().min(1),
    via: z.string().min(1),
    reverse: z.boolean().optional(),
    where: z.lazy(() => Condition).optional(),
  }),
  interaction: z.lazy(() => InteractionQuery),
} as const;
const FORM_KEYS = Object.keys(conditionForms) as (keyof typeof conditionForms)[];

/**
 * A condition is recognised by its leading key (`and`, `or`, `not`, `field`, `related`,
 * `interaction`) and then parsed by that form alone, so errors point into the form the author
 * meant instead of listing why each alternative of a union failed.
 */
export const Condition: z.ZodType<Condition> = z.custom<Condition>().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `a condition must be an object with one of: ${FORM_KEYS.join(', ')}` });
    return;
  }
  const form = FORM_KEYS.find((key) => key in value);
  if (!form) {
    ctx.addIssue({
      code: 'custom',
      message: `a condition needs one of the keys ${FORM_KEYS.join(', ')}; found ${Object.keys(value).join(', ') || 'none'}`,
      params: { unknownKeys: Object.keys(value), knownKeys: FORM_KEYS },
    });
    return;
  }
  const parsed = (conditionForms[form] as z.ZodType).safeParse(value, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: issue.path } as never);
  }
});

export const InteractionQuery: z.ZodType<InteractionQuery> = z.strictObject({
  interaction: z.string().min(1),
  relation: z.string().min(1).optional(),
  where: Condition.optional(),
  window: Window.optional(),
  count: CountTest.optional(),
  measure: Measure.optional(),
});

export const Combine = z.enum(['union', 'intersect', 'exclude']);
export type Combine = z.infer<typeof Combine>;

const ProfileGroup = z.strictObject({ combine: Combine.optional(), where: Condition.optional() });
export type ProfileGroup = z.infer<typeof ProfileGroup>;
const CompoundStep = z.strictObject({ combine: Combine.optional(), segment: z.string().min(1) });
export type CompoundStep = z.infer<typeof CompoundStep>;

export const Status = z.enum(['draft', 'live', 'stopped']);
export type Status = z.infer<typeof Status>;

const common = {
  name: z.string().regex(SEGMENT_NAME, 'a name starts with a letter and holds only A-Z, a-z, 0-9 and _ (at most 100)'),
  status: Status.default('draft'),
  timeZone: z.string().default('UTC'),
  description: z.string().optional(),
};

export const ProfileSegment = z.strictObject({
  ...common,
  kind: z.literal('profile'),
  query: z.strictObject({ groups: z.array(ProfileGroup).min(1, 'a profile segment needs at least one group') }),
});
export const InteractionSegment = z.strictObject({ ...common, kind: z.literal('interaction'), query: InteractionQuery });
export const CompoundSegment = z.strictObject({
  ...common,
  kind: z.literal('compound'),
  query: z.strictObject({ steps: z.array(CompoundStep).min(1, 'a compound segment needs at least one step') }),
});
export const StaticSegment = z.strictObject({ ...common, kind: z.literal('static'), members: z.array(z.string()) });

export const Segment = z.discriminatedUnion('kind', [ProfileSegment, InteractionSegment, CompoundSegment, StaticSegment]);
export type Segment = z.infer<typeof Segment>;
export type SegmentInput = z.input<typeof Segment>;
export type SegmentKind = Segment['kind'];
export type ProfileSegment = z.infer<typeof ProfileSegment>;
export type InteractionSegment = z.infer<typeof InteractionSegment>;
export type CompoundSegment = z.infer<typeof CompoundSegment>;
export type StaticSegment = z.infer<typeof StaticSegment>;

export const Library = z.strictObject({ version: z.literal(1), segments: z.array(Segment) });
export type Library = z.infer<typeof Library>;
