/** The table and type of a field, wherever it lives. */
import type { Catalog, FieldSource, FieldType, Fields } from '../catalog';

export type { FieldSource } from '../catalog';

export function sourceTable(catalog: Catalog, source: FieldSource): { table: string; fields: Fields } | undefined {
  return 'entity' in source ? catalog.entities[source.entity] : catalog.interactions.types[source.interaction];
}

export function fieldType(catalog: Catalog, source: FieldSource, field: string): FieldType | undefined {
  return sourceTable(catalog, source)?.fields[field];
}
