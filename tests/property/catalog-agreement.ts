/**
 * What the reference assumes about the loaded data, compared with the catalog the product
 * builds: the same entities, keys, field types, relations, interaction types and links.
 */
import type { Catalog } from '../../src/engine/catalog';
import type { RefData } from '../reference/ref-data';

export interface CatalogShape {
  entities: Record<string, { key: string; fields: Record<string, string> }>;
  relations: string[];
  interactions: Record<string, { links: string[]; fields: Record<string, string> }>;
}

const sortedFields = (fields: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
const relationText = (r: { name: string; from: { entity: string; field: string }; to: { entity: string; field: string } }) =>
  `${r.name}: ${r.from.entity}.${r.from.field} -> ${r.to.entity}.${r.to.field}`;

export function productShape(catalog: Catalog): CatalogShape {
  return {
    entities: Object.fromEntries(Object.entries(catalog.entities).map(([n, e]) => [n, { key: e.key, fields: sortedFields(e.fields) }])),
    relations: catalog.relations.map(relationText).sort(),
    interactions: Object.fromEntries(
      Object.entries(catalog.interactions.types).map(([n, t]) => [n, { links: [...t.links], fields: sortedFields(t.fields) }]),
    ),
  };
}

export function referenceShape(data: RefData): CatalogShape {
  return {
    entities: Object.fromEntries(Object.entries(data.entities).map(([n, e]) => [n, { key: e.key, fields: sortedFields(e.fields) }])),
    relations: data.relations.map(relationText).sort(),
    interactions: Object.fromEntries(
      Object.entries(data.interactionTypes).map(([n, t]) => [n, { links: [...t.links], fields: sortedFields(t.fields) }]),
    ),
  };
}
