/** Turns one data file into Arrow IPC stream bytes that DuckDB can take, whatever its format. */
import type { From } from '../engine/sql/ast';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { arrowEndProblem } from './arrow-ipc-end';
import { checkColumnNames } from './column-names';
import { csvToArrowStream, inferCsvType, parseCsv, type CsvType, type ParsedCsv } from './csv';
import { DataError, isOutOfMemory, TOO_LARGE } from './data-error';
import { CHUNK_ROWS, parquetChunks, type ReadRowGroups } from './parquet-chunks';
import { withPlainDictionaries } from './plain-dictionaries';

export interface InputFile {
  /** File name with extension, e.g. `contact.parquet`. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Where the file is on disk (Node), for an engine that reads it in place; `bytes` may then be empty. */
  readonly path?: string;
  /** The file's size when `bytes` does not hold it. */
  readonly size?: number;
}

/** Parquet decoding differs between Node and the browser (how the wasm is fetched). */
export interface Decoders {
  readonly readParquetRowGroups: ReadRowGroups;
  /** Rows per chunk (Parquet: whole row groups); tests make it small to cross chunk boundaries. */
  readonly chunkRows?: number;
  /** SQL that reads the file's rows in place, for an engine that can (native DuckDB and Parquet); else undefined. */
  readonly readInPlace?: (file: InputFile, format: FileFormat) => From | undefined;
}

export type FileFormat = 'parquet' | 'arrow' | 'csv';

export interface DecodedFile {
  readonly stem: string;
  readonly file: string;
  readonly format: FileFormat;
  /** Arrow IPC streams of the rows, in order; Parquet is decoded chunk by chunk as they are taken. */
  readonly chunks: Iterable<Uint8Array>;
  /** An Arrow IPC stream with the columns and no rows: what the file holds, before decoding it. */
  schema(): Uint8Array;
  /** Set when the engine reads the file itself (`chunks` is then empty): where its rows come from. */
  readonly readFrom?: From;
  /** CSV only: the raw text, the type each column's values fit, and line numbers for errors. */
  readonly csv?: { readonly parsed: ParsedCsv; readonly types: Readonly<Record<string, CsvType>> };
}

const FORMATS: Record<string, FileFormat> = {
  parquet: 'parquet',
  arrow: 'arrow',
  arrows: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  csv: 'csv',
};

export function fileFormat(name: string): { stem: string; format: FileFormat } | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const format = FORMATS[name.slice(dot + 1).toLowerCase()];
  return format ? { stem: name.slice(0, dot), format } : undefined;
}

export function decodeFile(file: InputFile, decoders: Decoders): DecodedFile {
  const kind = fileFormat(file.name);
  if (!kind) throw new DataError(file.name, 'not a data file: use .parquet, .arrow, .arrows or .csv');
  const base = { stem: kind.stem, file: file.name, format: kind.format };
  const readFrom = decoders.readInPlace?.(file, kind.format);
  if (readFrom !== undefined) {
    return { ...base, chunks: [], readFrom, schema: () => new Uint8Array(0) };
  }
  switch (kind.format) {
    case 'parquet':
      return {
        ...base,
        chunks: parquetChunksOrError(file, decoders),
        schema: () => {
          const schema = parquetOrError(file, () => withPlainDictionaries(decoders.readParquetRowGroups(file.bytes, [])));
          checkColumnNames(
            file.name,
            tableFromIPC(schema).schema.fields.map((f) => f.name),
          );
          return schema;
        },
      };
    case 'arrow': {
      const cut = arrowEndProblem(file.bytes);
      if (cut) throw new DataError(file.name, `cannot be read as Arrow IPC: ${cut}`);
      let table: Table;
      try {
        table = tableFromIPC(file.bytes);
        if (table.schema.fields.length === 0) throw new Error('no columns');
      } catch (error) {
        throw new DataError(file.name, `cannot be read as Arrow IPC (${errorText(error)}); is the file complete?`);
      }
      checkColumnNames(
        file.name,
        table.schema.fields.map((f) => f.name),
      );
      return { ...base, chunks: arrowChunks(table, decoders.chunkRows), schema: () => tableToIPC(table.slice(0, 0), 'stream') };
    }
    case 'csv': {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
      } catch {
        throw new DataError(file.name, 'is not UTF-8 text');
      }
      const parsed = parseCsv(text, file.name);
      const types = Object.fromEntries(parsed.header.map((name, c) => [name, inferCsvType(parsed.columns[c]!)]));
      const table = tableFromIPC(csvToArrowStream(parsed));
      return {
        ...base,
        chunks: arrowChunks(table, decoders.chunkRows),
        schema: () => tableToIPC(table.slice(0, 0), 'stream'),
        csv: { parsed, types },
      };
    }
  }
}

function* parquetChunksOrError(file: InputFile, decoders: Decoders): Generator<Uint8Array> {
  const chunks = parquetChunks(file.bytes, decoders.readParquetRowGroups, decoders.chunkRows);
  for (;;) {
    const next = parquetOrError(file, () => chunks.next());
    if (next.done) return;
    yield parquetOrError(file, () => withPlainDictionaries(next.value));
  }
}

/** An Arrow file in slices of rows, each its own IPC stream, so DuckDB stages one slice at a time. */
function* arrowChunks(table: Table, chunkRows = CHUNK_ROWS): Generator<Uint8Array> {
  for (let start = 0; start === 0 || start < table.numRows; start += chunkRows) {
    yield tableToIPC(table.slice(start, start + chunkRows), 'stream');
  }
}

function parquetOrError<T>(file: InputFile, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isOutOfMemory(error)) throw new DataError(file.name, `${TOO_LARGE}: the Parquet decoder ran out of memory (${errorText(error)})`);
    throw new DataError(file.name, `cannot be read as Parquet (${errorText(error)}); is the file complete?`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
