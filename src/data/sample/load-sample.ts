/**
 * Loads the generated sample straight into its final tables. The sample is valid by
 * construction (its keys are unique, its types already what the engine wants; the tests prove
 * the general loader accepts it and yields the same catalog), so it skips staging and checks:
 * each table is streamed in once, in slices, which keeps memory near the data's own size even
 * at 20 million interactions. The catalog is planned by the same code as any data folder's.
 */
import { DataType, Table, tableFromIPC, tableToIPC, type RecordBatch } from 'apache-arrow';
import type { EntityInfo, FieldType, Fields, InteractionTypeInfo } from '../../engine/catalog';
import * as q from '../../engine/sql/build';
import { PLAIN_TABLES_UP_TO_BYTES, STAGING_DATABASE, type Connector } from '../connector';
import { DataError } from '../data-error';
import type { InputFile } from '../decode-file';
import { connectorRunner, type SqlRunner } from '../engines/engine';
import { cancelled, type LoadOptions, type LoadResult } from '../load-data';
import { assembleCatalog } from '../load/catalog-assembly';
import { execute } from '../load/check';
import { LoadTables } from '../load/load-tables';
import { OrphanTally } from '../load/orphan-warnings';
import { parseCatalogFile, planTables, type SourceTable } from '../plan-tables';

/** Rows per insert: bounds the Arrow copy DuckDB holds while it takes a slice in. */
const SLICE_ROWS = 2_000_000;

/** The record batches of an Arrow IPC stream, their columns and fields, without copying the data. */
function readBatches(file: InputFile): { columns: string[]; fields: Fields; batches: RecordBatch[] } {
  const table = tableFromIPC(file.bytes);
  const fields = Object.fromEntries(table.schema.fields.map((f) => [f.name, fieldOfArrow(file, f.name, f.type)]));
  return { columns: table.schema.fields.map((f) => f.name), fields, batches: table.batches };
}

/**
 * A field's type as DuckDB's Arrow import types its column (text, INTEGER, DOUBLE, BOOLEAN, DATE,
 * TIMESTAMP, VARCHAR[]), read from the schema: asking DuckDB's information_schema was the
 * slowest step of loading the sample on a first visit.
 */
function fieldOfArrow(file: InputFile, column: string, type: DataType): FieldType {
  if (DataType.isUtf8(type) || (DataType.isDictionary(type) && DataType.isUtf8(type.dictionary))) return 'text';
  if (DataType.isInt(type) || DataType.isFloat(type)) return 'number';
  if (DataType.isBool(type)) return 'boolean';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  if (DataType.isList(type) && DataType.isUtf8(type.children[0]!.type)) return 'textList';
  throw new DataError(file.name, `the sample loader does not know how DuckDB types the column ${column} (${String(type)})`);
}

function rowsOf(batches: readonly RecordBatch[]): number {
  return batches.reduce((sum, b) => sum + b.numRows, 0);
}

/** Rows where a column is null: what `count(*) … WHERE column IS NULL` gives once the table is in. */
function nullsOf(batches: readonly RecordBatch[], column: string): number {
  return batches.reduce((sum, b) => sum + (b.getChild(column)?.nullCount ?? b.numRows), 0);
}

class SampleLoader {
  private readonly runner: SqlRunner;
  private readonly tables: LoadTables;
  private rows = 0;
  private bytes = 0;
  private tablesDone = 0;
  private tablesTotal = 0;

  constructor(
    private readonly db: Connector,
    private readonly options: LoadOptions,
    private readonly sliceRows: number,
  ) {
    this.runner = connectorRunner(db);
    this.tables = new LoadTables(options.generation);
  }

  private progress(step: string): void {
    if (this.options.signal?.aborted) throw cancelled();
    this.options.onProgress?.({ step, done: this.tablesDone, total: this.tablesTotal, unit: 'tables', rows: this.rows, bytes: this.bytes });
  }

