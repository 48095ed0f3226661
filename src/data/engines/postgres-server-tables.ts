/**
 * Segments on tables already on the PostgreSQL server, named by catalog.json's `"tables"`
 * (SPEC §2). The server's columns give the types; temporary views give the compiler the shape
 * every engine has: keys and links as text, timestamps as UTC TIMESTAMP, one view per
 * interaction type. The same rules as a loaded folder are checked: keys, timestamps, types.
 */
import type { Catalog, EntityInfo, FieldType, Fields, InteractionTypeInfo } from '../../engine/catalog';
import { quoteIdentifier as id, quoteString as str } from '../../engine/sql/quote-postgres';
import type { CatalogFile } from '../catalog-file';
import { DataError } from '../data-error';
import { planTables, type InteractionSourcePlan, type SourceTable } from '../plan-tables';
import type { LoadedData } from './engine';
import { orphanWarnings } from '../load/orphan-warnings';
import type { PostgresClient } from './postgres-client';

interface ServerColumn {
  readonly name: string;
  /** information_schema's data_type, e.g. `text`, `timestamp with time zone`, `ARRAY`. */
  readonly type: string;
  /** pg_type's name, e.g. `_text` for text[]. */
  readonly udt: string;
}

interface ServerTable extends SourceTable {
  readonly sql: string;
  readonly serverColumns: readonly ServerColumn[];
}

const NUMBER_TYPES = ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'];
const TEXT_TYPES = ['text', 'character varying', 'character', 'citext', 'name'];

export function fieldTypeOfPostgres(column: ServerColumn): FieldType {
  if (TEXT_TYPES.includes(column.type) || column.udt === 'citext') return 'text';
  if (column.type === 'boolean') return 'boolean';
  if (NUMBER_TYPES.includes(column.type)) return 'number';
  if (column.type === 'date') return 'date';
  if (column.type.startsWith('timestamp')) return 'timestamp';
  if (column.type === 'ARRAY' && ['_text', '_varchar', '_bpchar', '_citext'].includes(column.udt)) return 'textList';
  return 'other';
}

/** `schema.table`, or a bare table in the connection's current schema. */
function splitTableName(qualified: string): { schema?: string; table: string } {
  const dot = qualified.indexOf('.');
  return dot < 0 ? { table: qualified } : { schema: qualified.slice(0, dot), table: qualified.slice(dot + 1) };
}

async function serverTable(client: PostgresClient, stem: string, qualified: string): Promise<ServerTable> {
  const { schema, table } = splitTableName(qualified);
  const inSchema = schema === undefined ? 'current_schema()' : str(schema);
  const rows = await client.query(
    `SELECT column_name AS name, data_type AS type, udt_name AS udt FROM information_schema.columns WHERE table_schema = ${inSchema} AND table_name = ${str(table)} ORDER BY ordinal_position`,
  );
  if (rows.length === 0) throw new DataError('catalog.json', `tables.${stem}: there is no table "${qualified}" on the server`);
  const serverColumns = rows.map((r) => ({ name: String(r.name), type: String(r.type), udt: String(r.udt) }));
  return {
    stem,
    file: qualified,
    columns: serverColumns.map((c) => c.name),
    serverColumns,
    sql: schema === undefined ? id(table) : `${id(schema)}.${id(table)}`,
  };
}

/** A column as the compiler wants it: text keys, UTC timestamps, text lists. */
function columnExpr(column: ServerColumn, asText: boolean): string {
  const name = id(column.name);
  if (asText) return `CAST(${name} AS TEXT)`;
  if (column.type === 'timestamp with time zone') return `(${name} AT TIME ZONE 'UTC')`;
  if (fieldTypeOfPostgres(column) === 'textList') return `CAST(${name} AS TEXT[])`;
  return name;
}

function normalisedType(column: ServerColumn, asText: boolean): FieldType {
  return asText ? 'text' : fieldTypeOfPostgres(column);
}

class ServerBinding {
  private viewCount = 0;
  readonly warnings: string[] = [];

  constructor(private readonly client: PostgresClient) {}

