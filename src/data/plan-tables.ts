/**
 * Decides what each loaded table is (SPEC §2): profile entities with their keys, relations,
 * and interaction tables with their type, timestamp and contact-link columns. Works on column
 * names only, so it runs before any data is converted.
 */
import type { RelationInfo } from '../engine/catalog';
import { CatalogFile, splitQualified } from './catalog-file';
import { DataError } from './data-error';

export interface SourceTable {
  readonly stem: string;
  readonly file: string;
  readonly columns: readonly string[];
}

export interface EntityPlan {
  readonly name: string;
  readonly source: SourceTable;
  readonly key: string;
}

export interface InteractionSourcePlan {
  readonly source: SourceTable;
  /** Set for a per-type table: the type its rows must all have. */
  readonly type?: string;
  readonly typeColumn?: string;
  readonly timestampColumn: string;
  /** Canonical link name (from the catalog) → column in this table. */
  readonly links: ReadonlyMap<string, string>;
}

export interface LoadPlan {
  readonly entities: readonly EntityPlan[];
  readonly relations: readonly RelationInfo[];
  readonly interactionSources: readonly InteractionSourcePlan[];
  /** catalog.json's `"tables"`: what each file's table is called in a warehouse. */
  readonly warehouseNames?: Readonly<Record<string, string>>;
  readonly typeField: string;
  readonly timestampField: string;
  readonly contactLinks: readonly string[];
  /** Columns that hold keys or links, compared as exact text whatever their stored type. */
  readonly textColumns: ReadonlyMap<string, ReadonlySet<string>>;
}

const CATALOG_FILE = 'catalog.json';

function findColumn(source: SourceTable, name: string): string | undefined {
  return source.columns.find((c) => c === name) ?? source.columns.find((c) => c.toLowerCase() === name.toLowerCase());
}

export function parseCatalogFile(text: string | undefined): CatalogFile {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError(CATALOG_FILE, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = CatalogFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataError(CATALOG_FILE, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export function planTables(sources: readonly SourceTable[], catalog: CatalogFile): LoadPlan {
  const byStem = new Map<string, SourceTable>();
  for (const source of sources) {
    const other = byStem.get(source.stem);
    if (other) throw new DataError(source.file, `table "${source.stem}" is also loaded from ${other.file}; keep one file per table`);
    byStem.set(source.stem, source);
    const seen = new Map<string, string>();
    for (const column of source.columns) {
      const twin = seen.get(column.toLowerCase());
      if (twin !== undefined) throw new DataError(source.file, `columns "${twin}" and "${column}" differ only in case`);
      seen.set(column.toLowerCase(), column);
    }
  }
  if (!byStem.has('contact'))
    throw new DataError('contact', 'the data needs a contact table (contact.parquet, contact.arrow or contact.csv)');

  const typeField = catalog.interactions?.typeField ?? 'InteractionType';
  const timestampField = catalog.interactions?.timestampField ?? 'Timestamp';
  const contactLinks = catalog.interactions?.contactLinks ?? ['ContactId'];
  const declared = catalog.entities ?? {};

  for (const name of Object.keys(declared)) {
    if (!byStem.has(name)) throw new DataError(CATALOG_FILE, `entities.${name}: there is no file for entity "${name}"`);
  }

  const entities: EntityPlan[] = [];
  const interactionSources: InteractionSourcePlan[] = [];
  const linksOf = (source: SourceTable) =>
    new Map(
      contactLinks.flatMap((link) => {
        const column = findColumn(source, link);
        return column ? [[link, column] as const] : [];
      }),
    );

  for (const source of sources) {
    const isDeclared = source.stem in declared || source.stem === 'contact';
    const timestampColumn = findColumn(source, timestampField);
    const links = linksOf(source);
    if (!isDeclared && source.stem === 'interactions') {
      const typeColumn = findColumn(source, typeField);
      if (!typeColumn) throw new DataError(source.file, `the interactions table has no type column "${typeField}"`);
      if (!timestampColumn) throw new DataError(source.file, `the interactions table has no timestamp column "${timestampField}"`);
      if (links.size === 0)
        throw new DataError(source.file, `the interactions table has no contact-link column (${contactLinks.join(', ')})`);
      interactionSources.push({ source, typeColumn, timestampColumn, links });
      continue;
    }
    const keyName = declared[source.stem]?.key ?? `${source.stem}id`;
    const key = findColumn(source, keyName);
    if (!isDeclared && !key && timestampColumn && links.size > 0) {
      const typeColumn = findColumn(source, typeField);
      interactionSources.push({ source, type: source.stem, timestampColumn, links, ...(typeColumn ? { typeColumn } : {}) });
      continue;
    }
    if (!key) {
      throw new DataError(
        source.file,
        `no key column "${keyName}"${source.stem in declared ? ' (declared in catalog.json)' : '; name the key in catalog.json under entities'}`,
      );
    }
    entities.push({ name: source.stem, source, key });
  }

  const entityByName = new Map(entities.map((e) => [e.name, e]));
  const relations: RelationInfo[] = [];
  for (const [index, relation] of (catalog.relations ?? []).entries()) {
    const ends = [splitQualified(relation.from), splitQualified(relation.to)].map((end, i) => {
      const where = `relations[${index}].${i === 0 ? 'from' : 'to'}`;
      const entity = entityByName.get(end.entity);
      if (!entity) throw new DataError(CATALOG_FILE, `${where}: "${end.entity}" is not a profile entity of the data`);
      const field = findColumn(entity.source, end.field);
      if (!field) throw new DataError(CATALOG_FILE, `${where}: entity "${end.entity}" has no column "${end.field}"`);
      return { entity: end.entity, field };
    });
    if (relations.some((r) => r.name === relation.name))
      throw new DataError(CATALOG_FILE, `relations[${index}]: the name "${relation.name}" is used twice`);
    relations.push({ name: relation.name, from: ends[0]!, to: ends[1]! });
  }
  for (const from of entities) {
    for (const column of from.source.columns) {
      if (column === from.key) continue;
      for (const to of entities) {
        if (column.toLowerCase() !== to.key.toLowerCase()) continue;
        const name = `${from.name}_${column}`;
        const known = relations.some(
          (r) => r.name === name || (r.from.entity === from.name && r.from.field === column && r.to.entity === to.name),
        );
        if (!known)
          relations.push({ name, from: { entity: from.name, field: column }, to: { entity: to.name, field: to.key }, inferred: true });
      }
    }
  }

  const textColumns = new Map<string, Set<string>>();
  const markText = (stem: string, column: string) => textColumns.set(stem, (textColumns.get(stem) ?? new Set()).add(column));
  for (const entity of entities) markText(entity.name, entity.key);
  for (const relation of relations) {
    markText(relation.from.entity, relation.from.field);
    markText(relation.to.entity, relation.to.field);
  }
  for (const ix of interactionSources) {
    for (const column of ix.links.values()) markText(ix.source.stem, column);
    if (ix.typeColumn) markText(ix.source.stem, ix.typeColumn);
  }

  return {
    entities,
    relations,
    interactionSources,
    typeField,
    timestampField,
    contactLinks,
    textColumns,
    ...(catalog.tables ? { warehouseNames: catalog.tables } : {}),
  };
}
