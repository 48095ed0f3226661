/** The queries behind the members table: chosen contact columns of a result table's members. */
import { contactEntity, type Catalog } from '../../engine/catalog';
import { MEMBER_COLUMN } from '../../engine/compile/compile-segment';
import * as q from '../../engine/sql/build';
import { printQuery } from '../../engine/sql/print-duckdb';

export const PAGE_SIZE = 50;

export interface MemberSort {
  readonly column: string;
  readonly descending: boolean;
}

/** Contacts in `table`, sorted (then by key, so pages are stable), one page or all of them. */
export function memberRowsSql(catalog: Catalog, table: string, columns: readonly string[], sort?: MemberSort, page?: number): string {
  const contact = contactEntity(catalog);
  const alias = 'c';
  const order = [
    ...(sort && sort.column !== contact.key ? [{ expr: q.col(alias, sort.column), descending: sort.descending }] : []),
    { expr: q.col(alias, contact.key), descending: sort?.column === contact.key && sort.descending },
  ];
  return printQuery(
    q.select(
      columns.map((c) => q.as(q.col(alias, c), c)),
      {
        from: q.table(contact.table, alias),
        where: q.inQuery(q.col(alias, contact.key), q.select([q.col(undefined, MEMBER_COLUMN)], { from: q.table(table) })),
        orderBy: order,
        ...(page === undefined ? {} : { limit: PAGE_SIZE, offset: page * PAGE_SIZE }),
      },
    ),
  );
}