  async view(name: string, select: string): Promise<string> {
    const view = `${name}#${this.viewCount++}`;
    await this.client.execute(`CREATE TEMP VIEW ${id(view)} AS ${select}`);
    return view;
  }

  async count(sql: string): Promise<number> {
    const [row] = await this.client.query(`SELECT count(*) AS n FROM ${sql}`);
    return Number(row?.n ?? 0);
  }

  async entity(source: ServerTable, key: string, textColumns: ReadonlySet<string>): Promise<EntityInfo> {
    const select = source.serverColumns.map((c) => `${columnExpr(c, textColumns.has(c.name))} AS ${id(c.name)}`).join(', ');
    const table = await this.view(`entity:${source.stem}`, `SELECT ${select} FROM ${source.sql}`);
    const [missing] = await this.client.query(`SELECT 1 AS x FROM ${id(table)} WHERE ${id(key)} IS NULL LIMIT 1`);
    if (missing) throw new DataError(source.file, `a row has no key: column "${key}" is empty`);
    const [dup] = await this.client.query(`SELECT ${id(key)} AS k FROM ${id(table)} GROUP BY 1 HAVING count(*) > 1 LIMIT 1`);
    if (dup) throw new DataError(source.file, `key "${String(dup.k)}" in column "${key}" appears twice`);
    const fields: Fields = Object.fromEntries(source.serverColumns.map((c) => [c.name, normalisedType(c, textColumns.has(c.name))]));
    return { table, key, fields, rowCount: await this.count(id(table)) };
  }
}

interface BoundSource {
  readonly ix: InteractionSourcePlan;
  readonly view: string;
  readonly fields: Fields;
  readonly counts: Map<string, number>;
}

async function interactionSource(
  binding: ServerBinding,
  client: PostgresClient,
  source: ServerTable,
  ix: InteractionSourcePlan,
  plan: ReturnType<typeof planTables>,
): Promise<BoundSource> {
  const textColumns = plan.textColumns.get(source.stem) ?? new Set<string>();
  const renames = new Map<string, string>([
    [ix.timestampColumn, plan.timestampField],
    ...[...ix.links].map(([l, c]) => [c, l] as [string, string]),
  ]);
  if (ix.typeColumn) renames.set(ix.typeColumn, plan.typeField);
  const fields: Record<string, FieldType> = {};
  const select = source.serverColumns.map((c) => {
    const name = renames.get(c.name) ?? c.name;
    if (c.name === ix.timestampColumn) {
      const type = fieldTypeOfPostgres(c);
      if (type !== 'timestamp' && type !== 'date')
        throw new DataError(source.file, `column "${c.name}" must hold timestamps; it holds ${c.type}`);
      fields[name] = 'timestamp';
      const ts = c.type === 'timestamp with time zone' ? `(${id(c.name)} AT TIME ZONE 'UTC')` : `CAST(${id(c.name)} AS TIMESTAMP)`;
      return `${ts} AS ${id(name)}`;
    }
    fields[name] = normalisedType(c, textColumns.has(c.name));
    return `${columnExpr(c, textColumns.has(c.name))} AS ${id(name)}`;
  });
  if (!ix.typeColumn) {
    select.push(`${str(ix.type!)} AS ${id(plan.typeField)}`);
    fields[plan.typeField] = 'text';
  }
  const view = await binding.view(
    ix.type === undefined ? 'interactions' : `interaction-source:${ix.type}`,
    `SELECT ${select.join(', ')} FROM ${source.sql}`,
  );
  const type = id(plan.typeField);
  const [missing] = await client.query(`SELECT 1 AS x FROM ${id(view)} WHERE ${id(plan.timestampField)} IS NULL LIMIT 1`);
  if (missing) throw new DataError(source.file, `a row has no timestamp in column "${ix.timestampColumn}"`);
  const wrong = ix.type === undefined ? `${type} IS NULL` : `${type} IS DISTINCT FROM ${str(ix.type)}`;
  const [bad] = await client.query(`SELECT ${type} AS t FROM ${id(view)} WHERE ${wrong} LIMIT 1`);
  if (bad) {
    const what = bad.t === null ? 'has no interaction type' : `has type "${String(bad.t)}" but the table holds ${ix.type}`;
    throw new DataError(source.file, `a row ${what} (column "${ix.typeColumn}")`);
  }
  const counted = await client.query(`SELECT ${type} AS t, count(*) AS n FROM ${id(view)} GROUP BY 1`);
  const counts = new Map(counted.map((r) => [String(r.t), Number(r.n)]));
  if (ix.type !== undefined && !counts.has(ix.type)) counts.set(ix.type, 0);
  return { ix, view, fields, counts };
}

