/**
 * How native DuckDB writes a loaded table for ClickHouse's CSV input, so that no row passes
 * through JavaScript: DuckDB's own CSV writer quotes every text column (`"` doubled; ClickHouse's
 * CSV takes backslashes and line breaks inside quotes as they are) and spells NULL `\N`, which
 * ClickHouse reads as NULL only unquoted. A list is one CSV field holding ClickHouse's array text,
 * `['…',NULL]`, whose elements are escaped for its quoted strings (backslash first).
 */
import { quoteIdentifier as id } from '../../engine/sql/quote';
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

/** A DuckDB string literal of any characters: control characters through chr(). */
function duckText(value: string): string {
  return [...value].map((ch) => (/[\x20-\x7e]/.test(ch) ? `'${ch.replaceAll("'", "''")}'` : `chr(${ch.codePointAt(0)})`)).join(' || ');
}

function quotedElement(element: string): string {
  const escaped = QUOTED_ESCAPES.reduce((sql, [from, to]) => `replace(${sql}, ${duckText(from)}, ${duckText(to)})`, element);
  return `CASE WHEN ${element} IS NULL THEN 'NULL' ELSE '''' || ${escaped} || '''' END`;
}

const isText = (column: StoredColumn) => column.type === 'String' || column.type === 'Nullable(String)';
const isList = (column: StoredColumn) => column.type === 'Array(Nullable(String))';

/** The DuckDB expression of one column as its CSV field says it. */
function csvValue(column: StoredColumn): string {
  if (!isList(column)) return column.read;
  return `'[' || array_to_string(list_transform(${column.read}, lambda e: ${quotedElement('e')}), ',') || ']'`;
}

/** The DuckDB SELECT list and the COPY options that write `columns` as ClickHouse reads `FORMAT CSV`. */
export function csvExport(columns: readonly StoredColumn[]): { select: string; options: string } {
  // Positional names: the stored names (`lowered:x`) need no care in FORCE_QUOTE.
  const select = columns.map((c, i) => `${csvValue(c)} AS c${i}`).join(', ');
  const quoted = columns.flatMap((c, i) => (isText(c) || isList(c) ? [`c${i}`] : []));
  const options = [`FORMAT csv`, `HEADER false`, `NULLSTR '\\N'`, ...(quoted.length ? [`FORCE_QUOTE (${quoted.map(id).join(', ')})`] : [])];
  return { select, options: options.join(', ') };
}
