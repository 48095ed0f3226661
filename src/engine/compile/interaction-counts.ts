/**
 * Every contact's measure value for an interaction query, ignoring its count test: what the
 * designer's histogram plots. It reuses the compiler's own interaction query (window, link,
 * restrictions) so the histogram always agrees with the segment: compiled with a count test
 * that holds at zero, that query is a LEFT JOIN from contacts to per-contact values, and this
 * module keeps those values instead of testing them.
 */
import type { Catalog } from '../catalog';
import type { InteractionQuery } from '../library-schema';
import type { Query } from '../sql/ast';
import * as q from '../sql/build';
import { compileSegment, CompileError, MEMBER_COLUMN } from './compile-segment';

export const VALUE_COLUMN = 'value';

export interface InteractionCountsOptions {
  readonly catalog: Catalog;
  readonly now: number;
  readonly timeZone: string;
}

/**
 * Columns `id` (every contact) and `value`: the number of matching interactions (0 when none)
 * for count measures; for sum/avg/min/max the aggregate, NULL when the contact has no value.
 */
export function interactionValuesQuery(query: InteractionQuery, options: InteractionCountsOptions): Query {
  const measure = query.measure ?? { agg: 'count' as const };
  const isCount = measure.agg === 'count' || measure.agg === 'countDistinct';
  const compiled = compileSegment(
    {
      name: 'Histogram',
      kind: 'interaction',
      status: 'draft',
      timeZone: options.timeZone,
      query: { ...query, count: { op: 'atLeast', value: 0 }, measure: isCount ? measure : { agg: 'count' } },
    },
    { catalog: options.catalog, now: options.now, segmentQuery: () => unexpected('a segment reference') },
  );
  if (compiled.kind !== 'select' || compiled.from?.kind !== 'join' || compiled.from.right.kind !== 'subquery')
    unexpected('the shape of a zero-count interaction query');
  const perContactFrom = compiled.from.right;
  const perContact = perContactFrom.query;
  if (perContact.kind !== 'select' || perContact.columns.length !== 2) unexpected('the per-contact subquery');
  const [link] = perContact.columns;
  let values = perContact;
  if (measure.agg !== 'count' && measure.agg !== 'countDistinct') {
    const alias = link!.expr.kind === 'column' ? link!.expr.table : undefined;
    values = { ...perContact, columns: [link!, q.as(q.agg(measure.agg, q.col(alias, measure.field)), VALUE_COLUMN)] };
  }
  const value = q.col(perContactFrom.alias, VALUE_COLUMN);
  return q.select([compiled.columns[0]!, q.as(isCount ? q.coalesce(value, q.num(0)) : value, VALUE_COLUMN)], {
    from: { ...compiled.from, right: { ...perContactFrom, query: values } },
  });
}

function unexpected(what: string): never {
  throw new CompileError(`interaction counts: unexpected ${what} from the compiler`);
}

export { MEMBER_COLUMN };
