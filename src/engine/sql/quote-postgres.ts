/**
 * The only place where identifiers and literal values become PostgreSQL SQL text. Strings are
 * standard-conforming (a backslash is an ordinary character); PostgreSQL text cannot hold NUL.
 */
import { quoteBoolean, quoteDate, quoteString, quoteTimestamp } from './quote';

/** PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and silently drops the rest. */
const MAX_NAME_BYTES = 63;

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * A longer name is cut to fit and given a hash of the whole: two long names that share their
 * first 63 bytes stay apart, and every reference to one name prints the same text.
 */
function fitName(name: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(name).length <= MAX_NAME_BYTES) return name;
  const suffix = `~${fnv1a(name)}`;
  let cut = '';
  for (const char of name) {
    if (encoder.encode(cut + char).length + suffix.length > MAX_NAME_BYTES) break;
    cut += char;
  }
  return cut + suffix;
}

export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character');
  return `"${fitName(name).replaceAll('"', '""')}"`;
}

export function quoteNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  if (Number.isSafeInteger(value)) return String(value);
  // A bare 55000.5 would be NUMERIC; the cast keeps every fraction a double, as DuckDB compares it.
  return `CAST(${String(value)} AS DOUBLE PRECISION)`;
}

/**
 * Spelt alike in both dialects: text (with standard_conforming_strings, on since PostgreSQL 9.1,
 * a backslash is an ordinary character, and NUL is refused), TRUE / FALSE, `TIMESTAMP '…'`
 * (no zone, UTC) and `DATE '…'`.
 */
export { quoteBoolean, quoteDate, quoteString, quoteTimestamp };

/** A table in a schema: `"schema"."table"`. */
export function quoteTableIn(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}