  /** Streams one table in, slice by slice. */
  private async insert(name: string, file: InputFile, batches: readonly RecordBatch[]): Promise<string> {
    const table = this.tables.claim(name);
    const slice = `${this.tables.prefix}:slice`;
    const where = { staging: this.tables.database === STAGING_DATABASE };
    let start = 0;
    do {
      let end = start;
      let rows = 0;
      while (end < batches.length && (rows === 0 || rows + batches[end]!.numRows <= this.sliceRows)) rows += batches[end++]!.numRows;
      const ipc = start === 0 && end === batches.length ? file.bytes : tableToIPC(new Table(batches.slice(start, end)), 'stream');
      if (start === 0) await this.db.insertArrowStream(table, ipc, where);
      else {
        await this.db.insertArrowStream(slice, ipc, where);
        await execute(this.runner, q.insertInto(q.tableName(table, this.tables.database), q.select([q.STAR], { from: q.table(slice) })));
        await execute(this.runner, q.dropTable(slice, false));
      }
      this.rows += rows;
      this.progress(`Loading ${file.name}`);
      start = end;
    } while (start < batches.length);
    this.bytes += file.bytes.byteLength;
    this.tablesDone++;
    return table;
  }

  async load(files: readonly InputFile[]): Promise<LoadResult> {
    try {
      return await this.loadAll(files);
    } catch (error) {
      await this.tables.dropAll(this.runner).catch(() => undefined);
      throw error;
    }
  }

  private async loadAll(files: readonly InputFile[]): Promise<LoadResult> {
    const catalogFile = files.find((f) => f.name === 'catalog.json');
    const catalogJson = parseCatalogFile(catalogFile ? new TextDecoder().decode(catalogFile.bytes) : undefined);
    const tables = files.filter((f) => f.name.endsWith('.arrows'));
    const read = new Map(tables.map((f) => [f.name.slice(0, -'.arrows'.length), { file: f, ...readBatches(f) }]));
    const sources: SourceTable[] = [...read].map(([stem, r]) => ({ stem, file: r.file.name, columns: r.columns }));
    const plan = planTables(sources, catalogJson);
    this.tablesTotal = tables.length;
    // A sample as small as a small load gets plain tables, as that load would.
    if (tables.reduce((sum, f) => sum + f.bytes.byteLength, 0) <= PLAIN_TABLES_UP_TO_BYTES) this.tables.database = STAGING_DATABASE;

    // Rows, empty links and fields are read from the Arrow batches: a query per table costs more than
    // the inserts at the default size.
    const toBuild = [
      ...plan.entities.map((e) => ({ name: `entity:${e.name}`, stem: e.name, file: e.source.file })),
      ...plan.interactionSources.map((ix) => ({
        name: `interaction:${ix.type ?? ix.source.stem}`,
        stem: ix.source.stem,
        file: ix.source.file,
      })),
    ];
    const built = new Map<string, { table: string; rows: number; fields: Fields }>();
    for (const { name, stem, file } of toBuild) {
      this.progress(`Loading ${file}`);
      const source = read.get(stem)!;
      const table = await this.insert(name, source.file, source.batches);
      built.set(stem, { table, rows: rowsOf(source.batches), fields: source.fields });
    }
    const tableOf = (stem: string) => built.get(stem)!;

    const entities: Record<string, EntityInfo> = {};
    for (const entity of plan.entities) {
      const { table, rows, fields } = tableOf(entity.name);
      entities[entity.name] = { table, key: entity.key, fields, rowCount: rows };
    }

    const types: Record<string, InteractionTypeInfo> = {};
    const tally = new OrphanTally();
    for (const ix of plan.interactionSources) {
      const type = ix.type ?? ix.source.stem;
      const renamed = [...ix.links].some(([link, column]) => link !== column) || ix.timestampColumn !== plan.timestampField;
      if (ix.type === undefined || renamed)
        throw new DataError(ix.source.file, 'the sample loader takes only per-type tables in final form');
      const { table, rows, fields } = tableOf(ix.source.stem);
      const links = plan.contactLinks.filter((l) => ix.links.has(l));
      types[type] = { table, fields, links, rowCount: rows };
      tally.add(links[0]!, [{ type, empty: nullsOf(read.get(ix.source.stem)!.batches, links[0]!), dangling: 0 }]);
    }

    return { catalog: assembleCatalog(plan, entities, types), warnings: tally.warnings(types), tables: [...this.tables.created] };
  }
}
/** Loads generated sample files (see generateSampleData) into DuckDB; all or nothing. */
export async function loadSampleTables(
  connector: Connector,
  files: readonly InputFile[],
  options: LoadOptions = {},
  sliceRows = SLICE_ROWS,
): Promise<LoadResult> {
  return new SampleLoader(connector, options, sliceRows).load(files);
}
