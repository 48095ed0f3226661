/**
 * The reference evaluator's input: the loaded data as plain rows, with each field's type.
 * Dates are `YYYY-MM-DD` strings, timestamps UTC epoch milliseconds, lists arrays of text.
 */

export type RefFieldType = 'text' | 'number' | 'boolean' | 'date' | 'timestamp' | 'textList';

export type RefValue = string | number | boolean | null | readonly (string | null)[];

export type RefRow = Readonly<Record<string, RefValue>>;

export interface RefTable {
  readonly fields: Readonly<Record<string, RefFieldType>>;
  readonly rows: readonly RefRow[];
}

export interface RefEntity extends RefTable {
  readonly key: string;
}

export interface RefRelation {
  readonly name: string;
  readonly from: { readonly entity: string; readonly field: string };
  readonly to: { readonly entity: string; readonly field: string };
}

export interface RefInteractionType extends RefTable {
  /** The contact-link columns this type has, in catalog order. */
  readonly links: readonly string[];
}

export interface RefData {
  readonly entities: Readonly<Record<string, RefEntity>>;
  readonly relations: readonly RefRelation[];
  readonly timestampField: string;
  readonly interactionTypes: Readonly<Record<string, RefInteractionType>>;
}
