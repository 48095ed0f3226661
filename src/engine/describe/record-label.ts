/**
 * Which column gives a record a readable name, and where the records a field points at live:
 * lets the designer show "Contoso Pharmaceuticals" next to the id "acc-1".
 */
import { CONTACT, own, type Catalog, type EntityInfo } from '../catalog';
import type { FieldSource } from './field-source';

const NAME_COLUMNS = ['fullname', 'name', 'title', 'subject', 'lastname', 'firstname', 'emailaddress1', 'email'];

/** The column that names a record of `entity`, if it has one. */
export function labelField(entityName: string, entity: EntityInfo): string | undefined {
  const fields = Object.entries(entity.fields).filter(([name, type]) => type === 'text' && name !== entity.key);
  const byLower = new Map(fields.map(([name]) => [name.toLowerCase(), name]));
  for (const wanted of [...NAME_COLUMNS.slice(0, 2), `${entityName.toLowerCase()}name`, ...NAME_COLUMNS.slice(2)]) {
    const found = byLower.get(wanted);
    if (found) return found;
  }
  return undefined;
}

/**
 * The entity whose keys `field` holds: a lookup, the entity's own key, a contact link, or an
 * interaction column named like an entity's key (`MessageId` holds `message.messageid`).
 */
export function referencedEntity(catalog: Catalog, source: FieldSource, field: string): string | undefined {
  if ('entity' in source) {
    if (own(catalog.entities, source.entity)?.key === field) return source.entity;
    const lookup = catalog.relations.find((r) => r.from.entity === source.entity && r.from.field === field);
    if (lookup && own(catalog.entities, lookup.to.entity)?.key === lookup.to.field) return lookup.to.entity;
    return undefined;
  }
  if (own(catalog.interactions.types, source.interaction)?.links.includes(field)) return CONTACT;
  const lower = field.toLowerCase();
  return Object.entries(catalog.entities).find(([, entity]) => entity.key.toLowerCase() === lower)?.[0];
}
