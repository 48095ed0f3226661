/**
 * Reads a data folder of Parquet files (plus an optional catalog.json) into the reference's
 * in-memory form, with hyparquet and the SPEC §2 defaults — not through the product's loader,
 * so the reference stays independent of it. Covers what the worked examples use: profile
 * entities, the long `interactions` table and per-type tables, declared and inferred relations.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RefData, RefEntity, RefFieldType, RefInteractionType, RefRelation, RefRow, RefValue } from './ref-data';

interface CatalogJson {
  entities?: Record<string, { key: string }>;
  relations?: { name: string; from: string; to: string }[];
  interactions?: { typeField?: string; timestampField?: string; contactLinks?: string[] };
}

interface RawTable {
  readonly stem: string;
  readonly fields: Record<string, RefFieldType>;
  readonly rows: RefRow[];
}

function fieldType(node: SchemaTree): RefFieldType {
  const e = node.element;
  if (e.converted_type === 'LIST' || e.logical_type?.type === 'LIST') return 'textList';
  if (e.converted_type === 'DATE' || e.logical_type?.type === 'DATE') return 'date';
  if (e.logical_type?.type === 'TIMESTAMP' || e.converted_type === 'TIMESTAMP_MILLIS' || e.converted_type === 'TIMESTAMP_MICROS')
    return 'timestamp';
  if (e.type === 'BOOLEAN') return 'boolean';
  if (e.type === 'BYTE_ARRAY') return 'text';
  if (e.type === 'INT32' || e.type === 'INT64' || e.type === 'DOUBLE' || e.type === 'FLOAT') return 'number';
  throw new Error(`reference: unsupported Parquet column ${e.name}`);
}

function convert(value: unknown, type: RefFieldType): RefValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'date':
      return (value as Date).toISOString().slice(0, 10);
    case 'timestamp':
      return (value as Date).getTime();
    case 'number':
      return Number(value);
    case 'textList':
      return (value as unknown[]).map((v) => (v === null || v === undefined ? null : String(v)));
    default:
      return value as RefValue;
  }
}

async function readTable(file: string): Promise<RawTable> {
  const bytes = await readFile(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const schema = parquetSchema(parquetMetadata(buffer));
  const fields = Object.fromEntries(schema.children.map((c) => [c.element.name, fieldType(c)]));
  const objects = await parquetReadObjects({ file: buffer, compressors });
  const rows = objects.map((o) => Object.fromEntries(Object.entries(fields).map(([name, type]) => [name, convert(o[name], type)])));
  return { stem: path.basename(file, '.parquet'), fields, rows };
}

const findColumn = (fields: Record<string, unknown>, name: string) =>
  Object.keys(fields).find((c) => c === name) ?? Object.keys(fields).find((c) => c.toLowerCase() === name.toLowerCase());

export async function readParquetFolder(folder: string): Promise<RefData> {
  const names = await readdir(folder);
  const catalog: CatalogJson = names.includes('catalog.json') ? JSON.parse(await readFile(path.join(folder, 'catalog.json'), 'utf8')) : {};
  const tables = await Promise.all(names.filter((n) => n.endsWith('.parquet')).map((n) => readTable(path.join(folder, n))));
  const typeField = catalog.interactions?.typeField ?? 'InteractionType';
  const timestampField = catalog.interactions?.timestampField ?? 'Timestamp';
  const contactLinks = catalog.interactions?.contactLinks ?? ['ContactId'];

  const entities: Record<string, RefEntity> = {};
  const interactionTypes: Record<string, { fields: Record<string, RefFieldType>; rows: RefRow[]; links: Set<string> }> = {};
  const addInteractions = (type: string, table: RawTable, rows: RefRow[]) => {
    const target = (interactionTypes[type] ??= { fields: {}, rows: [], links: new Set() });
    Object.assign(target.fields, table.fields, { [typeField]: 'text' });
    target.rows.push(...rows.map((r) => ({ ...r, [typeField]: type })));
    for (const link of contactLinks) if (link in table.fields) target.links.add(link);
  };
  for (const table of tables) {
    const declared = table.stem in (catalog.entities ?? {}) || table.stem === 'contact';
    const hasLink = contactLinks.some((l) => l in table.fields);
    if (!declared && table.stem === 'interactions') {
      const types = new Set(table.rows.map((r) => String(r[typeField])));
      for (const type of types)
        addInteractions(
          type,
          table,
          table.rows.filter((r) => r[typeField] === type),
        );
      continue;
    }
    const key = findColumn(table.fields, catalog.entities?.[table.stem]?.key ?? `${table.stem}id`);
    if (!declared && !key && timestampField in table.fields && hasLink) {
      addInteractions(table.stem, table, table.rows);
      continue;
    }
    if (!key) throw new Error(`reference: ${table.stem} has no key`);
    entities[table.stem] = { key, fields: table.fields, rows: table.rows };
  }

  const relations: RefRelation[] = (catalog.relations ?? []).map((r) => {
    const [fromEntity, fromField] = r.from.split('.') as [string, string];
    const [toEntity, toField] = r.to.split('.') as [string, string];
    return { name: r.name, from: { entity: fromEntity, field: fromField }, to: { entity: toEntity, field: toField } };
  });
  for (const [name, entity] of Object.entries(entities)) {
    for (const column of Object.keys(entity.fields)) {
      if (column === entity.key) continue;
      for (const [otherName, other] of Object.entries(entities)) {
        if (column.toLowerCase() !== other.key.toLowerCase()) continue;
        if (relations.some((r) => r.from.entity === name && r.from.field === column && r.to.entity === otherName)) continue;
        relations.push({ name: `${name}_${column}`, from: { entity: name, field: column }, to: { entity: otherName, field: other.key } });
      }
    }
  }

  const types: Record<string, RefInteractionType> = Object.fromEntries(
    Object.entries(interactionTypes).map(([type, t]) => [
      type,
      { fields: t.fields, rows: t.rows, links: contactLinks.filter((l) => t.links.has(l)) },
    ]),
  );
  return { entities, relations, timestampField, interactionTypes: types };
}
