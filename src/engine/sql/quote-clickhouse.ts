/**
 * The only place where identifiers and literal values become ClickHouse SQL text. ClickHouse
 * string literals and quoted identifiers treat backslash as an escape character, so both the
 * quote and the backslash are escaped (unlike DuckDB's standard strings).
 *
 * Values are printed in the storage the ClickHouse engine uses (docs/CLICKHOUSE.md): timestamps
 * as Int64 microseconds since the epoch, dates as Int32 days since 1970-01-01, booleans as 0/1.
 */

/**
 * Line breaks and tabs are escaped too: printed SQL is indented line by line, which must never
 * reach inside a literal or a name.
 */
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '`': '\\`',
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
const escape = (c: string) => ESCAPES[c]!;

export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character');
  return `\`${name.replace(/[\\`\n\r\t]/g, escape)}\``;
}

/** A String literal; NUL is a legal character of a ClickHouse string and is escaped like the rest. */
export function quoteString(value: string): string {
  return `'${value.replace(/[\\'\0\n\r\t]/g, escape)}'`;
}

/** The smallest positive normal double; ClickHouse 18.16 cannot parse anything smaller but 0. */
const SMALLEST_NORMAL = 2.2250738585072014e-308;

export function quoteNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  if (Number.isSafeInteger(value)) return String(value);
  // ClickHouse reads 1.5, 1e21 and 1.5e-7 as Float64; the call says so to a reader too.
  if (value !== 0 && Math.abs(value) < SMALLEST_NORMAL) {
    // Its parser refuses subnormal literals (5e-324): the exact product of two normal doubles
    // (a power of two apart) is the same value.
    return `(toFloat64(${String(value * 2 ** 600)}) * toFloat64(${String(2 ** -600)}))`;
  }
  return `toFloat64(${String(value)})`;
}

export function quoteBoolean(value: boolean): string {
  return value ? '1' : '0';
}

/** A UTC instant in epoch milliseconds as the stored Int64 microseconds. */
export function quoteTimestamp(instant: number): string {
  if (!Number.isFinite(instant)) throw new Error(`Not a valid instant: ${instant}`);
  return String(BigInt(Math.round(instant)) * 1000n);
}

/** A calendar date `YYYY-MM-DD` as the stored Int32 days since 1970-01-01; any year works. */
export function quoteDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Not a calendar date: ${date}`);
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return String(Math.round(d.getTime() / 86_400_000));
}

/**
 * For a warehouse's own tables (`DateTime` or `DateTime64` columns): a UTC instant as a `DateTime`
 * when it is a whole second in DateTime's range, else as a `DateTime64` with milliseconds.
 */
export function quoteExternalTimestamp(instant: number): string {
  if (!Number.isFinite(instant)) throw new Error(`Not a valid instant: ${instant}`);
  const iso = new Date(Math.round(instant)).toISOString();
  const year = Number(iso.slice(0, 4));
  const whole = Math.round(instant) % 1000 === 0 && year >= 1970 && year < 2106;
  return whole
    ? `toDateTime(${quoteString(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`)}, 'UTC')`
    : `toDateTime64(${quoteString(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`)}, 3, 'UTC')`;
}

/** For a warehouse's own `Date` (1970–2149) or `Date32` columns: a calendar date. */
export function quoteExternalDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Not a calendar date: ${date}`);
  const year = Number(m[1]);
  return `${year >= 1970 && year < 2149 ? 'toDate' : 'toDate32'}(${quoteString(date)})`;
}

/** A table in another database. */
export function quoteTableIn(database: string, table: string): string {
  return `${quoteIdentifier(database)}.${quoteIdentifier(table)}`;
}
