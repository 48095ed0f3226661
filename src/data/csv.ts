/**
 * CSV per SPEC §2: RFC 4180 quoting, an empty field is null, and a column's type is decided by
 * scanning every value. Values go to DuckDB as text with the decided type beside them; the
 * loader casts them there, so CSV and Parquet share one path from then on.
 */
import { tableToIPC, vectorFromArray, Table, Utf8 } from 'apache-arrow';
import { DataError } from './data-error';

export type CsvType = 'text' | 'number' | 'boolean' | 'date' | 'timestamp';

export interface ParsedCsv {
  readonly header: readonly string[];
  readonly columns: readonly (readonly (string | null)[])[];
  /** The line each data row starts on, for error messages. */
  readonly lines: readonly number[];
}

export function parseCsv(text: string, fileName: string): ParsedCsv {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: { fields: (string | null)[]; line: number }[] = [];
  let fields: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  const endField = () => {
    fields.push(field === '' && !quoted ? null : field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === null)) records.push({ fields, line: recordLine });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      inQuotes = true;
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (inQuotes) throw new DataError(fileName, `a quoted field that starts on line ${quoteLine} is never closed (is the file truncated?)`);
  if (field !== '' || quoted || fields.length > 0) endRecord();

  const [head, ...rows] = records;
  if (!head) throw new DataError(fileName, 'the file is empty: a CSV needs a header row');
  const header = head.fields.map((name, i) => {
    if (name === null || name === '') throw new DataError(fileName, `column ${i + 1} of the header has no name`);
    return name;
  });
  const columns = header.map(() => [] as (string | null)[]);
  for (const row of rows) {
    if (row.fields.length !== header.length) {
      throw new DataError(fileName, `line ${row.line} has ${row.fields.length} fields; the header has ${header.length}`);
    }
    row.fields.forEach((value, c) => columns[c]!.push(value));
  }
  return { header, columns, lines: rows.map((r) => r.line) };
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function validDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

const CHECKS: Record<Exclude<CsvType, 'text'>, (v: string) => boolean> = {
  boolean: (v) => /^(true|false)$/i.test(v),
  number: (v) => NUMBER.test(v),
  date: (v) => {
    const m = DATE.exec(v);
    return m !== null && validDate(m[1]!, m[2]!, m[3]!);
  },
  timestamp: (v) => {
    const m = TIMESTAMP.exec(v);
    return m !== null && validDate(m[1]!, m[2]!, m[3]!) && Number(m[4] ?? 0) < 24 && Number(m[5] ?? 0) < 60 && Number(m[6] ?? 0) < 60;
  },
};

/** The narrowest type every non-null value fits; a column with no values is text. */
export function inferCsvType(values: readonly (string | null)[]): CsvType {
  const present = values.filter((v): v is string => v !== null);
  if (present.length === 0) return 'text';
  for (const type of ['boolean', 'number', 'date', 'timestamp'] as const) {
    if (present.every(CHECKS[type])) return type;
  }
  return 'text';
}

/** The first present value of a column that is not an ISO 8601 timestamp (-1 if none), for error messages. */
export function firstNonTimestamp(values: readonly (string | null)[]): number {
  return values.findIndex((v) => v !== null && !CHECKS.timestamp(v));
}

export function csvToArrowStream(csv: ParsedCsv): Uint8Array {
  const vectors = Object.fromEntries(csv.header.map((name, c) => [name, vectorFromArray(csv.columns[c]!, new Utf8())]));
  return tableToIPC(new Table(vectors), 'stream');
}
