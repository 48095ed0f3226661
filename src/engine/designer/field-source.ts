/** The table and type of a field, wherever it lives. */
import { own, type Catalog, type FieldSource, type FieldType, type Fields } from '../catalog';

export type { FieldSource } from '../catalog';

export function sourceTable(catalog: Catalog, source: FieldSource): { table: string; fields: Fields } | undefined {
  return 'entity' in source ? own(catalog.entities, source.entity) : own(catalog.interactions.types, source.interaction);
}

export function fieldType(catalog: Catalog, source: FieldSource, field: string): FieldType | undefined {
  const table = sourceTable(catalog, source);
  return table ? own(table.fields, field) : undefined;
}
