/**
 * Column buffers of the sample generator turned into Arrow IPC stream bytes. Columns are built
 * straight from typed arrays (no per-value builders), and repeated text such as ids is
 * dictionary-encoded, so even millions of rows stay small and fast to hand to DuckDB.
 */
import {
  Bool,
  DateDay,
  Dictionary,
  Field,
  Float64,
  Int32,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMicrosecond,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
  Vector,
  type Data,
  type DataType,
} from 'apache-arrow';

/** A text column drawn from a fixed list of values: `indices[i]` points into `values`, -1 is null. */
export interface DictionaryColumn {
  readonly kind: 'dictionary';
  readonly indices: Int32Array;
  readonly values: Vector<Utf8>;
}
export interface TextColumn {
  readonly kind: 'text';
  readonly values: readonly (string | null)[];
}
/** Whole numbers; `null` marks empty values where `nulls[i]` is 1. */
export interface IntColumn {
  readonly kind: 'int';
  readonly values: Int32Array;
  readonly nulls?: Uint8Array;
}
export interface FloatColumn {
  readonly kind: 'float';
  readonly values: Float64Array;
  readonly nulls?: Uint8Array;
}
/** 0 false, 1 true, 2 null. */
export interface BoolColumn {
  readonly kind: 'bool';
  readonly values: Uint8Array;
}
/** UTC instants in epoch milliseconds (a TIMESTAMP without zone, stored in microseconds). */
export interface TimestampColumn {
  readonly kind: 'timestamp';
  readonly values: Float64Array;
  readonly nulls?: Uint8Array;
}
/** Calendar dates as days since 1970-01-01. */
export interface DateColumn {
  readonly kind: 'date';
  readonly values: Int32Array;
  readonly nulls?: Uint8Array;
}
export interface TextListColumn {
  readonly kind: 'textList';
  readonly values: readonly (readonly string[] | null)[];
}

export type Column = DictionaryColumn | TextColumn | IntColumn | FloatColumn | BoolColumn | TimestampColumn | DateColumn | TextListColumn;

export type Columns = Readonly<Record<string, Column>>;

/** Record batches of this many rows keep any single buffer modest. */
export const BATCH_ROWS = 262_144;

export function textValues(values: readonly string[]): Vector<Utf8> {
  return new Vector([utf8Data(values)]);
}

/**
 * Text as Arrow Utf8 data, encoded in one call for the whole column: Arrow's builder encodes and
 * copies value by value, which was the largest part of generating the sample.
 */
function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const length = values.length;
  const offsets = new Int32Array(length + 1);
  const parts: string[] = new Array<string>(length);
  let bytes = 0;
  let nullCount = 0;
  // Padded to 64 bytes as Arrow's builder pads it, so the files are byte for byte what they were.
  const bitmap = new Uint8Array((((length + 7) >> 3) + 63) & ~63);
  for (let i = 0; i < length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      nullCount++;
      parts[i] = '';
    } else {
      bitmap[i >> 3]! |= 1 << (i & 7);
      parts[i] = value;
      bytes += utf8Length(value);
    }
    offsets[i + 1] = bytes;
  }
  const data = new TextEncoder().encode(parts.join(''));
  if (data.length !== bytes) throw new Error('text did not encode to the length computed for it');
  const type = new Utf8();
  return makeData({ type, length, valueOffsets: offsets, data, ...(nullCount ? { nullBitmap: bitmap, nullCount } : { nullCount: 0 }) });
}

/** UTF-8 bytes of a string, as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function validity(length: number, isNull: (i: number) => boolean): { nullBitmap?: Uint8Array; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) {
    if (isNull(i)) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return nullCount === 0 ? { nullCount } : { nullBitmap: bitmap, nullCount };
}

/** `validity` for a column whose nulls are flagged 1 in `nulls`, without a call per row. */
function flagValidity(nulls: Uint8Array, start: number, length: number): { nullBitmap?: Uint8Array; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) {
    if (nulls[start + i] === 1) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return nullCount === 0 ? { nullCount } : { nullBitmap: bitmap, nullCount };
}

