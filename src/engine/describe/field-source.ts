/** Where a field lives: a profile entity, or an interaction type. */
import type { Catalog, FieldType, Fields } from '../catalog';

export type FieldSource = { readonly entity: string } | { readonly interaction: string };

export function sourceTable(catalog: Catalog, source: FieldSource): { table: string; fields: Fields } | undefined {
  return 'entity' in source ? catalog.entities[source.entity] : catalog.interactions.types[source.interaction];
}

export function fieldType(catalog: Catalog, source: FieldSource, field: string): FieldType | undefined {
  return sourceTable(catalog, source)?.fields[field];
}
