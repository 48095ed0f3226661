/**
 * The catalog: what the loaded data holds, as plain serializable data. The data layer builds
 * it from the files; the engine validates and compiles segments against it and never looks
 * at the database itself.
 */

/** A field's type as the segment designer sees it (SPEC §3, "Operators by field type"). */
export type FieldType = 'text' | 'number' | 'boolean' | 'date' | 'timestamp' | 'textList' | 'other';

export type Fields = Readonly<Record<string, FieldType>>;

export interface EntityInfo {
  /** The DuckDB table that holds the entity's records. */
  readonly table: string;
  /** The key column (always text). */
  readonly key: string;
  readonly fields: Fields;
  readonly rowCount?: number;
}

/** A lookup `from.entity.from.field -> to.entity.to.field`, traversable both ways. */
export interface RelationInfo {
  readonly name: string;
  readonly from: { readonly entity: string; readonly field: string };
  readonly to: { readonly entity: string; readonly field: string };
  readonly inferred?: boolean;
}

export interface InteractionTypeInfo {
  /** The DuckDB table that holds every interaction of this type, all sources combined. */
  readonly table: string;
  readonly fields: Fields;
  /** The contact-link columns this type has, in catalog order. */
  readonly links: readonly string[];
  readonly rowCount?: number;
  /**
   * Set when `table` is a view of the rows of one table holding several types (the long
   * interactions table) whose `typeColumn` is this type: a trace copies a contact's rows of all
   * the types it reads from there in one scan instead of one scan per type.
   */
  readonly sharedTable?: { readonly table: string; readonly typeColumn: string };
}

/**
 * What the loaded tables are called outside the app, for SQL meant to run in a warehouse: each
 * name is catalog.json's `"tables"` entry for the file's stem, else the stem itself.
 */
export interface WarehouseTables {
  readonly entities: Readonly<Record<string, string>>;
  /** Per interaction type, the tables its rows come from; `typeColumn` when the table is the long one, holding every type. */
  readonly types: Readonly<Record<string, readonly { readonly table: string; readonly typeColumn?: string }[]>>;
}

export interface Catalog {
  readonly contactEntity: 'contact';
  /** Absent for a catalog bound to a server's own tables, which are already the warehouse's. */
  readonly warehouse?: WarehouseTables;
  readonly entities: Readonly<Record<string, EntityInfo>>;
  readonly relations: readonly RelationInfo[];
  readonly interactions: {
    readonly typeField: string;
    readonly timestampField: string;
    readonly contactLinks: readonly string[];
    readonly types: Readonly<Record<string, InteractionTypeInfo>>;
  };
}

export const CONTACT = 'contact';

/**
 * A record's own entry for a user-given name: `fields["constructor"]` must not find
 * Object.prototype's. Every lookup of a field, entity or interaction type by name goes through it.
 */
export function own<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/**
 * The catalog without `sharedTable`, for an engine that copies each type's table into a table of
 * its own (PostgreSQL, ClickHouse) and has no shared table to read.
 */
export function withoutSharedTables(catalog: Catalog): Catalog {
  const types = Object.fromEntries(
    Object.entries(catalog.interactions.types).map(([name, { sharedTable: _shared, ...type }]) => [name, type]),
  );
  return { ...catalog, interactions: { ...catalog.interactions, types } };
}

export function contactEntity(catalog: Catalog): EntityInfo {
  const contact = own(catalog.entities, CONTACT);
  if (!contact) throw new Error('The catalog has no contact entity');
  return contact;
}

/** Where an entity's relations lead: the relation, the entity at the other end, and the direction. */
export interface RelationStep {
  readonly relation: RelationInfo;
  readonly target: string;
  /** forward: from the record holding the lookup to the record it points at. */
  readonly direction: 'forward' | 'reverse';
}

export function relationStepsFrom(catalog: Catalog, entity: string): RelationStep[] {
  const steps: RelationStep[] = [];
  for (const relation of catalog.relations) {
    if (relation.from.entity === entity) steps.push({ relation, target: relation.to.entity, direction: 'forward' });
    if (relation.to.entity === entity) steps.push({ relation, target: relation.from.entity, direction: 'reverse' });
  }
  return steps;
}

/** Where a field lives: a profile entity, or an interaction type. */
export type FieldSource = { readonly entity: string } | { readonly interaction: string };

/** How a `related` condition follows its relation from the current record to the related one. */
export type ResolvedRelation =
  | {
      readonly ok: true;
      readonly relation: RelationInfo;
      readonly direction: 'forward' | 'reverse';
      /** The current record's column, and the related record's column it must equal. */
      readonly ownField: string;
      readonly otherField: string;
    }
  | { readonly ok: false; readonly at: 'via' | 'reverse'; readonly problem: string };

/**
 * The one place a relation's direction is decided (SPEC §2): from `entity` to `related` through
 * `relation`. A relation between two entities is followed whichever way links them; one from a
 * table to itself is followed forward (to the record the column names) unless `reverse` is asked.
 */
export function resolveRelation(relation: RelationInfo, entity: string, related: string, reverse = false): ResolvedRelation {
  const canForward = relation.from.entity === entity && relation.to.entity === related;
  const canReverse = relation.to.entity === entity && relation.from.entity === related;
  if (!canForward && !canReverse)
    return {
      ok: false,
      at: 'via',
      problem: `relation "${relation.name}" links ${relation.from.entity} to ${relation.to.entity}, not ${entity} and ${related}`,
    };
  if (reverse && !canReverse)
    return { ok: false, at: 'reverse', problem: `relation "${relation.name}" cannot be followed in reverse from ${entity} to ${related}` };
  const direction = canForward && !reverse ? 'forward' : 'reverse';
  return direction === 'forward'
    ? { ok: true, relation, direction, ownField: relation.from.field, otherField: relation.to.field }
    : { ok: true, relation, direction, ownField: relation.to.field, otherField: relation.from.field };
}

/** The link an interaction query uses by default: ContactId if present, else the only link. */
export function defaultLink(type: InteractionTypeInfo): string | undefined {
  if (type.links.includes('ContactId')) return 'ContactId';
  return type.links.length === 1 ? type.links[0] : undefined;
}
