/**
 * Puts the catalog together from the plan and the built tables, for every loader: each entity's
 * and interaction type's table, fields and row count, and a table per type where a type's rows
 * come from several sources.
 */
import type { Catalog, EntityInfo, Fields, InteractionTypeInfo, WarehouseTables } from '../../engine/catalog';
import type { Query } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import type { SqlRunner } from '../engines/engine';
import type { InteractionSourcePlan, LoadPlan } from '../plan-tables';
import { ask } from './check';
import type { LoadTables } from './load-tables';
import { rowCount, tableFields } from './tables';

export function assembleCatalog(plan: LoadPlan, entities: Record<string, EntityInfo>, types: Record<string, InteractionTypeInfo>): Catalog {
  return {
    contactEntity: 'contact',
    warehouse: warehouseTables(plan, Object.keys(types)),
    entities,
    relations: plan.relations,
    interactions: { typeField: plan.typeField, timestampField: plan.timestampField, contactLinks: plan.contactLinks, types },
  };
}

/** Where each table came from, by its warehouse name (for SQL copied out of the app). */
function warehouseTables(plan: LoadPlan, typeNames: readonly string[]): WarehouseTables {
  const named = (stem: string) => (plan.warehouseNames && Object.hasOwn(plan.warehouseNames, stem) ? plan.warehouseNames[stem]! : stem);
  const entities = Object.fromEntries(plan.entities.map((e) => [e.name, named(e.source.stem)]));
  const types = Object.fromEntries(
    typeNames.map((type) => [
      type,
      plan.interactionSources
        .filter((ix) => ix.type === type || (ix.type === undefined && ix.typeColumn !== undefined))
        .map((ix) => ({ table: named(ix.source.stem), ...(ix.type === undefined ? { typeColumn: ix.typeColumn! } : {}) }))
        // By name, not by the order the loader happened to read the files in, so every engine's catalog is the same.
        .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0)),
    ]),
  );
  return { entities, types };
}

/** `fields` when the caller has read them already (with other tables', in one query). */
export async function entityInfo(runner: SqlRunner, table: string, key: string, fields?: Fields): Promise<EntityInfo> {
  return { table, key, fields: fields ?? (await tableFields(runner, table)), rowCount: await ask(runner, rowCount(table)) };
}

/** An interaction source once built: its table, fields and rows per type. */
export interface BuiltSource {
  readonly ix: InteractionSourcePlan;
  readonly table: string;
  readonly fields: Fields;
  readonly counts: ReadonlyMap<string, number>;
}

/**
 * A table per type. The long table keeps its types together and is read through a view per type
 * (a copy per type loads several times slower, BENCHMARKS.md); a per-type file is its type's
 * table, unpadded by other types' columns. Only a type found in several sources is copied into
 * a table of its own.
 */
export async function interactionTypes(
  runner: SqlRunner,
  plan: LoadPlan,
  sources: readonly BuiltSource[],
  tables: LoadTables,
): Promise<Record<string, InteractionTypeInfo>> {
  const types: Record<string, InteractionTypeInfo> = {};
  const typeNames = [...new Set(sources.flatMap((s) => [...s.counts.keys()]))].sort();
  for (const type of typeNames) {
    const feeding = sources.filter((s) => s.counts.has(type));
    const only = feeding.length === 1 ? feeding[0]! : undefined;
    const ofType = (s: BuiltSource): Query =>
      q.select([q.STAR], {
        from: q.table(s.table),
        ...(s.ix.type === undefined ? { where: q.compare('=', q.col(undefined, plan.typeField), q.text(type)) } : {}),
      });
    const table =
      only?.ix.type !== undefined
        ? only.table
        : only
          ? await tables.create(runner, `interaction:${type}`, ofType(only), 'view')
          : await tables.create(runner, `interaction:${type}`, q.setOperations('UNION ALL BY NAME', feeding.map(ofType)));
    const linkSet = new Set(feeding.flatMap((s) => [...s.ix.links.keys()]));
    types[type] = {
      table,
      fields: only ? only.fields : await tableFields(runner, table),
      links: plan.contactLinks.filter((l) => linkSet.has(l)),
      rowCount: feeding.reduce((sum, s) => sum + s.counts.get(type)!, 0),
      ...(only && only.ix.type === undefined ? { sharedTable: { table: only.table, typeColumn: plan.typeField } } : {}),
    };
  }
  return types;
}
