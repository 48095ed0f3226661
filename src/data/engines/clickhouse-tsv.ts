/**
 * DuckDB SQL that writes a row of a loaded table as one line of ClickHouse's TabSeparated format,
 * so that native DuckDB writes the file and ClickHouse parses it without any row passing through
 * JavaScript. TabSeparated, not CSV: its escaping is exact both ways (backslash, tab, newline and
 * `\N` for NULL), and arrays are written in its own `['…',NULL]` text inside a field.
 */
import type { StoredColumn } from './clickhouse-types';

/** A DuckDB VARCHAR expression escaped as ClickHouse reads a TabSeparated string (backslash first). */
function escaped(text: string, inQuotes: boolean): string {
  const pairs: [string, string][] = [
    ['\\', '\\\\'],
    ['\t', '\\t'],
    ['\n', '\\n'],
    ['\r', '\\r'],
    ['\0', '\\0'],
    ...(inQuotes ? ([["'", "\\'"]] as [string, string][]) : []),
  ];
  return pairs.reduce((sql, [from, to]) => `replace(${sql}, ${duckText(from)}, ${duckText(to)})`, text);
}

/** A DuckDB string literal of any characters: control characters through chr(). */
function duckText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `'${value.replaceAll("'", "''")}'`;
  return [...value].map((ch) => (/[\x20-\x7e]/.test(ch) ? `'${ch.replaceAll("'", "''")}'` : `chr(${ch.codePointAt(0)})`)).join(' || ');
}

/** The TabSeparated text of one stored column (never NULL: a NULL value is `\N`). */
export function tsvField(column: StoredColumn): string {
  const value = `(${column.read})`;
  if (column.type === 'String' || column.type === 'Nullable(String)') return `coalesce(${escaped(value, false)}, '\\N')`;
  if (column.type === 'Array(Nullable(String))') {
    const element = `CASE WHEN e IS NULL THEN 'NULL' ELSE '''' || ${escaped('e', true)} || '''' END`;
    return `coalesce('[' || array_to_string(list_transform(${value}, lambda e: ${element}), ',') || ']', '\\N')`;
  }
  return `coalesce(CAST(${value} AS VARCHAR), '\\N')`;
}

/** One TabSeparated line per row, as a single DuckDB column. */
export function tsvLine(columns: readonly StoredColumn[]): string {
  return columns.map(tsvField).join(` || chr(9) || `);
}
