/**
 * Rewrites the shared SQL tree into forms ClickHouse 18.16 (and every later ClickHouse) runs, so
 * the compiler stays one for every dialect:
 * - `A UNION B`, `A INTERSECT B`, `A EXCEPT B` (ClickHouse 18.16 has only UNION ALL) become
 *   `SELECT DISTINCT` over `A UNION ALL B`, and over A filtered by `GLOBAL [NOT] IN B` (a tuple
 *   of the columns when there are several);
 * - `WITH` queries (18.16 has no common table expressions) have their CTEs inlined;
 * - a join to a table is made on a copy of the table's key column (`rightKeyCopy`);
 * - `x NOT IN (…)` is true on a NULL `x` in ClickHouse, false (NULL) in DuckDB: it gets an
 *   explicit `x IS NOT NULL` beside it.
 */
import type { Expr, From, Query, SetOperator } from './ast';
import * as q from './build';
import { mapChildren } from './map-tables';

type Ctes = ReadonlyMap<string, Query>;

/** The names of a query's output columns: their aliases, or the columns they select. */
function outputColumns(query: Query): string[] {
  switch (query.kind) {
    case 'select':
      return query.columns.map((column) => {
        if (column.alias !== undefined) return column.alias;
        if (column.expr.kind === 'column') return column.expr.name;
        throw new Error('A set operation operand needs named columns');
      });
    case 'setOperation':
      return outputColumns(query.left);
    case 'with':
      return outputColumns(query.body);
  }
}

const SET_ALIAS = 'set_operand';

function lowerSetOperation(op: SetOperator, left: Query, right: Query): Query {
  if (op === 'UNION ALL' || op === 'UNION ALL BY NAME') return q.setOperation(op, left, right);
  const names = outputColumns(left);
  const columns = names.map((name) => q.col(SET_ALIAS, name));
  const distinct = (from: From, where?: Expr): Query =>
    q.select(
      columns.map((column, i) => q.as(column, names[i]!)),
      { distinct: true, from, ...(where ? { where } : {}) },
    );
  if (op === 'UNION') return distinct(q.subquery(q.setOperation('UNION ALL', left, right), SET_ALIAS));
  // Rows of several columns (a timeline's pairs of instant and contact) are compared as tuples.
  const row = columns.length === 1 ? columns[0]! : q.call('tuple', ...columns);
  return distinct(q.subquery(left, SET_ALIAS), q.inQuery(row, right, op === 'EXCEPT'));
}

function lowerFrom(from: From, ctes: Ctes): From {
  switch (from.kind) {
    case 'table': {
      const cte = ctes.get(from.name);
      return cte ? q.subquery(cte, from.alias ?? from.name) : from;
    }
    case 'tableFunction':
      return from;
    case 'subquery':
      return { ...from, query: lowerQueryIn(from.query, ctes) };
    case 'join':
      return rightKeyCopy({ ...from, left: lowerFrom(from.left, ctes), right: lowerFrom(from.right, ctes), on: lowerExpr(from.on, ctes) });
  }
}

/**
 * ClickHouse 18.16 reads the right table's join key wrongly when the query uses it: in a table
 * joined to itself it reads as the left side's column of that name (a related contact's key
 * came out as the contact's own), and beside a WHERE the filter fails ("Size of filter doesn't
 * match size of column"). The right table is joined on a copy of its key under a name of its own.
 */
function rightKeyCopy(join: Extract<From, { kind: 'join' }>): From {
  const { right, on } = join;
  if (right.kind !== 'table' || on.kind !== 'compare' || on.op !== '=') return join;
  const alias = right.alias ?? right.name;
  const isKey = (e: Expr) => e.kind === 'column' && e.table === alias;
  const key = isKey(on.left) ? on.left : isKey(on.right) ? on.right : undefined;
  if (key?.kind !== 'column') return join;
  const copy = `join:${key.name}`;
  const { alias: _, ...unaliased } = right;
  const keyed = q.select([q.STAR, q.as(q.col(undefined, key.name), copy)], { from: unaliased });
  const renamed = q.col(alias, copy);
  return {
    ...join,
    right: q.subquery(keyed, alias),
    on: q.compare('=', on.left === key ? renamed : on.left, on.right === key ? renamed : on.right),
  };
}

function lowerExpr(expr: Expr, ctes: Ctes): Expr {
  const lowered = mapChildren(
    expr,
    (e) => lowerExpr(e, ctes),
    (query) => lowerQueryIn(query, ctes),
  );
  if ((lowered.kind === 'inList' || lowered.kind === 'inQuery') && lowered.negated) return q.and(q.isNull(lowered.expr, true), lowered);
  return lowered;
}

function lowerQueryIn(query: Query, ctes: Ctes): Query {
  switch (query.kind) {
    case 'select': {
      const e = (x: Expr) => lowerExpr(x, ctes);
      return {
        ...query,
        columns: query.columns.map((c) => ({ ...c, expr: e(c.expr) })),
        ...(query.from ? { from: lowerFrom(query.from, ctes) } : {}),
        ...(query.where ? { where: e(query.where) } : {}),
        ...(query.groupBy ? { groupBy: query.groupBy.map(e) } : {}),
        ...(query.having ? { having: e(query.having) } : {}),
        ...(query.orderBy ? { orderBy: query.orderBy.map((o) => ('kind' in o ? e(o) : { ...o, expr: e(o.expr) })) } : {}),
      };
    }
    case 'setOperation':
      return lowerSetOperation(query.op, lowerQueryIn(query.left, ctes), lowerQueryIn(query.right, ctes));
    case 'with': {
      const inner = new Map(ctes);
      for (const cte of query.ctes) inner.set(cte.name, lowerQueryIn(cte.query, inner));
      return lowerQueryIn(query.body, inner);
    }
  }
}

export function lowerForClickhouse(query: Query): Query {
  return lowerQueryIn(query, new Map());
}
