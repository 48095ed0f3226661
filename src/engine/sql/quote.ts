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
  return `'${value.replaceAll("'", "''")}'`;
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

/** A TIMESTAMP (no zone) literal for a UTC instant in epoch milliseconds. */
export function quoteTimestamp(instant: number): string {
  if (!Number.isFinite(instant)) throw new Error(`Not a valid instant: ${instant}`);
  const iso = new Date(instant).toISOString();
  return `TIMESTAMP '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`;
}

/** A DATE literal; `date` must be `YYYY-MM-DD`. */
export function quoteDate(date: string): string {
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
