/** A random valid library: profile, interaction, static and compound segments, all live. */
import fc from 'fast-check';
import type { Combine } from '../../src/engine/library-schema';
import { CONTACT_SCOPE, INTERACTION_TYPES, condition, interactionQuery, typedClause, window } from './conditions';
import { ZONES, type TimePools } from './time-pools';
import { CONTACT_KEYS } from './value-pools';

/** The library as JSON, before the product's parser fills in defaults. */
export interface LibraryJson {
  version: 1;
  segments: Record<string, unknown>[];
}

const MAX_DEPTH = 3;
const combine = fc.constantFrom<Combine>('union', 'intersect', 'exclude');

function folded<T>(first: fc.Arbitrary<T>, rest: fc.Arbitrary<T>): fc.Arbitrary<(T & { combine?: Combine })[]> {
  return fc
    .tuple(first, fc.array(fc.tuple(combine, rest), { maxLength: 2 }))
    .map(([head, tail]) => [head, ...tail.map(([how, item]) => ({ combine: how, ...item }))] as (T & { combine?: Combine })[]);
}

type Body = { kind: string; [key: string]: unknown };

function segmentBody(pools: TimePools): fc.Arbitrary<Body> {
  const group = fc
    .option(condition(CONTACT_SCOPE, pools, MAX_DEPTH), { freq: 8, nil: undefined })
    .map((where) => (where === undefined ? {} : { where }));
  return fc.oneof(
    { weight: 4, arbitrary: folded(group, group).map((groups) => ({ kind: 'profile', query: { groups } })) },
    { weight: 4, arbitrary: interactionQuery(pools, MAX_DEPTH - 1).map((query) => ({ kind: 'interaction', query })) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...CONTACT_KEYS) }, fc.constantFrom('nobody', 'C2')), { maxLength: 8 })
        .map((members) => ({ kind: 'static', members })),
    },
    // Steps name earlier segments by position; resolved once the names are known.
    {
      weight: 2,
      arbitrary: folded(
        fc.nat().map((ref) => ({ ref })),
        fc.nat().map((ref) => ({ ref })),
      ).map((steps) => ({ kind: 'compound', steps })),
    },
  );
}

const timeZone = (pools: TimePools) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant<string | undefined>(pools.zone) },
    { weight: 2, arbitrary: fc.constantFrom<string | undefined>(...ZONES) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
  );

export function libraryArbitrary(pools: TimePools): fc.Arbitrary<LibraryJson> {
  return fc.array(fc.tuple(segmentBody(pools), timeZone(pools)), { minLength: 1, maxLength: 12, size: 'medium' }).map((drawn) => ({
    version: 1 as const,
    segments: drawn.map(([body, zone], index) => {
      const head = { name: `S${index}`, status: 'live', ...(zone === undefined ? {} : { timeZone: zone }) };
      if (body.kind !== 'compound') return { ...head, ...body };
      if (index === 0) return { ...head, kind: 'static', members: ['c1'] };
      const steps = (body.steps as { ref: number; combine?: Combine }[]).map(({ ref, ...rest }) => ({
        ...rest,
        segment: `S${ref % index}`,
      }));
      return { ...head, kind: 'compound', query: { steps } };
    }),
  }));
}

/**
 * Many small segments that each hinge on one date or timestamp test — a clause on a contact
 * field, a clause on an interaction field, or an interaction window — so that values placed
 * exactly on relative bounds, day starts and DST transitions decide the result.
 */
export function timeLibraryArbitrary(pools: TimePools): fc.Arbitrary<LibraryJson> {
  const contactClause = fc
    .constantFrom(['createdon', 'timestamp'] as const, ['lastseen', 'timestamp'] as const, ['birthdate', 'date'] as const)
    .chain(([field, type]) => typedClause(field, type, pools));
  const interactionClause = fc
    .constantFrom(['Timestamp', 'timestamp'] as const, ['SentOn', 'date'] as const)
    .chain(([field, type]) => typedClause(field, type, pools));
  const body = fc.oneof(
    contactClause.map((where) => ({ kind: 'profile', query: { groups: [{ where }] } })),
    contactClause.map((where) => ({ kind: 'profile', query: { groups: [{ where: { not: where } }] } })),
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...INTERACTION_TYPES), window(pools))
        .map(([interaction, w]) => ({ kind: 'interaction', query: w === undefined ? { interaction } : { interaction, window: w } })),
    },
    interactionClause.map((where) => ({ kind: 'interaction', query: { interaction: 'EmailClicked', where } })),
  );
  return fc.array(fc.tuple(body, timeZone(pools)), { minLength: 1, maxLength: 20, size: 'medium' }).map((drawn) => ({
    version: 1 as const,
    segments: drawn.map(([b, zone], index) => ({
      name: `T${index}`,
      status: 'live',
      ...(zone === undefined ? {} : { timeZone: zone }),
      ...b,
    })),
  }));
}
