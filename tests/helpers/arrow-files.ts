/** Builds data files in memory as Arrow IPC streams with exact column types, for tests. */
import {
  Bool,
  DateDay,
  Field,
  Float64,
  List,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import type { InputFile } from '../../src/data/decode-file';

export type ColumnSpec =
  | { type: 'text'; values: (string | null)[] }
  | { type: 'number'; values: (number | null)[] }
  | { type: 'boolean'; values: (boolean | null)[] }
  | { type: 'date'; values: (string | null)[] }
  | { type: 'timestamp'; values: (string | null)[] }
  | { type: 'textList'; values: ((string | null)[] | null)[] };

const ARROW_TYPES: Record<ColumnSpec['type'], () => DataType> = {
  text: () => new Utf8(),
  number: () => new Float64(),
  boolean: () => new Bool(),
  date: () => new DateDay(),
  timestamp: () => new TimestampMillisecond(),
  textList: () => new List(new Field('item', new Utf8(), true)),
};

function values(spec: ColumnSpec): unknown[] {
  if (spec.type === 'date') return spec.values.map((v) => (v === null ? null : new Date(`${v}T00:00:00Z`)));
  if (spec.type === 'timestamp') return spec.values.map((v) => (v === null ? null : Date.parse(v.endsWith('Z') ? v : `${v}Z`)));
  return spec.values;
}

export function arrowFile(name: string, columns: Record<string, ColumnSpec>): InputFile {
  const vectors = Object.fromEntries(
    Object.entries(columns).map(([column, spec]) => [column, vectorFromArray(values(spec), ARROW_TYPES[spec.type]())]),
  );
  return { name: `${name}.arrows`, bytes: tableToIPC(new Table(vectors), 'stream') };
}

export function jsonFile(name: string, value: unknown): InputFile {
  return { name, bytes: new TextEncoder().encode(JSON.stringify(value)) };
}

export function textFile(name: string, text: string): InputFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

export const text = (...v: (string | null)[]): ColumnSpec => ({ type: 'text', values: v });
export const num = (...v: (number | null)[]): ColumnSpec => ({ type: 'number', values: v });
export const bool = (...v: (boolean | null)[]): ColumnSpec => ({ type: 'boolean', values: v });
export const date = (...v: (string | null)[]): ColumnSpec => ({ type: 'date', values: v });
export const ts = (...v: (string | null)[]): ColumnSpec => ({ type: 'timestamp', values: v });
export const list = (...v: ((string | null)[] | null)[]): ColumnSpec => ({ type: 'textList', values: v });
