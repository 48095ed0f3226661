/**
 * CSV text as RFC 4180 describes it (comma separated, CRLF line ends, quotes doubled inside
 * quoted fields), safe to open in a spreadsheet: a text cell that a spreadsheet would read as a
 * formula gets a leading single quote.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** First characters that make Excel, LibreOffice and Google Sheets evaluate a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field. Numbers and booleans are written as they are (they cannot start a formula); text
 * starting with = + - @ TAB or CR is prefixed with `'` so it stays text.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A whole file: the header row, then one row per record, every line ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvRow(header)];
  for (const row of rows) lines.push(csvRow(row));
  return lines.map((line) => `${line}\r\n`).join('');
}
