/** Rewrites every table a query reads (in FROM clauses and in subqueries anywhere) by a function. */
import type { Expr, From, Query } from './ast';

export type TableMapper = (table: Extract<From, { kind: 'table' }>) => From;

export function mapTables(query: Query, map: TableMapper): Query {
  const inQuery = (q: Query): Query => mapTables(q, map);
  const inExpr = (e: Expr): Expr => mapChildren(e, inExpr, inQuery);
  switch (query.kind) {
    case 'select':
      return {
        ...query,
        columns: query.columns.map((c) => ({ ...c, expr: inExpr(c.expr) })),
        ...(query.from ? { from: mapFrom(query.from, map, inExpr) } : {}),
        ...(query.where ? { where: inExpr(query.where) } : {}),
        ...(query.groupBy ? { groupBy: query.groupBy.map(inExpr) } : {}),
        ...(query.having ? { having: inExpr(query.having) } : {}),
        ...(query.orderBy ? { orderBy: query.orderBy.map((o) => ('kind' in o ? inExpr(o) : { ...o, expr: inExpr(o.expr) })) } : {}),
      };
    case 'setOperation':
      return { ...query, left: inQuery(query.left), right: inQuery(query.right) };
    case 'with': {
      // A common table expression's name is not a table of the data.
      const names = new Set(query.ctes.map((c) => c.name));
      const keepCtes: TableMapper = (table) =>
        table.database === undefined && table.schema === undefined && names.has(table.name) ? table : map(table);
      return {
        ...query,
        ctes: query.ctes.map((c) => ({ ...c, query: mapTables(c.query, keepCtes) })),
        body: mapTables(query.body, keepCtes),
      };
    }
  }
}

function mapFrom(from: From, map: TableMapper, inExpr: (e: Expr) => Expr): From {
  switch (from.kind) {
    case 'table':
      return map(from);
    case 'tableFunction':
      return from;
    case 'subquery':
      return { ...from, query: mapTables(from.query, map) };
    case 'join': {
      const sides = { left: mapFrom(from.left, map, inExpr), right: mapFrom(from.right, map, inExpr) };
      return from.type === 'CROSS' ? { ...from, ...sides } : { ...from, ...sides, on: inExpr(from.on) };
    }
  }
}

/** `visit` on the expression and each of its sub-expressions, outside subqueries (which are never correlated). */
export function forEachExpr(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  mapChildren(
    expr,
    (e) => {
      forEachExpr(e, visit);
      return e;
    },
    (query) => query,
  );
}

/** An expression with each sub-expression mapped by `down` and each subquery by `inQuery` (one level). */
export function mapChildren(expr: Expr, down: (e: Expr) => Expr, inQuery: (q: Query) => Query): Expr {
  switch (expr.kind) {
    case 'literal':
    case 'column':
    case 'star':
    case 'lambdaElement':
      return expr;
    case 'arithmetic':
    case 'compare':
      return { ...expr, left: down(expr.left), right: down(expr.right) };
    case 'list':
      return { ...expr, items: expr.items.map(down) };
    case 'call':
      return { ...expr, args: expr.args.map(down) };
    case 'lowerEach':
      return { ...expr, list: down(expr.list) };
    case 'aggregate':
      return {
        ...expr,
        ...(expr.arg === undefined ? {} : { arg: down(expr.arg) }),
        ...(expr.filter === undefined ? {} : { filter: down(expr.filter) }),
      };
    case 'logical':
      return { ...expr, items: expr.items.map(down) };
    case 'not':
    case 'isNull':
    case 'cast':
    case 'atTimeZone':
      return { ...expr, expr: down(expr.expr) };
    case 'clickhouseCall':
      return { ...expr, args: expr.args.map(down) };
    case 'case':
      return {
        ...expr,
        whens: expr.whens.map((w) => ({ when: down(w.when), then: down(w.then) })),
        ...(expr.else === undefined ? {} : { else: down(expr.else) }),
      };
    case 'listLambda':
      return { ...expr, list: down(expr.list), body: down(expr.body) };
    case 'previous':
      return { ...expr, expr: down(expr.expr), orderBy: down(expr.orderBy) };
    case 'between':
      return { ...expr, expr: down(expr.expr), low: down(expr.low), high: down(expr.high) };
    case 'inList':
      return { ...expr, expr: down(expr.expr), items: expr.items.map(down) };
    case 'inQuery':
      return { ...expr, expr: down(expr.expr), query: inQuery(expr.query) };
    case 'exists':
      return { ...expr, query: inQuery(expr.query) };
  }
}
