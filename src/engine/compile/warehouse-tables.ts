/**
 * A compiled query rewritten to read a warehouse's tables instead of the app's: each entity and
 * interaction type is read from the table catalog.json's `"tables"` names for its file (else the
 * file's stem), and a type that comes from the long interactions table is read from that table
 * filtered on its type column. For the Query tab's "copy into your warehouse".
 */
import { own, type Catalog } from '../catalog';
import type { From, Query } from '../sql/ast';
import * as q from '../sql/build';
import { mapTables } from '../sql/map-tables';

/** `schema.table` (or a bare table); the first dot separates them. */
function qualified(name: string, alias: string): From {
  const dot = name.indexOf('.');
  return dot > 0 ? { kind: 'table', schema: name.slice(0, dot), name: name.slice(dot + 1), alias } : { kind: 'table', name, alias };
}

/** One table a type's rows come from; the long table filtered to the type. */
function sourceQuery(table: string, type: string, typeColumn?: string): Query {
  return q.select([q.STAR], {
    from: qualified(table, 'source'),
    ...(typeColumn === undefined ? {} : { where: q.compare('=', q.col('source', typeColumn), q.text(type)) }),
  });
}

export function warehouseQuery(query: Query, catalog: Catalog): Query {
  const replacements = new Map<string, (alias: string) => From>();
  for (const [entity, info] of Object.entries(catalog.entities)) {
    const name = (catalog.warehouse && own(catalog.warehouse.entities, entity)) ?? entity;
    replacements.set(info.table, (alias) => qualified(name, alias));
  }
  for (const [type, info] of Object.entries(catalog.interactions.types)) {
    const sources = (catalog.warehouse && own(catalog.warehouse.types, type)) ?? [{ table: type }];
    const only = sources.length === 1 ? sources[0]! : undefined;
    replacements.set(info.table, (alias) =>
      only && only.typeColumn === undefined
        ? qualified(only.table, alias)
        : q.subquery(
            q.setOperations(
              'UNION ALL',
              sources.map((s) => sourceQuery(s.table, type, s.typeColumn)),
            ),
            alias,
          ),
    );
  }
  return mapTables(query, (table) => {
    const replace = table.database === undefined && table.schema === undefined ? replacements.get(table.name) : undefined;
    return replace ? replace(table.alias ?? table.name) : table;
  });
}
