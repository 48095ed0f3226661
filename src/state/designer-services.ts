/**
 * What the segment editors may ask of the loaded data, beyond the catalog. The editors get an
 * implementation injected; they never see the connector or SQL.
 */
import type { InteractionQuery } from '../engine/library-schema';

/** Where a field lives: a profile entity, or an interaction type. */
export type FieldSource = { readonly entity: string } | { readonly interaction: string };

export interface ValueCount {
  readonly value: string | number | boolean;
  /** A readable name for an id, from a reference table, when there is one. */
  readonly label?: string;
  readonly count: number;
}

export interface HistogramBin {
  /** Number of matching interactions (or the measure value) … */
  readonly value: number;
  /** … and how many contacts have it. */
  readonly contacts: number;
}

export interface DesignerServices {
  /** The most common values of a field, optionally narrowed by a search text. */
  distinctValues(source: FieldSource, field: string, search?: string): Promise<ValueCount[]>;
  /** How many contacts have 0, 1, 2, … matching interactions for this query (ignoring its count test). */
  interactionHistogram(query: InteractionQuery, timeZone: string, now: number): Promise<HistogramBin[]>;
}
