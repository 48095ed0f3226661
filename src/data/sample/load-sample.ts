/**
 * Loads the generated sample straight into its final tables. The sample is valid by
 * construction (its keys are unique, its types already what the engine wants; the tests prove
 * the general loader accepts it and yields the same catalog), so it skips staging and checks:
 * each table is streamed in once, in slices, which keeps memory near the data's own size even
 * at 20 million interactions. The catalog is planned by the same code as any data folder's.
 */
import { Table, tableFromIPC, tableToIPC, type RecordBatch } from 'apache-arrow';
import type { Catalog, EntityInfo, InteractionTypeInfo } from '../../engine/catalog';
import { quoteIdentifier as id } from '../../engine/sql/quote';
import type { Connector } from '../connector';
import { DataError } from '../data-error';
import type { InputFile } from '../decode-file';
import { dropTables, tableFields, type LoadOptions, type LoadResult } from '../load-data';
import { parseCatalogFile, planTables, type SourceTable } from '../plan-tables';

/** Rows per insert: bounds the Arrow copy DuckDB holds while it takes a slice in. */
const SLICE_ROWS = 2_000_000;

function cancelled(): DOMException {
  return new DOMException('The load was cancelled', 'AbortError');
}

/** The record batches of an Arrow IPC stream and their schema, without copying the data. */
function readBatches(file: InputFile): { columns: string[]; batches: RecordBatch[] } {
  const table = tableFromIPC(file.bytes);
  return { columns: table.schema.fields.map((f) => f.name), batches: table.batches };
}

class SampleLoader {
  private readonly created: string[] = [];
  private readonly prefix: string;
  private rows = 0;
  private bytes = 0;
  private tablesDone = 0;
  private tablesTotal = 0;

  constructor(
    private readonly db: Connector,
    private readonly options: LoadOptions,
    private readonly sliceRows: number,
  ) {
    this.prefix = `g${options.generation ?? 1}`;
  }

  private progress(step: string): void {
    if (this.options.signal?.aborted) throw cancelled();
    this.options.onProgress?.({ step, done: this.tablesDone, total: this.tablesTotal, rows: this.rows, bytes: this.bytes });
  }

  /** Streams one table in, slice by slice. */
  private async insert(name: string, file: InputFile, batches: readonly RecordBatch[]): Promise<string> {
    const table = `${this.prefix}:${name}`;
    this.created.push(table);
    const slice = `${this.prefix}:slice`;
    let start = 0;
    do {
      let end = start;
      let rows = 0;
      while (end < batches.length && (rows === 0 || rows + batches[end]!.numRows <= this.sliceRows)) rows += batches[end++]!.numRows;
      const ipc = start === 0 && end === batches.length ? file.bytes : tableToIPC(new Table(batches.slice(start, end)), 'stream');
      if (start === 0) await this.db.insertArrowStream(table, ipc);
      else {
        await this.db.insertArrowStream(slice, ipc);
        await this.db.query(`INSERT INTO ${id(table)} SELECT * FROM ${id(slice)}`);
        await this.db.query(`DROP TABLE ${id(slice)}`);
      }
      this.rows += rows;
      this.progress(`Loading ${file.name}`);
      start = end;
    } while (start < batches.length);
    this.bytes += file.bytes.byteLength;
    this.tablesDone++;
    return table;
  }

  private async count(table: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*) AS n FROM ${id(table)}`);
    return Number(row?.n ?? 0);
  }

  async load(files: readonly InputFile[]): Promise<LoadResult> {
    try {
      return await this.loadAll(files);
    } catch (error) {
      await dropTables(this.db, this.created).catch(() => undefined);
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

    const entities: Record<string, EntityInfo> = {};
    for (const entity of plan.entities) {
      this.progress(`Loading ${entity.source.file}`);
      const source = read.get(entity.name)!;
      const table = await this.insert(`entity:${entity.name}`, source.file, source.batches);
      entities[entity.name] = { table, key: entity.key, fields: await tableFields(this.db, table), rowCount: await this.count(table) };
    }

    const types: Record<string, InteractionTypeInfo> = {};
    const warnings: string[] = [];
    for (const ix of plan.interactionSources) {
      const type = ix.type ?? ix.source.stem;
      this.progress(`Loading ${ix.source.file}`);
      const renamed = [...ix.links].some(([link, column]) => link !== column) || ix.timestampColumn !== plan.timestampField;
      if (ix.type === undefined || renamed)
        throw new DataError(ix.source.file, 'the sample loader takes only per-type tables in final form');
      const source = read.get(ix.source.stem)!;
      const table = await this.insert(`interaction:${type}`, source.file, source.batches);
      const links = plan.contactLinks.filter((l) => ix.links.has(l));
      types[type] = { table, fields: await tableFields(this.db, table), links, rowCount: await this.count(table) };
      const [row] = await this.db.query(`SELECT count(*) AS n FROM ${id(table)} WHERE ${id(links[0]!)} IS NULL`);
      const empty = Number(row?.n ?? 0);
      if (empty > 0) warnings.push(`${type}: ${empty} interaction(s) with no ${links[0]} belong to no contact through ${links[0]}`);
    }

    const catalog: Catalog = {
      contactEntity: 'contact',
      entities,
      relations: plan.relations,
      interactions: { typeField: plan.typeField, timestampField: plan.timestampField, contactLinks: plan.contactLinks, types },
    };
    return { catalog, warnings, tables: [...this.created] };
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
