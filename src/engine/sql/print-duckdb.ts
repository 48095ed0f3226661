/** Prints the SQL tree as DuckDB SQL, indented for people to read in the query view. */
import type { Expr, From, Literal, OrderItem, Query, Statement, TableName } from './ast';
import { quoteBoolean, quoteDate, quoteIdentifier, quoteNumber, quoteQualified, quoteString, quoteTimestamp } from './quote';

const INDENT = '  ';

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => INDENT + line)
    .join('\n');
}

function printLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'text':
      return quoteString(literal.value);
    case 'number':
      return quoteNumber(literal.value);
    case 'boolean':
      return quoteBoolean(literal.value);
    case 'timestamp':
      return quoteTimestamp(literal.value);
    case 'date':
      return quoteDate(literal.value);
    case 'null':
      return 'NULL';
  }
}

/** Wraps an operand in parentheses unless it is atomic. */
function operand(expr: Expr): string {
  const printed = printExpr(expr);
  return ['literal', 'column', 'call', 'aggregate', 'list', 'lowerEach', 'cast', 'exists', 'star'].includes(expr.kind)
    ? printed
    : `(${printed})`;
}

function subqueryText(query: Query): string {
  return `(\n${indent(printQuery(query))}\n)`;
}

export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return printLiteral(expr);
    case 'column':
      return expr.table === undefined ? quoteIdentifier(expr.name) : `${quoteIdentifier(expr.table)}.${quoteIdentifier(expr.name)}`;
    case 'list':
      return `[${expr.items.map(printExpr).join(', ')}]`;
    case 'call':
      return `${expr.fn}(${expr.args.map(printExpr).join(', ')})`;
    case 'lowerEach':
      return `list_transform(${printExpr(expr.list)}, lambda x: lower(x))`;
    case 'aggregate': {
      const call = expr.arg === undefined ? `${expr.fn}(*)` : `${expr.fn}(${expr.distinct ? 'DISTINCT ' : ''}${printExpr(expr.arg)})`;
      return expr.filter === undefined ? call : `${call} FILTER (WHERE ${printExpr(expr.filter)})`;
    }
    case 'arithmetic':
      return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
    case 'star':
      return '*';
    case 'compare':
      return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
    case 'logical':
      return expr.items.map(operand).join(` ${expr.op} `);
    case 'not':
      return `NOT ${operand(expr.expr)}`;
    case 'isNull':
      return `${operand(expr.expr)} IS ${expr.negated ? 'NOT ' : ''}NULL`;
    case 'between':
      return `${operand(expr.expr)} BETWEEN ${operand(expr.low)} AND ${operand(expr.high)}`;
    case 'inList':
      return `${operand(expr.expr)} ${expr.negated ? 'NOT IN' : 'IN'} (${expr.items.map(printExpr).join(', ')})`;
    case 'inQuery':
      return `${operand(expr.expr)} ${expr.negated ? 'NOT IN' : 'IN'} ${subqueryText(expr.query)}`;
    case 'exists':
      return `EXISTS ${subqueryText(expr.query)}`;
    case 'cast':
      return `CAST(${printExpr(expr.expr)} AS ${expr.type})`;
  }
}

function printFrom(from: From): string {
  switch (from.kind) {
    case 'table': {
      const name = quoteQualified(from.name, from.database, from.schema);
      return from.alias === undefined ? name : `${name} AS ${quoteIdentifier(from.alias)}`;
    }
    case 'tableFunction':
      return `${from.fn}()${from.alias === undefined ? '' : ` AS ${quoteIdentifier(from.alias)}`}`;
    case 'subquery':
      return `${subqueryText(from.query)} AS ${quoteIdentifier(from.alias)}`;
    case 'join':
      return `${printFrom(from.left)}\n${from.type} JOIN ${printFrom(from.right)} ON ${printExpr(from.on)}`;
  }
}

function printOrderItem(item: Expr | OrderItem): string {
  if ('kind' in item) return printExpr(item);
  return `${printExpr(item.expr)}${item.descending ? ' DESC' : ''}`;
}

export function printQuery(query: Query): string {
  switch (query.kind) {
    case 'select': {
      const columns = query.columns
        .map((c) => (c.alias === undefined ? printExpr(c.expr) : `${printExpr(c.expr)} AS ${quoteIdentifier(c.alias)}`))
        .join(', ');
      const lines = [`SELECT ${query.distinct ? 'DISTINCT ' : ''}${columns}`];
      if (query.from) lines.push(`FROM ${printFrom(query.from)}`);
      if (query.where) lines.push(`WHERE ${printExpr(query.where)}`);
      if (query.groupBy?.length) lines.push(`GROUP BY ${query.groupBy.map(printExpr).join(', ')}`);
      if (query.having) lines.push(`HAVING ${printExpr(query.having)}`);
      if (query.orderBy?.length) lines.push(`ORDER BY ${query.orderBy.map(printOrderItem).join(', ')}`);
      if (query.limit !== undefined) lines.push(`LIMIT ${quoteNumber(Math.max(0, Math.trunc(query.limit)))}`);
      if (query.offset !== undefined) lines.push(`OFFSET ${quoteNumber(Math.max(0, Math.trunc(query.offset)))}`);
      return lines.join('\n');
    }
    case 'setOperation':
      // Every operand is parenthesised: SQL binds INTERSECT tighter than UNION, the Flow folds left to right.
      return `(\n${indent(printQuery(query.left))}\n)\n${query.op}\n(\n${indent(printQuery(query.right))}\n)`;
    case 'with': {
      const ctes = query.ctes.map(
        (cte) => `${quoteIdentifier(cte.name)} AS ${cte.materialized ? 'MATERIALIZED ' : ''}${subqueryText(cte.query)}`,
      );
      return `WITH ${ctes.join(',\n')}\n${printQuery(query.body)}`;
    }
  }
}

function printTableName(table: TableName): string {
  return quoteQualified(table.name, table.database);
}

export function printStatement(statement: Statement): string {
  switch (statement.kind) {
    case 'createTableAs': {
      const head = `CREATE ${statement.orReplace ? 'OR REPLACE ' : ''}${statement.temporary ? 'TEMP ' : ''}TABLE`;
      return `${head} ${printTableName(statement.table)} AS\n${printQuery(statement.query)}`;
    }
    case 'createView':
      return `CREATE VIEW ${printTableName(statement.table)} AS\n${printQuery(statement.query)}`;
    case 'insertInto':
      return `INSERT INTO ${printTableName(statement.table)}\n${printQuery(statement.query)}`;
    case 'dropTable':
      return `DROP TABLE ${statement.ifExists ? 'IF EXISTS ' : ''}${printTableName(statement.table)}`;
    case 'dropView':
      return `DROP VIEW ${statement.ifExists ? 'IF EXISTS ' : ''}${printTableName(statement.table)}`;
    case 'attach':
      return `ATTACH ${quoteString(statement.path)} AS ${quoteIdentifier(statement.alias)}${statement.compress ? ' (COMPRESS)' : ''}`;
    case 'use':
      return `USE ${quoteIdentifier(statement.database)}`;
  }
}
