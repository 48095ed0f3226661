/**
 * Every contact's measure value for an interaction query, ignoring its count test: what the
 * designer's histogram plots. The compiler builds it from the same parts as the segment's own
 * query (window, link, restrictions), so the histogram always agrees with the segment.
 */
import type { Catalog } from '../catalog';
import type { InteractionQuery } from '../library-schema';
import type { Query } from '../sql/ast';
import { compileInteractionValues, MEMBER_COLUMN, VALUE_COLUMN } from './compile-segment';

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
  return compileInteractionValues(query, options);
}

export { MEMBER_COLUMN, VALUE_COLUMN };
