/**
 * How native DuckDB writes a loaded table for ClickHouse's CSV input, so that no row passes
 * through JavaScript: DuckDB's own CSV writer quotes every text column (`"` doubled; ClickHouse's
 * CSV takes backslashes and line breaks inside quotes as they are) and spells NULL `\N`, which
 * ClickHouse reads as NULL only unquoted. A list is one CSV field holding ClickHouse's array text,
 * `['…',NULL]`, whose elements are escaped for its quoted strings (backslash first).
 */
import type { ColumnType, Expr, Query } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import type { StoredColumn } from './clickhouse-types';

/** Backslash-escapes for a string inside ClickHouse's quoted literal syntax (array elements). */
const QUOTED_ESCAPES: readonly (readonly [string, string])[] = [
  ['\\', '\\\\'],
  ["'", "\\'"],
  ['\t', '\\t'],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\0', '\\0'],
];

/** A text of any characters; a NUL cannot be spelled inside a literal. */
const anyText = (value: string): Expr => (value === '\0' ? q.call('chr', q.num(0)) : q.text(value));

function quotedElement(element: Expr): Expr {
  const escaped = QUOTED_ESCAPES.reduce<Expr>((expr, [from, to]) => q.call('replace', expr, anyText(from), q.text(to)), element);
  return q.caseWhen([[q.isNull(element), q.text('NULL')]], q.concat(q.text("'"), escaped, q.text("'")));
}

const isString = (type: ColumnType) => type.kind === 'type' && type.name === 'VARCHAR';
const isText = ({ type }: StoredColumn) => isString(type) || (type.kind === 'nullable' && isString(type.type));
const isList = ({ type }: StoredColumn) => type.kind === 'listOf';

/** The DuckDB expression of one column as its CSV field says it. */
function csvValue(column: StoredColumn): Expr {
  if (!isList(column)) return column.read;
  const elements = q.call('array_to_string', q.listTransform(column.read, quotedElement(q.ELEMENT)), q.text(','));
  return q.concat(q.text('['), elements, q.text(']'));
}

/** The rows of `table` as ClickHouse reads `columns` from `FORMAT CSV`, written by DuckDB into `folder`. */
export function csvExport(table: string, columns: readonly StoredColumn[], folder: string, fileSizeBytes: number) {
  // Positional names: the stored names (`lowered:x`) need no care in FORCE_QUOTE.
  const rows: Query = q.select(
    columns.map((c, i) => q.as(csvValue(c), `c${i}`)),
    { from: q.table(table) },
  );
  const forceQuote = columns.flatMap((c, i) => (isText(c) || isList(c) ? [`c${i}`] : []));
  return q.copyToCsv(rows, folder, { nullString: '\\N', forceQuote, fileSizeBytes });
}
