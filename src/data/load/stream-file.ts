/**
 * Streams a file into its table one decoded chunk at a time: appended straight to the table when
 * its columns are already the engine's, otherwise through a staging table in DuckDB's plain
 * in-memory database, each chunk normalised on the way. DuckDB holds only one chunk uncompressed.
 * Rows keep the file's order, so a row's `rowid` in the table is its place in the file.
 */
import type { From, SelectColumn } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import { STAGING_DATABASE, type Connector } from '../connector';
import { DataError, isOutOfMemory, TOO_LARGE } from '../data-error';
import type { DecodedFile } from '../decode-file';
import { connectorRunner, type SqlRunner } from '../engines/engine';
import { ask, execute } from './check';
import type { LoadTables } from './load-tables';
import type { Place } from './load-checks';
import { rowCount, tablesColumns, type Column } from './tables';

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

  /**
   * Each file's columns as DuckDB types them, from a table made of its schema alone; the columns
   * of all of them are read in one query. `beforeFile` runs as each file is taken (it may cancel).
   */
  async openAll(files: readonly { decoded: DecodedFile; size: number }[], beforeFile: (index: number) => void): Promise<OpenedFile[]> {
    const stagings: string[] = [];
    for (const [index, { decoded }] of files.entries()) {
      beforeFile(index);
      const staging = `${this.tables.prefix}:staging:${index}:${decoded.stem}`;
      if (decoded.readFrom) await this.stageInPlace(decoded, staging, decoded.readFrom);
      else await this.insert(decoded, staging, decoded.schema());
      stagings.push(staging);
    }
    const columns = await ask(this.runner, tablesColumns(stagings, STAGING_DATABASE));
    for (const staging of stagings) await this.dropStaging(staging);
    return files.map(({ decoded, size }, i) => ({ ...decoded, staging: stagings[i]!, size, columns: columns.get(stagings[i]!)! }));
  }

  /**
   * Streams the file into a new table of this load named after `name`, normalised by `columns`;
   * `asIs` when they copy the file's columns unchanged (`keepsColumnsAsTheyAre`).
   */
  async build(name: string, source: OpenedFile, columns: readonly SelectColumn[], asIs = false): Promise<string> {
    try {
      if (asIs && !source.readFrom) return await this.buildAsIs(name, source);
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

  /** An empty table with the columns of a file the engine reads itself; a file it cannot read is a data error. */
  private async stageInPlace(decoded: DecodedFile, staging: string, from: From): Promise<void> {
    this.staging.add(staging);
    try {
      await execute(this.runner, q.createTableAs(inStaging(staging), q.select([q.STAR], { from, limit: 0 })));
    } catch (error) {
      if (isOutOfMemory(error)) throw error;
      throw new DataError(
        decoded.file,
        `cannot be read as ${decoded.format === 'parquet' ? 'Parquet' : decoded.format} (${firstLine(error)}); is the file complete?`,
      );
    }
  }

  /** One statement from the file to its table: the engine streams it, spilling to disk when it must. */
  private async buildInPlace(name: string, source: OpenedFile, columns: readonly SelectColumn[], from: From): Promise<string> {
    this.watcher.beforeChunk(source);
    let table: string;
    try {
      table = await this.tables.create(this.runner, name, q.select(columns, { from }));
    } catch (error) {
      if (isOutOfMemory(error)) throw error;
      throw new DataError(source.file, `cannot be read (${firstLine(error)}); is the file complete?`);
    }
    if (this.watcher.countsRows) this.watcher.rowsTaken(await ask(this.runner, rowCount(table)));
    return table;
  }

  private async buildChunks(name: string, source: OpenedFile, columns: readonly SelectColumn[]): Promise<string> {
    if (source.readFrom) return this.buildInPlace(name, source, columns, source.readFrom);
    const staged = q.tableIn({ database: STAGING_DATABASE }, source.staging);
    const normalized = q.select(columns, { from: staged });
    let table: string | undefined;
    await this.eachChunk(source, async (chunk) => {
      await this.insert(source, source.staging, chunk);
      if (this.watcher.countsRows) this.watcher.rowsTaken(await ask(this.runner, rowCount(staged)));
      if (table === undefined) table = await this.tables.create(this.runner, name, normalized);
      else await execute(this.runner, q.insertInto(table, normalized));
      await this.dropStaging(source.staging);
    });
    if (table === undefined) throw new Error(`${source.file} gave no data to load`);
    return table;
  }

  /**
   * Each chunk appended straight to the table, in the plain or the compressed database: no
   * staging copy, and no second copy of a chunk in memory (BENCHMARKS.md, "straight appends").
   */
  private async buildAsIs(name: string, source: OpenedFile): Promise<string> {
    const table = this.tables.claim(name);
    let rows = 0;
    const chunks = await this.eachChunk(source, async (chunk, index) => {
      await this.insert(source, table, chunk, { append: index > 0, staged: false });
      if (!this.watcher.countsRows) return;
      const taken = await ask(this.runner, rowCount(q.tableIn(this.plainTables ? { database: STAGING_DATABASE } : {}, table)));
      this.watcher.rowsTaken(taken - rows);
      rows = taken;
    });
    if (chunks === 0) throw new Error(`${source.file} gave no data to load`);
    return table;
  }

  /**
   * Runs `take` on each chunk in turn, one at a time and in order, with none left running when
   * this settles, even when decoding fails. Into the compressed database the page decodes the next
   * chunk while DuckDB's worker takes the one before (two cores at once); a plain load, whose
   * tables take the memory, waits instead, as the overlap raised its tab's peak (BENCHMARKS.md,
   * "straight appends"). Returns the number of chunks.
   */
  private async eachChunk(source: OpenedFile, take: (chunk: Uint8Array, index: number) => Promise<void>): Promise<number> {
    const overlap = !this.plainTables;
    let taking: Promise<void> | undefined;
    let count = 0;
    try {
      for (const chunk of source.chunks) {
        await taking;
        this.watcher.beforeChunk(source);
        taking = take(chunk, count++);
        if (!overlap) await taking;
      }
      await taking;
    } catch (error) {
      await taking?.catch(() => undefined);
      throw error;
    }
    return count;
  }

  /** Whether this load's tables are in the plain database (a small load) rather than the compressed one. */
  private get plainTables(): boolean {
    return this.tables.database === STAGING_DATABASE;
  }

  /** A chunk into a staging table (`staged`), or appended to its table wherever this load's tables are. */
  private async insert(decoded: DecodedFile, table: string, chunk: Uint8Array, how = { append: false, staged: true }): Promise<void> {
    if (how.staged) this.staging.add(table);
    try {
      await this.db.insertArrowStream(table, chunk, { staging: how.staged || this.plainTables, append: how.append });
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

/** DuckDB's message without the SQL it quotes (which names a temporary path, not the user's file). */
function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .trim();
}
