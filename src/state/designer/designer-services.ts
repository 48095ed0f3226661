/**
 * What the segment editors may ask of the loaded data, beyond the catalog. The editors get an
 * implementation injected; they never see the connector or SQL.
 */
import type { Condition, InteractionQuery } from '../../engine/library-schema';

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

/** A contact found by search, with a readable name when the data has one. */
export interface ContactMatch {
  readonly id: string;
  readonly label?: string;
}

/** The interactions a restriction's suggestions count: those its query admits without that restriction. */
export interface CountedInteractions {
  readonly query: InteractionQuery;
  readonly timeZone: string;
  readonly now: number;
}

export interface DesignerServices {
  /**
   * The most common values of a field, optionally narrowed by a search text; with `within`,
   * counted over the interactions that query counts (its window and other restrictions).
   */
  distinctValues(source: FieldSource, field: string, search?: string, within?: CountedInteractions): Promise<ValueCount[]>;
  /** How many contacts have 0, 1, 2, … matching interactions for this query (ignoring its count test). */
  interactionHistogram(query: InteractionQuery, timeZone: string, now: number): Promise<HistogramBin[]>;
  /** Contacts whose key or any text field contains `search`, ignoring case. */
  searchContacts(search: string): Promise<ContactMatch[]>;
  /** Those of `ids` that are not contact keys, in the order given. */
  unknownContacts(ids: readonly string[]): Promise<string[]>;
  /** Keys of the contacts matching a condition on contacts; rejects with the validation problems if it is invalid. */
  contactsMatching(condition: Condition, timeZone: string, now: number): Promise<string[]>;
}