function columnLength(column: Column): number {
  return column.kind === 'dictionary' ? column.indices.length : column.values.length;
}

/** The slice [start, end) of one column as Arrow data, plus its field. */
function columnData(name: string, column: Column, start: number, end: number, dictionaryId: number): { field: Field; data: Data } {
  const length = end - start;
  const maybeNulls = (nulls: Uint8Array | undefined) => (nulls ? flagValidity(nulls, start, length) : { nullCount: 0 });
  const make = <T extends DataType>(type: T, data: Data<T>) => ({ field: new Field(name, type, true), data: data as Data });
  switch (column.kind) {
    case 'dictionary': {
      const indices = column.indices.subarray(start, end);
      const type = new Dictionary(new Utf8(), new Int32(), dictionaryId);
      return make(type, makeData({ type, length, data: indices, dictionary: column.values, ...validity(length, (i) => indices[i]! < 0) }));
    }
    case 'int':
      return make(
        new Int32(),
        makeData({ type: new Int32(), length, data: column.values.subarray(start, end), ...maybeNulls(column.nulls) }),
      );
    case 'float':
      return make(
        new Float64(),
        makeData({ type: new Float64(), length, data: column.values.subarray(start, end), ...maybeNulls(column.nulls) }),
      );
    case 'timestamp': {
      // Microseconds, DuckDB's own TIMESTAMP unit, written as two 32-bit words (no BigInt per value).
      const data = new BigInt64Array(length);
      const words = new Int32Array(data.buffer);
      for (let i = 0; i < length; i++) {
        const micros = Math.round(column.values[start + i]!) * 1000;
        const high = Math.floor(micros / 4294967296);
        words[2 * i] = micros - high * 4294967296;
        words[2 * i + 1] = high;
      }
      const type = new TimestampMicrosecond();
      return make(type, makeData({ type, length, data, ...maybeNulls(column.nulls) }));
    }
    case 'date':
      return make(
        new DateDay(),
        makeData({ type: new DateDay(), length, data: column.values.subarray(start, end), ...maybeNulls(column.nulls) }),
      );
    case 'bool': {
      const values = column.values;
      const bits = new Uint8Array((length + 7) >> 3);
      for (let i = 0; i < length; i++) if (values[start + i] === 1) bits[i >> 3]! |= 1 << (i & 7);
      return make(new Bool(), makeData({ type: new Bool(), length, data: bits, ...validity(length, (i) => values[start + i] === 2) }));
    }
    case 'text':
      return make(new Utf8(), utf8Data(column.values.slice(start, end)));
    case 'textList': {
      const type = new List(new Field('item', new Utf8(), true));
      const vector = vectorFromArray(column.values.slice(start, end) as (string[] | null)[], type);
      return make(type, vector.data[0]!);
    }
  }
}

/** One table as Arrow IPC stream bytes, in record batches. */
export function columnsToIpc(columns: Columns, batchRows = BATCH_ROWS): Uint8Array {
  const names = Object.keys(columns);
  const rows = names.length ? columnLength(columns[names[0]!]!) : 0;
  for (const name of names) {
    if (columnLength(columns[name]!) !== rows) throw new Error(`column ${name} has ${columnLength(columns[name]!)} rows, expected ${rows}`);
  }
  const batches: RecordBatch[] = [];
  let schema: Schema | undefined;
  for (let start = 0; start < rows || (start === 0 && batches.length === 0); start += batchRows) {
    const end = Math.min(rows, start + batchRows);
    const parts = names.map((name, i) => columnData(name, columns[name]!, start, end, i));
    schema ??= new Schema(parts.map((p) => p.field));
    const struct = makeData({ type: new Struct(schema.fields), length: end - start, nullCount: 0, children: parts.map((p) => p.data) });
    batches.push(new RecordBatch(schema, struct));
    if (rows === 0) break;
  }
  return tableToIPC(new Table(schema!, batches), 'stream');
}
