/**
 * Segments on tables already on the PostgreSQL server, named by catalog.json's `"tables"`
 * (SPEC §2). The server's columns give the types; temporary views give the compiler the shape
 * every engine has: keys and links as text, timestamps as UTC TIMESTAMP, one view per
 * interaction type. The same rules as a loaded folder are checked: keys, timestamps, types.
 */
import type { Catalog, EntityInfo, FieldType, Fields, InteractionTypeInfo } from '../../engine/catalog';
import type { Expr, From, Query, SelectColumn } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import type { CatalogFile } from '../catalog-file';
import { DataError } from '../data-error';
import { ask, execute } from '../load/check';
import { rowCount } from '../load/tables';
import { planTables, type InteractionSourcePlan, type SourceTable } from '../plan-tables';
import type { LoadedData, SqlRunner } from './engine';
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
  readonly from: From;
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

const column = (name: string): Expr => q.col(undefined, name);

/** The columns of a server table, in order, from information_schema. */
function columnsQuery(schema: string | undefined, table: string): Query {
  return q.select([q.as(column('column_name'), 'name'), q.as(column('data_type'), 'type'), q.as(column('udt_name'), 'udt')], {
    from: q.tableIn({ schema: 'information_schema' }, 'columns'),
    where: q.and(
      q.compare('=', column('table_schema'), schema === undefined ? q.call('current_schema') : q.text(schema)),
      q.compare('=', column('table_name'), q.text(table)),
    ),
    orderBy: [column('ordinal_position')],
  });
}

async function serverTable(runner: SqlRunner, stem: string, qualified: string): Promise<ServerTable> {
  const { schema, table } = splitTableName(qualified);
  const rows = await ask(runner, { query: columnsQuery(schema, table), read: (r) => r });
  if (rows.length === 0) throw new DataError('catalog.json', `tables.${stem}: there is no table "${qualified}" on the server`);
  const serverColumns = rows.map((r) => ({ name: String(r.name), type: String(r.type), udt: String(r.udt) }));
  return {
    stem,
    file: qualified,
    columns: serverColumns.map((c) => c.name),
    serverColumns,
    from: q.tableIn(schema === undefined ? {} : { schema }, table),
  };
}

/** A `timestamp with time zone` as its UTC wall-clock TIMESTAMP. */
const utc = (expr: Expr): Expr => q.atTimeZone(expr, 'UTC');

/** A column as the compiler wants it: text keys, UTC timestamps, text lists. */
function columnExpr(serverColumn: ServerColumn, asText: boolean): Expr {
  const name = column(serverColumn.name);
  if (asText) return q.cast(name, 'VARCHAR');
  if (serverColumn.type === 'timestamp with time zone') return utc(name);
  if (fieldTypeOfPostgres(serverColumn) === 'textList') return q.cast(name, 'VARCHAR[]');
  return name;
}

function normalisedType(column: ServerColumn, asText: boolean): FieldType {
  return asText ? 'text' : fieldTypeOfPostgres(column);
}

/** The first row of `from` where `where` holds, selecting `columns` (a row with `x` when none are given). */
function firstRow(from: string, where: Expr, columns: readonly SelectColumn[] = [q.as(q.num(1), 'x')]): Query {
  return q.select(columns, { from: q.table(from), where, limit: 1 });
}

class ServerBinding {
  private viewCount = 0;
  readonly warnings: string[] = [];

  constructor(readonly runner: SqlRunner) {}

  async view(name: string, select: Query): Promise<string> {
    const view = `${name}#${this.viewCount++}`;
    await execute(this.runner, q.createView(view, select, true));
    return view;
  }

  async first(query: Query): Promise<Record<string, unknown> | undefined> {
    return ask(this.runner, { query, read: (rows) => rows[0] });
  }

