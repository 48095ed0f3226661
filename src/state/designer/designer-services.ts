/**
 * What the segment editors may ask of the loaded data, beyond the catalog. The editors get an
 * implementation injected; they never see the connector or SQL.
 */
import type { Condition, InteractionQuery } from '../../engine/library-schema';

import type { FieldSource } from '../../engine/catalog';

export type { FieldSource };

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

export interface DesignerServices {
  /** The most common values of a field, optionally narrowed by a search text. */
  distinctValues(source: FieldSource, field: string, search?: string): Promise<ValueCount[]>;
  /** How many contacts have 0, 1, 2, … matching interactions for this query (ignoring its count test). */
  interactionHistogram(query: InteractionQuery, timeZone: string, now: number): Promise<HistogramBin[]>;
  /** Contacts whose key or any text field contains `search`, ignoring case. */
  searchContacts(search: string): Promise<ContactMatch[]>;
  /** Those of `ids` that are not contact keys, in the order given. */
  unknownContacts(ids: readonly string[]): Promise<string[]>;
  /** Keys of the contacts matching a condition on contacts; rejects with the validation problems if it is invalid. */
  contactsMatching(condition: Condition, timeZone: string, now: number): Promise<string[]>;
}
