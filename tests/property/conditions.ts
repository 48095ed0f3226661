/**
 * Random valid conditions and interaction queries over the fixed dataset layout: every
 * operator of every field type, nested and/or/not, related records both ways (self relation
 * included), behavioural conditions inside profile conditions.
 */
import fc from 'fast-check';
import type { Condition, CountTest, InteractionQuery, Measure, Window } from '../../src/engine/library-schema';
import type { RefFieldType } from '../reference/ref-data';
import { datasetReference } from './dataset-reference';
import { SPANS, type TimePools } from './time-pools';
import { dayValue, exactNumber, instantValue, listItem, numberValue, textNeedle, textValue } from './value-pools';

const SCHEMA = datasetReference({
  csv: { lead: false, websiteVisited: false },
  contacts: [],
  accounts: [],
  leads: [],
  interactions: [],
  emailOpened: [],
  websiteVisited: [],
});
export const INTERACTION_TYPES = Object.keys(SCHEMA.interactionTypes);

type Fields = Readonly<Record<string, RefFieldType>>;
type Entity = 'contact' | 'account' | 'lead';

interface Scope {
  readonly fields: Fields;
  /** Profile entity, absent inside an interaction's `where`. */
  readonly entity?: Entity;
}

const entityScope = (entity: Entity): Scope => ({ fields: SCHEMA.entities[entity]!.fields, entity });
export const CONTACT_SCOPE = entityScope('contact');

const RELATED: Record<Entity, { related: Entity; via: string; reverse?: boolean }[]> = {
  contact: [
    { related: 'account', via: 'contact_account' },
    { related: 'contact', via: 'contact_parent' },
    { related: 'contact', via: 'contact_parent', reverse: false },
    { related: 'contact', via: 'contact_parent', reverse: true },
    { related: 'account', via: 'account_contactid' },
    { related: 'account', via: 'account_contactid', reverse: true },
    { related: 'lead', via: 'contact_LeadId' },
  ],
  account: [
    { related: 'contact', via: 'contact_account' },
    { related: 'contact', via: 'contact_account', reverse: true },
    { related: 'contact', via: 'account_contactid' },
  ],
  lead: [{ related: 'contact', via: 'contact_LeadId' }],
};

const span = (pools: TimePools) =>
  fc.oneof(
    ...(pools.focusSpans.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...pools.focusSpans) }] : []),
    { weight: 4, arbitrary: fc.constantFrom(...SPANS) },
    fc.record({
      n: fc.integer({ min: 1, max: 5 }),
      unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
    }),
  );

const OFFSETS = [0, -300, 330, 765, -480, 60, -210];