/** One view per type: the only source's rows of that type, or every source's, padded with NULLs to one set of columns. */
async function typeView(
  binding: ServerBinding,
  type: string,
  feeding: readonly BoundSource[],
  typeField: string,
): Promise<{ table: string; fields: Fields }> {
  const ofType = (s: BoundSource, columns: string) =>
    `SELECT ${columns} FROM ${id(s.view)}${s.ix.type === undefined ? ` WHERE ${id(typeField)} = ${str(type)}` : ''}`;
  if (feeding.length === 1)
    return { table: await binding.view(`interaction:${type}`, ofType(feeding[0]!, '*')), fields: feeding[0]!.fields };
  const fields: Record<string, FieldType> = {};
  for (const s of feeding) for (const [name, t] of Object.entries(s.fields)) fields[name] ??= t;
  const names = Object.keys(fields);
  const select = feeding.map((s) => `(${ofType(s, names.map((n) => (n in s.fields ? id(n) : `NULL AS ${id(n)}`)).join(', '))})`);
  return { table: await binding.view(`interaction:${type}`, select.join(' UNION ALL ')), fields };
}

export async function bindServerTables(client: PostgresClient, catalogJson: CatalogFile): Promise<LoadedData> {
  const sources: ServerTable[] = [];
  for (const [stem, qualified] of Object.entries(catalogJson.tables ?? {})) sources.push(await serverTable(client, stem, qualified));
  const plan = planTables(sources, catalogJson);
  const byStem = new Map(sources.map((s) => [s.stem, s]));
  const binding = new ServerBinding(client);

  const entities: Record<string, EntityInfo> = {};
  for (const entity of plan.entities) {
    entities[entity.name] = await binding.entity(byStem.get(entity.name)!, entity.key, plan.textColumns.get(entity.name) ?? new Set());
  }
  const bound: BoundSource[] = [];
  for (const ix of plan.interactionSources) bound.push(await interactionSource(binding, client, byStem.get(ix.source.stem)!, ix, plan));

  const types: Record<string, InteractionTypeInfo> = {};
  for (const type of [...new Set(bound.flatMap((s) => [...s.counts.keys()]))].sort()) {
    const feeding = bound.filter((s) => s.counts.has(type));
    const { table, fields } = await typeView(binding, type, feeding, plan.typeField);
    const linkSet = new Set(feeding.flatMap((s) => [...s.ix.links.keys()]));
    types[type] = {
      table,
      fields,
      links: plan.contactLinks.filter((l) => linkSet.has(l)),
      rowCount: feeding.reduce((sum, s) => sum + s.counts.get(type)!, 0),
    };
  }
  const contact = entities.contact!;
  for (const [type, info] of Object.entries(types)) {
    for (const [index, link] of info.links.entries()) {
      const [row] = await client.query(
        `SELECT count(*) FILTER (WHERE i.${id(link)} IS NULL) AS empty, count(*) FILTER (WHERE i.${id(link)} IS NOT NULL AND c.${id(contact.key)} IS NULL) AS dangling FROM ${id(info.table)} AS i LEFT JOIN ${id(contact.table)} AS c ON c.${id(contact.key)} = i.${id(link)}`,
      );
      const dangling = Number(row?.dangling ?? 0);
      const empty = Number(row?.empty ?? 0);
      binding.warnings.push(...orphanWarnings(type, link, { dangling, empty: index === 0 ? empty : 0 }));
    }
  }
  const catalog: Catalog = {
    contactEntity: 'contact',
    entities,
    relations: plan.relations,
    interactions: { typeField: plan.typeField, timestampField: plan.timestampField, contactLinks: plan.contactLinks, types },
  };
  return { catalog, warnings: binding.warnings };
}
