/**
 * Runs on tables already on the server (SPEC §2 "tables"): each table's columns come from
 * system.columns, the same planner as the loader decides what each table is, and a view per
 * entity and interaction type in the engine's database brings the columns to the engine's storage
 * (clickhouse-types.ts), with a lowercased copy of each text column. The tables themselves may be
 * Distributed; nothing is copied and nothing on them is changed.
 */
import type { Catalog, EntityInfo, Fields, InteractionTypeInfo } from '../../engine/catalog';
import type { Expr, From, Query, SelectColumn } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import { loweredColumn } from '../../engine/sql/clickhouse-lowered';
import { printQuery, printStatement } from '../../engine/sql/print-clickhouse';
import type { CatalogFile } from '../catalog-file';
import { DataError } from '../data-error';
import { planTables, type InteractionSourcePlan, type SourceTable } from '../plan-tables';
import type { ClickhouseLayout } from './clickhouse-engine';
import { post, queryRows } from './clickhouse-http';
import { serverColumn } from './clickhouse-types';
import type { LoadedData } from './engine';

const SOURCE = 'source';

interface ServerTable extends SourceTable {
  /** The server table, under an alias when given. */
  readonly from: (alias?: string) => From;
  readonly types: ReadonlyMap<string, string>;
}

const column = (name: string): Expr => q.col(undefined, name);

/** A server table's columns and their types, from system.columns. */
function columnsQuery(database: string, table: string): Query {
  return q.select([column('name'), column('type')], {
    from: q.tableIn({ database: 'system' }, 'columns'),
    where: q.and(q.compare('=', column('database'), q.text(database)), q.compare('=', column('table'), q.text(table))),
  });
}

async function describeTable(layout: ClickhouseLayout, stem: string, name: string): Promise<ServerTable> {
  const dot = name.indexOf('.');
  const [database, table] = dot < 0 ? ['default', name] : [name.slice(0, dot), name.slice(dot + 1)];
  const rows = await queryRows(layout.server, printQuery(columnsQuery(database, table)));
  if (rows.length === 0) throw new DataError('catalog.json', `tables.${stem}: the server has no table "${name}" (database "${database}")`);
  return {
    stem,
    file: `${name} (server table)`,
    columns: rows.map((r) => String(r.name)),
    types: new Map(rows.map((r) => [String(r.name), String(r.type)])),
    from: (alias) => q.tableIn({ database }, table, alias),
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
  const columns: SelectColumn[] = [];
  for (const name of source.columns) {
    const field = renames.get(name) ?? name;
    const stored = serverColumn(q.col(SOURCE, name), source.types.get(name)!, text.has(name), name === special.timestamp);
    const expr = stored.expr;
    if (name === special.timestamp && stored.field !== 'timestamp')
      throw new DataError(source.file, `column "${name}" must hold timestamps; it holds ${source.types.get(name)}`);
    fields[field] = stored.field;
    columns.push(q.as(name === special.key ? q.chCall('assumeNotNull', expr) : expr, field));
    if (stored.field === 'text') columns.push(q.as(q.chCall('lowerUTF8', expr), loweredColumn(field)));
    if (stored.field === 'textList') columns.push(q.as(q.listTransform(expr, q.chCall('lowerUTF8', q.ELEMENT)), loweredColumn(field)));
  }
  return { fields, columns };
}

async function createView(layout: ClickhouseLayout, name: string, columns: readonly SelectColumn[], source: ServerTable, where?: Expr) {
  const select = q.select(columns, { from: source.from(SOURCE), ...(where ? { where } : {}) });
  await post(layout.server, printStatement(q.createView(name, select)), layout.database);
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
    const typeColumn = ix.typeColumn === undefined ? undefined : q.col(SOURCE, ix.typeColumn);
    const typeNames =
      ix.type !== undefined
        ? [ix.type]
        : (await queryRows(layout.server, printQuery(typesQuery(source, ix.typeColumn!)))).map((r) => String(r.t));
    for (const type of typeNames) {
      if (types[type])
        throw new DataError('catalog.json', `interaction type "${type}" comes from two server tables; name one table per type`);
      const table = `interaction:${type}`;
      const extra = typeColumn ? [] : [q.as(q.text(type), plan.typeField)];
      const where = typeColumn ? q.compare('=', q.chCall('toString', typeColumn), q.text(type)) : undefined;
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

/** The interaction types a server table's type column holds. */
function typesQuery(source: ServerTable, typeColumn: string): Query {
  return q.select([q.as(q.chCall('toString', column(typeColumn)), 't')], {
    distinct: true,
    from: source.from(),
    orderBy: [column('t')],
  });
}

function renamesOf(ix: InteractionSourcePlan, timestampField: string, typeField: string): Map<string, string> {
  const renames = new Map<string, string>([
    [ix.timestampColumn, timestampField],
    ...[...ix.links].map(([link, column]) => [column, link] as [string, string]),
  ]);
  if (ix.typeColumn) renames.set(ix.typeColumn, typeField);
  return renames;
}