function withOffset(instant: number, minutes: number, compact: boolean): string {
  const iso = new Date(instant + minutes * 60_000).toISOString();
  const clock = instant % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
  if (minutes === 0 && !compact) return `${clock}Z`;
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${clock}${minutes < 0 ? '-' : '+'}${hh}${compact ? '' : ':'}${mm}`;
}

/** A date value of a condition: a day, or an instant written with Z or an offset. */
function dateValue(pools: TimePools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: dayValue(pools) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(instantValue(pools), fc.constantFrom(...OFFSETS), fc.boolean())
        .map(([instant, minutes, compact]) => withOffset(instant, minutes, compact)),
    },
  );
}

/** Validation orders a date and an instant by the date's UTC midnight. */
const comparable = (value: string) => (value.length === 10 ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value));

function ordered<T>(arb: fc.Arbitrary<T>, key: (v: T) => number): fc.Arbitrary<[T, T]> {
  return fc.tuple(arb, arb).map(([a, b]) => (key(a) <= key(b) ? [a, b] : [b, a]));
}

const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 3 });
const clause = (field: string, op: string): fc.Arbitrary<Condition> => fc.constant({ field, op } as Condition);
const clauseOf = <T>(field: string, op: string, value: fc.Arbitrary<T>): fc.Arbitrary<Condition> =>
  value.map((v) => ({ field, op, value: v }) as Condition);

export function typedClause(field: string, type: RefFieldType, pools: TimePools): fc.Arbitrary<Condition> {
  const nulls = [clause(field, 'isNull'), clause(field, 'isNotNull')];
  switch (type) {
    case 'text':
      return fc.oneof(
        ...['eq', 'neq'].map((op) => clauseOf(field, op, textValue)),
        ...['in', 'notIn'].map((op) => clauseOf(field, op, list(textValue))),
        ...['contains', 'notContains', 'beginsWith', 'endsWith'].map((op) => clauseOf(field, op, fc.oneof(textNeedle, textValue))),
        ...nulls,
      );
    case 'number':
      return fc.oneof(
        ...['eq', 'neq', 'lt', 'lte', 'gt', 'gte'].map((op) => clauseOf(field, op, numberValue)),
        clauseOf(
          field,
          'between',
          ordered(numberValue, (n) => n),
        ),
        ...['in', 'notIn'].map((op) => clauseOf(field, op, list(numberValue))),
        ...nulls,
      );
    case 'boolean':
      return fc.oneof(clause(field, 'isTrue'), clause(field, 'isFalse'), ...nulls);
    case 'date':
    case 'timestamp':
      return fc.oneof(
        ...['on', 'before', 'after', 'onOrBefore', 'onOrAfter'].map((op) => clauseOf(field, op, dateValue(pools))),
        clauseOf(field, 'between', ordered(dateValue(pools), comparable)),
        ...['inLast', 'notInLast'].map((op) => clauseOf(field, op, span(pools))),
        ...nulls,
      );
    case 'textList':
      return fc.oneof(
        ...['containsAny', 'containsAll', 'containsNone'].map((op) =>
          clauseOf(field, op, list(fc.oneof({ weight: 3, arbitrary: listItem }, { weight: 1, arbitrary: textValue }))),
        ),
        ...nulls,
      );
  }
}

function fieldClause(scope: Scope, pools: TimePools): fc.Arbitrary<Condition> {
  return fc.constantFrom(...Object.entries(scope.fields)).chain(([field, type]) => typedClause(field, type, pools));
}

export function condition(scope: Scope, pools: TimePools, depth: number): fc.Arbitrary<Condition> {
  const leaf = fieldClause(scope, pools);
  if (depth <= 0) return leaf;
  const inner = () => condition(scope, pools, depth - 1);
  const forms: fc.WeightedArbitrary<Condition>[] = [
    { weight: 5, arbitrary: leaf },
    { weight: 2, arbitrary: list(inner()).map((and) => ({ and })) },
    { weight: 2, arbitrary: list(inner()).map((or) => ({ or })) },
    { weight: 2, arbitrary: inner().map((not) => ({ not })) },
  ];
  if (scope.entity) {
    const options = RELATED[scope.entity];
    forms.push({
      weight: 2,
      arbitrary: fc
        .constantFrom(...options)
        .chain((r) =>
          fc
            .option(condition(entityScope(r.related), pools, depth - 1), { freq: 5, nil: undefined })
            .map((where) => (where === undefined ? { ...r } : { ...r, where })),
        ),
    });
  }
  if (scope.entity === 'contact') forms.push({ weight: 2, arbitrary: interactionQuery(pools, depth - 1) });
  return fc.oneof(...forms);
}

const NUMERIC_AGGS = ['sum', 'avg', 'min', 'max'] as const;

function measure(fields: Fields): fc.Arbitrary<Measure | undefined> {
  const numeric = Object.entries(fields)
    .filter(([, t]) => t === 'number')
    .map(([f]) => f);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant({ agg: 'count' as const }) },
    { weight: 2, arbitrary: fc.constantFrom(...Object.keys(fields)).map((field) => ({ agg: 'countDistinct' as const, field })) },
    { weight: 3, arbitrary: fc.record({ agg: fc.constantFrom(...NUMERIC_AGGS), field: fc.constantFrom(...numeric) }) },
  );
}

function countTest(m: Measure | undefined): fc.Arbitrary<CountTest | undefined> {
  const isCount = m === undefined || m.agg === 'count' || m.agg === 'countDistinct';
  const value = isCount
    ? fc.oneof(fc.constantFrom(0, 1, 1, 2), fc.integer({ min: 0, max: 4 }))
    : fc.oneof(exactNumber, fc.constantFrom(0, -1, 0.5, 600, 1e-7));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('atLeast' as const, 'exactly' as const, 'atMost' as const), value }) },
    { weight: 2, arbitrary: ordered(value, (v) => v).map((pair) => ({ op: 'between' as const, value: pair })) },
  );
}

export function window(pools: TimePools): fc.Arbitrary<Window | undefined> {
  const end = dateValue(pools);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: span(pools).map((s) => ({ last: s.n, unit: s.unit })) },
    { weight: 1, arbitrary: end.map((from) => ({ from })) },
    { weight: 1, arbitrary: end.map((to) => ({ to })) },
    { weight: 2, arbitrary: ordered(end, comparable).map(([from, to]) => ({ from, to })) },
  );
}

export function interactionQuery(pools: TimePools, depth: number): fc.Arbitrary<InteractionQuery> {
  return fc.constantFrom(...INTERACTION_TYPES).chain((interaction) => {
    const type = SCHEMA.interactionTypes[interaction]!;
    const scope: Scope = { fields: type.fields };
    return measure(type.fields).chain((m) =>
      fc
        .record({
          relation: fc.option(fc.constantFrom(...type.links), { freq: 2, nil: undefined }),
          where: fc.option(condition(scope, pools, Math.min(depth, 2)), { freq: 2, nil: undefined }),
          window: window(pools),
          count: countTest(m),
        })
        .map((parts) => {
          const query: Record<string, unknown> = { interaction };
          for (const [key, value] of Object.entries({ ...parts, measure: m })) if (value !== undefined) query[key] = value;
          return query as unknown as InteractionQuery;
        }),
    );
  });
}
