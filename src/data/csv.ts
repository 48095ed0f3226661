/**
 * CSV per SPEC §2: RFC 4180 quoting, an empty field is null, and a column's type is decided by
 * scanning every value. Values go to DuckDB as text with the decided type beside them; the
 * loader casts them there, so CSV and Parquet share one path from then on.
 */
import { makeData, makeVector, tableToIPC, Table, Utf8, type Vector } from 'apache-arrow';
import { checkColumnNames } from './column-names';
import { DataError } from './data-error';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

function countNewlines(value: string): number {
  let count = 0;
  for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) count++;
  return count;
}

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
  const unquoted = /[^,\r\n]*/y;
  const n = text.length;
  let fields: (string | null)[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  while (i < n) {
    let value: string | null;
    if (text.charCodeAt(i) === QUOTE) {
      const quoteLine = line;
      value = '';
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0)
          throw new DataError(fileName, `a quoted field that starts on line ${quoteLine} is never closed (is the file truncated?)`);
        value += text.slice(j, close);
        j = close + 1;
        if (text.charCodeAt(j) !== QUOTE) break;
        value += '"';
        j++;
      }
      line += countNewlines(value);
      // Text after a closing quote (not RFC 4180) is kept rather than lost.
      unquoted.lastIndex = j;
      unquoted.exec(text);
      value += text.slice(j, unquoted.lastIndex);
      i = unquoted.lastIndex;
    } else {
      unquoted.lastIndex = i;
      unquoted.exec(text);
      value = unquoted.lastIndex === i ? null : text.slice(i, unquoted.lastIndex);
      i = unquoted.lastIndex;
    }
    fields.push(value);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      if (i < n) continue;
      fields.push(null);
    }
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    i++;
    if (!(fields.length === 1 && fields[0] === null)) records.push({ fields, line: recordLine });
    fields = [];
    line++;
    recordLine = line;
  }

  const [head, ...rows] = records;
  if (!head) throw new DataError(fileName, 'the file is empty: a CSV needs a header row');
  const header = head.fields.map((name, i) => {
    if (name === null || name === '') throw new DataError(fileName, `column ${i + 1} of the header has no name`);
    return name;
  });
  checkColumnNames(fileName, header);
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

/** A UTF-8 column built straight into Arrow buffers (several times faster than vectorFromArray). */
function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let data = new Uint8Array(1024);
  let position = 0;
  let nullCount = 0;
  values.forEach((value, i) => {
    if (value === null) nullCount++;
    else {
      if (position + value.length * 3 > data.length) {
        const grown = new Uint8Array(Math.max(data.length * 2, position + value.length * 3));
        grown.set(data.subarray(0, position));
        data = grown;
      }
      position += encoder.encodeInto(value, data.subarray(position)).written;
      validity[i >> 3]! |= 1 << (i & 7);
    }
    offsets[i + 1] = position;
  });
  return makeVector(
    makeData({
      type: new Utf8(),
      length: values.length,
      nullCount,
      nullBitmap: validity,
      valueOffsets: offsets,
      data: data.subarray(0, position),
    }),
  );
}

export function csvToArrowStream(csv: ParsedCsv): Uint8Array {
  const vectors = Object.fromEntries(csv.header.map((name, c) => [name, utf8Vector(csv.columns[c]!)]));
  return tableToIPC(new Table(vectors), 'stream');
}
