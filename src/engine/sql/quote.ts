/**
 * The only place where identifiers and literal values become SQL text. Everything user-supplied
 * (field names, table names, values) reaches SQL through these functions and nothing else.
 */

export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A VARCHAR literal. DuckDB standard strings treat backslash as an ordinary character. */
export function quoteString(value: string): string {
  if (value.includes('\0')) throw new Error('A text value cannot contain a NUL character');
  const quoted = `'${value.replaceAll("'", "''")}'`;
  if (!/[\r\n]/.test(value)) return quoted;
  // Line breaks are spelled chr(10) / chr(13): the printers indent SQL line by line, which must
  // never reach inside a literal.
  return `(${quoted.replaceAll('\r', "' || chr(13) || '").replaceAll('\n', "' || chr(10) || '")})`;
}

export function quoteNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  if (Number.isSafeInteger(value)) return String(value);
  // Doubles print in exponent form when needed; the cast keeps DuckDB from reading them as DECIMAL.
  return `CAST(${String(value)} AS DOUBLE)`;
}

export function quoteBoolean(value: boolean): string {
  return value ? 'TRUE' : 'FALSE';
}

/** The instants SQL text spells with a four-digit year: 0001-01-01 to 9999-12-31 23:59:59.999. */
const FIRST_PRINTABLE = Date.parse('0001-01-01T00:00:00Z');
const LAST_PRINTABLE = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A TIMESTAMP (no zone) literal for a UTC instant in epoch milliseconds. A bound beyond years
 * 0001-9999 (the end of "in the last 10000 years", the day after 9999-12-31) is `infinity` or
 * `-infinity`: it compares like the far date with every timestamp data can hold.
 */
export function quoteTimestamp(instant: number): string {
  if (Number.isNaN(instant)) throw new Error(`Not a valid instant: ${instant}`);
  if (instant < FIRST_PRINTABLE) return `TIMESTAMP '-infinity'`;
  if (instant > LAST_PRINTABLE) return `TIMESTAMP 'infinity'`;
  const iso = new Date(instant).toISOString();
  return `TIMESTAMP '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`;
}

/** A DATE literal; `date` is `YYYY-MM-DD`, or ISO's extended `±YYYYYY-MM-DD` beyond years 0001-9999. */
export function quoteDate(date: string): string {
  const far = /^([+-])\d{6}-\d{2}-\d{2}$/.exec(date);
  if (far || date.startsWith('0000-')) return `DATE '${far?.[1] === '+' ? '' : '-'}infinity'`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not a calendar date: ${date}`);
  return `DATE '${date}'`;
}

/** A table in the main schema of another attached database. */
export function quoteTableIn(database: string, table: string): string {
  return quoteQualified(table, database);
}

/** A table, optionally in a schema and in another attached database (whose schema defaults to `main`). */
export function quoteQualified(table: string, database?: string, schema?: string): string {
  const path = database === undefined ? (schema === undefined ? [] : [schema]) : [database, schema ?? 'main'];
  return [...path, table].map(quoteIdentifier).join('.');
}
