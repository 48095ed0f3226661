/** How many contacts have each measure value of an interaction query (its count test ignored). */
import type { Catalog } from '../catalog';
import { compileInteractionValues, VALUE_COLUMN } from '../compile/compile-segment';
import type { InteractionQuery } from '../library-schema';
import type { From, Query } from '../sql/ast';
import * as q from '../sql/build';

/** Columns `value` and `contacts`, ascending by value; contacts without a value are left out. */
export function histogramQuery(query: InteractionQuery, catalog: Catalog, timeZone: string, now: number): Query {
  return histogramOf(q.subquery(compileInteractionValues(query, { catalog, timeZone, now }), 'p'));
}

/** The same, read from a table of the query's `compileInteractionValues` (the preview keeps one). */
export function histogramOfTable(valuesTable: string): Query {
  return histogramOf(q.table(valuesTable, 'p'));
}

function histogramOf(values: From): Query {
  const value = q.col('p', VALUE_COLUMN);
  return q.select([q.as({ kind: 'cast', expr: value, type: 'DOUBLE' }, 'value'), q.as(q.agg('count'), 'contacts')], {
    from: values,
    where: q.isNull(value, true),
    groupBy: [value],
    orderBy: [value],
  });
}
