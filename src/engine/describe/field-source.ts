/** Where a field lives: a profile entity, or an interaction type. */
import { own, type Catalog, type FieldType, type Fields } from '../catalog';

export type FieldSource = { readonly entity: string } | { readonly interaction: string };

export function sourceTable(catalog: Catalog, source: FieldSource): { table: string; fields: Fields } | undefined {
  return 'entity' in source ? own(catalog.entities, source.entity) : own(catalog.interactions.types, source.interaction);
}

export function fieldType(catalog: Catalog, source: FieldSource, field: string): FieldType | undefined {
  const table = sourceTable(catalog, source);
  return table ? own(table.fields, field) : undefined;
}
