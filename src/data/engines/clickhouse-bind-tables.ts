/**
 * Runs on tables already on the server (SPEC §2 "tables"): each table's columns come from
 * system.columns, the same planner as the loader decides what each table is, and a view per
 * entity and interaction type in the engine's database brings the columns to the engine's storage
 * (clickhouse-types.ts), with a lowercased copy of each text column. The tables themselves may be
 * Distributed; nothing is copied and nothing on them is changed.
 */
import type { Catalog, EntityInfo, Fields, InteractionTypeInfo } from '../../engine/catalog';
import { loweredColumn } from '../../engine/sql/clickhouse-lowered';
import { quoteIdentifier as id, quoteString as str, quoteTableIn } from '../../engine/sql/quote-clickhouse';
import type { CatalogFile } from '../catalog-file';
import { DataError } from '../data-error';
import { planTables, type InteractionSourcePlan, type SourceTable } from '../plan-tables';
import type { ClickhouseLayout } from './clickhouse-engine';
import { post, queryRows } from './clickhouse-http';
import { serverColumn } from './clickhouse-types';
import type { LoadedData } from './engine';

const SOURCE = 'source';

interface ServerTable extends SourceTable {
  readonly sql: string;
  readonly types: ReadonlyMap<string, string>;
}

async function describeTable(layout: ClickhouseLayout, stem: string, name: string): Promise<ServerTable> {
  const dot = name.indexOf('.');
  const [database, table] = dot < 0 ? ['default', name] : [name.slice(0, dot), name.slice(dot + 1)];
  const rows = await queryRows(
    layout.server,
    `SELECT name, type FROM system.columns WHERE database = ${str(database)} AND table = ${str(table)}`,
  );
  if (rows.length === 0) throw new DataError('catalog.json', `tables.${stem}: the server has no table "${name}" (database "${database}")`);
  return {
    stem,
    file: `${name} (server table)`,
    columns: rows.map((r) => String(r.name)),
    types: new Map(rows.map((r) => [String(r.name), String(r.type)])),
    sql: quoteTableIn(database, table),
  };
}

/** The view's select list: each column in engine storage under its catalog name, with lowered copies of text. */
function selectList(
  source: ServerTable,
  text: ReadonlySet<string>,
  renames: ReadonlyMap<string, string>,
  special: { key?: string; timestamp?: string },
) {
  const fields: Record<string, Fields[string]> = {};
  const columns: string[] = [];
  for (const column of source.columns) {
    const name = renames.get(column) ?? column;
    const stored = serverColumn(`${id(SOURCE)}.${id(column)}`, source.types.get(column)!, text.has(column), column === special.timestamp);
    const expr = stored.expr;
    if (column === special.timestamp && stored.field !== 'timestamp')
      throw new DataError(source.file, `column "${column}" must hold timestamps; it holds ${source.types.get(column)}`);
    fields[name] = stored.field;
    columns.push(`${column === special.key ? `assumeNotNull(${expr})` : expr} AS ${id(name)}`);
    if (stored.field === 'text') columns.push(`lowerUTF8(${expr}) AS ${id(loweredColumn(name))}`);
    if (stored.field === 'textList') columns.push(`arrayMap(element -> lowerUTF8(element), ${expr}) AS ${id(loweredColumn(name))}`);
  }
  return { fields, columns };
}

async function createView(layout: ClickhouseLayout, name: string, columns: readonly string[], source: ServerTable, where = '') {
  await post(
    layout.server,
    `CREATE VIEW ${id(name)} AS SELECT ${columns.join(', ')} FROM ${source.sql} AS ${id(SOURCE)}${where}`,
    layout.database,
  );
}

export async function bindServerTables(layout: ClickhouseLayout, catalogJson: CatalogFile): Promise<LoadedData> {
  const sources: ServerTable[] = [];
  for (const [stem, name] of Object.entries(catalogJson.tables ?? {})) sources.push(await describeTable(layout, stem, name));
  const plan = planTables(sources, catalogJson);
  const byStem = new Map(sources.map((s) => [s.stem, s]));
  const textOf = (stem: string) => plan.textColumns.get(stem) ?? new Set<string>();

  const entities: Record<string, EntityInfo> = {};
  for (const entity of plan.entities) {
    const source = byStem.get(entity.name)!;
    const table = `entity:${entity.name}`;
    const { fields, columns } = selectList(source, textOf(entity.name), new Map(), { key: entity.key });
    await createView(layout, table, columns, source);
    entities[entity.name] = { table, key: entity.key, fields };
  }

  const types: Record<string, InteractionTypeInfo> = {};
  for (const ix of plan.interactionSources) {
    const source = byStem.get(ix.source.stem)!;
    const renames = renamesOf(ix, plan.timestampField, plan.typeField);
    const { fields, columns } = selectList(source, textOf(ix.source.stem), renames, { timestamp: ix.timestampColumn });
    const links = plan.contactLinks.filter((l) => ix.links.has(l));
    const typeColumn = ix.typeColumn === undefined ? undefined : `${id(SOURCE)}.${id(ix.typeColumn)}`;
    const typeNames =
      ix.type !== undefined
        ? [ix.type]
        : (await queryRows(layout.server, `SELECT DISTINCT toString(${id(ix.typeColumn!)}) AS t FROM ${source.sql} ORDER BY t`)).map((r) =>
            String(r.t),
          );
    for (const type of typeNames) {
      if (types[type])
        throw new DataError('catalog.json', `interaction type "${type}" comes from two server tables; name one table per type`);
      const table = `interaction:${type}`;
      const extra = typeColumn ? [] : [`${str(type)} AS ${id(plan.typeField)}`];
      const where = typeColumn ? ` WHERE toString(${typeColumn}) = ${str(type)}` : '';
      await createView(layout, table, [...columns, ...extra], source, where);
      types[type] = { table, fields: typeColumn ? fields : { ...fields, [plan.typeField]: 'text' }, links };
    }
  }
  const catalog: Catalog = {
    contactEntity: 'contact',
    entities,
    relations: plan.relations,
    interactions: { typeField: plan.typeField, timestampField: plan.timestampField, contactLinks: plan.contactLinks, types },
  };
  return { catalog, warnings: [] };
}

function renamesOf(ix: InteractionSourcePlan, timestampField: string, typeField: string): Map<string, string> {
  const renames = new Map<string, string>([
    [ix.timestampColumn, timestampField],
    ...[...ix.links].map(([link, column]) => [column, link] as [string, string]),
  ]);
  if (ix.typeColumn) renames.set(ix.typeColumn, typeField);
  return renames;
}