  async entity(source: ServerTable, key: string, textColumns: ReadonlySet<string>): Promise<EntityInfo> {
    const select = source.serverColumns.map((c) => q.as(columnExpr(c, textColumns.has(c.name)), c.name));
    const table = await this.view(`entity:${source.stem}`, q.select(select, { from: source.from }));
    const missing = await this.first(firstRow(table, q.isNull(column(key))));
    if (missing) throw new DataError(source.file, `a row has no key: column "${key}" is empty`);
    const dup = await this.first(
      q.select([q.as(column(key), 'k')], {
        from: q.table(table),
        groupBy: [column(key)],
        having: q.compare('>', q.agg('count'), q.num(1)),
        limit: 1,
      }),
    );
    if (dup) throw new DataError(source.file, `key "${String(dup.k)}" in column "${key}" appears twice`);
    const fields: Fields = Object.fromEntries(source.serverColumns.map((c) => [c.name, normalisedType(c, textColumns.has(c.name))]));
    return { table, key, fields, rowCount: await ask(this.runner, rowCount(table)) };
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
      return q.as(c.type === 'timestamp with time zone' ? utc(column(c.name)) : q.cast(column(c.name), 'TIMESTAMP'), name);
    }
    fields[name] = normalisedType(c, textColumns.has(c.name));
    return q.as(columnExpr(c, textColumns.has(c.name)), name);
  });
  if (!ix.typeColumn) {
    select.push(q.as(q.text(ix.type!), plan.typeField));
    fields[plan.typeField] = 'text';
  }
  const view = await binding.view(
    ix.type === undefined ? 'interactions' : `interaction-source:${ix.type}`,
    q.select(select, { from: source.from }),
  );
  const type = column(plan.typeField);
  const missing = await binding.first(firstRow(view, q.isNull(column(plan.timestampField))));
  if (missing) throw new DataError(source.file, `a row has no timestamp in column "${ix.timestampColumn}"`);
  const wrong = ix.type === undefined ? q.isNull(type) : q.compare('IS DISTINCT FROM', type, q.text(ix.type));
  const bad = await binding.first(firstRow(view, wrong, [q.as(type, 't')]));
  if (bad) {
    const what = bad.t === null ? 'has no interaction type' : `has type "${String(bad.t)}" but the table holds ${ix.type}`;
    throw new DataError(source.file, `a row ${what} (column "${ix.typeColumn}")`);
  }
  const counted = await ask(binding.runner, {
    query: q.select([q.as(type, 't'), q.as(q.agg('count'), 'n')], { from: q.table(view), groupBy: [type] }),
    read: (rows) => rows,
  });
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
  const ofType = (s: BoundSource, columns: readonly (Expr | SelectColumn)[]) =>
    q.select(columns, {
      from: q.table(s.view),
      ...(s.ix.type === undefined ? { where: q.compare('=', column(typeField), q.text(type)) } : {}),
    });
  if (feeding.length === 1)
    return { table: await binding.view(`interaction:${type}`, ofType(feeding[0]!, [q.STAR])), fields: feeding[0]!.fields };
  const fields: Record<string, FieldType> = {};
  for (const s of feeding) for (const [name, t] of Object.entries(s.fields)) fields[name] ??= t;
  const names = Object.keys(fields);
  const select = feeding.map((s) =>
    ofType(
      s,
      names.map((n) => (n in s.fields ? column(n) : q.as(q.NULL, n))),
    ),
  );
  return { table: await binding.view(`interaction:${type}`, q.setOperations('UNION ALL', select)), fields };
}

/** Interactions of a type whose link to contacts is empty, and those that name no contact. */
function orphansQuery(interactions: string, link: string, contact: EntityInfo): Query {
  const linked = q.col('i', link);
  const contactKey = q.col('c', contact.key);
  return q.select(
    [
      q.as(q.aggWhere('count', undefined, q.isNull(linked)), 'empty'),
      q.as(q.aggWhere('count', undefined, q.and(q.isNull(linked, true), q.isNull(contactKey))), 'dangling'),
    ],
    { from: q.leftJoin(q.table(interactions, 'i'), q.table(contact.table, 'c'), q.compare('=', contactKey, linked)) },
  );
}

export async function bindServerTables(client: PostgresClient, catalogJson: CatalogFile): Promise<LoadedData> {
  const runner: SqlRunner = { dialect: 'postgres', execute: (sql) => client.execute(sql), query: (sql) => client.query(sql) };
  const sources: ServerTable[] = [];
  for (const [stem, qualified] of Object.entries(catalogJson.tables ?? {})) sources.push(await serverTable(runner, stem, qualified));
  const plan = planTables(sources, catalogJson);
  const byStem = new Map(sources.map((s) => [s.stem, s]));
  const binding = new ServerBinding(runner);

  const entities: Record<string, EntityInfo> = {};
  for (const entity of plan.entities) {
    entities[entity.name] = await binding.entity(byStem.get(entity.name)!, entity.key, plan.textColumns.get(entity.name) ?? new Set());
  }
  const bound: BoundSource[] = [];
  for (const ix of plan.interactionSources) bound.push(await interactionSource(binding, byStem.get(ix.source.stem)!, ix, plan));

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
      const row = await binding.first(orphansQuery(info.table, link, contact));
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
