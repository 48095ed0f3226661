/**
 * Streams a file into its table one decoded chunk at a time, through a staging table in DuckDB's
 * plain in-memory database, each chunk normalised on the way: only one chunk is ever
 * uncompressed. Rows keep the file's order, so a row's `rowid` in the table is its place in the file.
 */
import type { SelectColumn } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import { STAGING_DATABASE, type Connector } from '../connector';
import { DataError, isOutOfMemory, TOO_LARGE } from '../data-error';
import type { DecodedFile } from '../decode-file';
import { connectorRunner, type SqlRunner } from '../engines/engine';
import { ask, execute } from './check';
import type { LoadTables } from './load-tables';
import type { Place } from './load-checks';
import { rowCount, tableColumns, type Column } from './tables';

export interface OpenedFile extends DecodedFile {
  /** The table, in the plain staging database, where each chunk waits to be normalised into its table. */
  readonly staging: string;
  /** The file's size in bytes. */
  readonly size: number;
  /** DuckDB's columns for the file, read from its schema before any row is decoded. */
  readonly columns: readonly Column[];
}

/** "row 3" of a Parquet or Arrow file; "line 4" of a CSV (counting the header). */
export function placeIn(file: OpenedFile): Place {
  return (rowid) => {
    const line = file.csv?.parsed.lines[rowid];
    return line !== undefined ? `line ${line}` : `row ${rowid + 1}`;
  };
}

/** What the loader sees of streaming: each chunk about to be taken (it may cancel there), and rows taken if it counts them. */
export interface StreamWatcher {
  beforeChunk(file: OpenedFile): void;
  /** Counting a chunk's rows costs a query; only done when someone shows them. */
  readonly countsRows: boolean;
  rowsTaken(rows: number): void;
}

const inStaging = (table: string) => q.tableName(table, STAGING_DATABASE);

export class FileStreamer {
  private readonly staging = new Set<string>();
  private readonly runner: SqlRunner;

  constructor(
    private readonly db: Connector,
    private readonly tables: LoadTables,
    private readonly watcher: StreamWatcher,
  ) {
    this.runner = connectorRunner(db);
  }

  /** The file's columns as DuckDB types them, from a table made of its schema alone. */
  async open(decoded: DecodedFile, size: number, index: number): Promise<OpenedFile> {
    const staging = `${this.tables.prefix}:staging:${index}:${decoded.stem}`;
    await this.insert(decoded, staging, decoded.schema());
    const columns = await ask(this.runner, tableColumns(staging, STAGING_DATABASE));
    await this.dropStaging(staging);
    return { ...decoded, staging, size, columns };
  }

  /** Streams the file into a new table of this load named after `name`, normalised by `columns`. */
  async build(name: string, source: OpenedFile, columns: readonly SelectColumn[]): Promise<string> {
    try {
      return await this.buildChunks(name, source, columns);
    } catch (error) {
      if (error instanceof DataError || !isOutOfMemory(error)) throw error;
      throw new DataError(source.file, `${TOO_LARGE}: DuckDB ran out of memory building its table (${(error as Error).message})`);
    }
  }

  /** Drops staging tables an interrupted load left behind. */
  async dropLeftovers(): Promise<void> {
    for (const table of this.staging) await execute(this.runner, q.dropTable(inStaging(table))).catch(() => undefined);
  }

  private async buildChunks(name: string, source: OpenedFile, columns: readonly SelectColumn[]): Promise<string> {
    const staged = q.tableIn({ database: STAGING_DATABASE }, source.staging);
    const normalized = q.select(columns, { from: staged });
    let table: string | undefined;
    for (const chunk of source.chunks) {
      this.watcher.beforeChunk(source);
      await this.insert(source, source.staging, chunk);
      if (this.watcher.countsRows) this.watcher.rowsTaken(await ask(this.runner, rowCount(staged)));
      if (table === undefined) table = await this.tables.create(this.runner, name, normalized);
      else await execute(this.runner, q.insertInto(table, normalized));
      await this.dropStaging(source.staging);
    }
    if (table === undefined) throw new Error(`${source.file} gave no data to load`);
    return table;
  }

  private async insert(decoded: DecodedFile, staging: string, chunk: Uint8Array): Promise<void> {
    this.staging.add(staging);
    try {
      await this.db.insertArrowStream(staging, chunk, { staging: true });
    } catch (error) {
      if (isOutOfMemory(error)) throw error;
      throw new DataError(decoded.file, `DuckDB could not take the data (${(error as Error).message})`);
    }
  }

  private async dropStaging(staging: string): Promise<void> {
    await execute(this.runner, q.dropTable(inStaging(staging), false));
    this.staging.delete(staging);
  }
}
