/**
 * Loads a data folder into DuckDB (SPEC §2): reads every file's columns, decides what each table
 * is, then streams each file into its entity or interaction table (`load/stream-file.ts`), checks
 * keys, types and timestamps there (`load/load-checks.ts`) and assembles the catalog
 * (`load/catalog-assembly.ts`). Any error drops everything this load created: nothing is half-loaded.
 */
import type { Catalog, EntityInfo, InteractionTypeInfo } from '../engine/catalog';
import * as q from '../engine/sql/build';
import type { Connector } from './connector';
import { DataError } from './data-error';
import { decodeFile, fileFormat, type Decoders, type InputFile } from './decode-file';
import { connectorRunner, type SqlRunner } from './engines/engine';
import { assembleCatalog, entityInfo, interactionTypes, type BuiltSource } from './load/catalog-assembly';
import { ask } from './load/check';
import {
  duplicateInteractionId,
  duplicateKey,
  interactionRows,
  missingKey,
  missingTimestamp,
  timestampColumnProblem,
  typeCounts,
  wrongType,
  type IdSource,
  type InteractionRowRules,
} from './load/load-checks';
import { LoadTables } from './load/load-tables';
import { normalizedColumns } from './load/normalize-columns';
import { OrphanTally, orphanCounts } from './load/orphan-warnings';
import { FileStreamer, placeIn, type OpenedFile } from './load/stream-file';
import { dropTables as dropTablesWith, tableFields } from './load/tables';
import type { Progress } from './progress';
import { parseCatalogFile, planTables, type InteractionSourcePlan, type LoadPlan, type SourceTable } from './plan-tables';

export { fieldTypeOf, tableFields } from './load/tables';

export type { Progress as LoadProgress } from './progress';

export interface LoadOptions {
  /** Distinguishes this load's tables from an earlier one still in use. */
  readonly generation?: number;
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
  /** Ids per slice of the duplicate-InteractionId check, which bounds its memory. */
  readonly idCheckSliceRows?: number;
}

export interface LoadResult {
  readonly catalog: Catalog;
  readonly warnings: readonly string[];
  /** Every table this load created; drop them to unload. */
  readonly tables: readonly string[];
}

export function cancelled(): DOMException {
  return new DOMException('The load was cancelled', 'AbortError');
}

class Loader {
  private readonly runner: SqlRunner;
  private readonly tables: LoadTables;
  private readonly streamer: FileStreamer;
  private readonly warnings: string[] = [];
  private readonly taken = { files: 0, rows: 0, bytes: 0 };
  private fileCount = 0;

  constructor(
    db: Connector,
    private readonly options: LoadOptions,
  ) {
    this.runner = connectorRunner(db);
    this.tables = new LoadTables(options.generation);
    this.streamer = new FileStreamer(db, this.tables, {
      beforeChunk: (file) => this.progress(`Loading ${file.file}`, this.taken.files, this.fileCount, this.taken),
      countsRows: options.onProgress !== undefined,
      rowsTaken: (rows) => (this.taken.rows += rows),
    });
  }

  private progress(step: string, done: number, total: number, taken?: { rows: number; bytes: number }): void {
    if (this.options.signal?.aborted) throw cancelled();
    this.options.onProgress?.({ step, done, total, unit: 'files', ...taken });
  }

  async load(files: readonly InputFile[], decoders: Decoders): Promise<LoadResult> {
    try {
      return await this.loadAll(files, decoders);
    } catch (error) {
      await this.streamer.dropLeftovers();
      await this.tables.dropAll(this.runner).catch(() => undefined);
      throw error;
    }
  }

  private async loadAll(files: readonly InputFile[], decoders: Decoders): Promise<LoadResult> {
    const catalogFile = files.find((f) => f.name === 'catalog.json');
    const dataFiles = files.filter((f) => f !== catalogFile && fileFormat(f.name));
    for (const f of files) if (f !== catalogFile && !fileFormat(f.name)) this.warnings.push(`${f.name}: not a data file, skipped`);
    const catalogJson = parseCatalogFile(catalogFile ? new TextDecoder().decode(catalogFile.bytes) : undefined);

    const opened: OpenedFile[] = [];
    this.fileCount = dataFiles.length;
    for (const [index, file] of dataFiles.entries()) {
      this.progress(`Reading ${file.name}`, index, dataFiles.length);
      opened.push(await this.streamer.open(decodeFile(file, decoders), file.bytes.byteLength, index));
    }
    const sources: SourceTable[] = opened.map((s) => ({ stem: s.stem, file: s.file, columns: s.columns.map((c) => c.name) }));
    const plan = planTables(sources, catalogJson);
    const byStem = new Map(opened.map((s) => [s.stem, s]));

    const entities: Record<string, EntityInfo> = {};
    for (const entity of plan.entities) {
      const source = byStem.get(entity.name)!;
      const columns = normalizedColumns({ columns: source.columns, textColumns: this.textColumns(plan, source), ...csvTypes(source) });
      const table = await this.build(`entity:${entity.name}`, source, columns);
      for (const check of [missingKey, duplicateKey]) this.fail(source, await ask(this.runner, check(table, entity.key, placeIn(source))));
      entities[entity.name] = await entityInfo(this.runner, table, entity.key);
    }

    const types = await this.loadInteractions(plan, byStem, entities.contact!);
    return { catalog: assembleCatalog(plan, entities, types), warnings: this.warnings, tables: this.tables.created };
  }

  private async build(name: string, source: OpenedFile, columns: Parameters<FileStreamer['build']>[2]): Promise<string> {
    const table = await this.streamer.build(name, source, columns);
    this.taken.files++;
    this.taken.bytes += source.size;
    return table;
  }

  private textColumns(plan: LoadPlan, source: OpenedFile): ReadonlySet<string> {
    return plan.textColumns.get(source.stem) ?? new Set<string>();
  }

  private fail(source: OpenedFile, problem: string | undefined): void {
    if (problem !== undefined) throw new DataError(source.file, problem);
  }

  private async loadInteractions(
    plan: LoadPlan,
    byStem: Map<string, OpenedFile>,
    contact: EntityInfo,
  ): Promise<Record<string, InteractionTypeInfo>> {
    const built: BuiltSource[] = [];
    const idSources: (IdSource & { source: OpenedFile })[] = [];
    for (const ix of plan.interactionSources) {
      const source = byStem.get(ix.source.stem)!;
      const place = placeIn(source);
      this.fail(source, timestampColumnProblem(source, ix.timestampColumn, place));
      const renames = interactionRenames(ix, plan);
      const table = await this.build(
        ix.type === undefined ? 'interactions' : `interaction:${ix.type}`,
        source,
        normalizedColumns({
          columns: source.columns,
          textColumns: this.textColumns(plan, source),
          ...csvTypes(source),
          renames,
          timestampColumn: ix.timestampColumn,
          extra: ix.typeColumn ? [] : [q.as(q.text(ix.type!), plan.typeField)],
        }),
      );
      await this.checkRows(source, {
        table,
        timestampField: plan.timestampField,
        typeField: plan.typeField,
        timestampColumn: ix.timestampColumn,
        ...(ix.typeColumn === undefined ? {} : { typeColumn: ix.typeColumn }),
        ...(ix.type === undefined ? {} : { type: ix.type }),
      });
      const idColumn = source.columns.find((c) => c.name.toLowerCase() === 'interactionid');
      if (idColumn) idSources.push({ source, table, column: renames.get(idColumn.name) ?? idColumn.name });
      const counts = await ask(this.runner, typeCounts(table, plan.typeField));
      if (ix.type !== undefined && !counts.has(ix.type)) counts.set(ix.type, 0);
      built.push({ ix, table, fields: await tableFields(this.runner, table), counts });
    }
    const duplicate = await duplicateInteractionId(
      this.runner,
      idSources,
      `${this.tables.prefix}:interaction-id-hashes`,
      this.options.idCheckSliceRows ?? 2_000_000,
      (s, rowid) => `${idSources[s]!.source.file} ${placeIn(idSources[s]!.source)(rowid)}`,
    );
    if (duplicate) throw new DataError(idSources[duplicate.source]!.source.file, duplicate.message);

    const types = await interactionTypes(this.runner, plan, built, this.tables);
    const tally = new OrphanTally();
    for (const { ix, table } of built)
      for (const link of ix.links.keys()) tally.add(link, await ask(this.runner, orphanCounts(table, plan.typeField, link, contact)));
    this.warnings.push(...tally.warnings(types));
    return types;
  }

  /** Every row has a timestamp and the right type; runs on the built table, in the engine's column names. */
  private async checkRows(source: OpenedFile, rules: InteractionRowRules): Promise<void> {
    const place = placeIn(source);
    const found = await ask(this.runner, interactionRows(rules));
    if (found.missing !== undefined) this.fail(source, missingTimestamp(rules, found.missing, place));
    if (found.wrong !== undefined) this.fail(source, await ask(this.runner, wrongType(rules, found.wrong, place)));
  }
}

/** The file's timestamp, type and link columns under the engine's names. */
function interactionRenames(ix: InteractionSourcePlan, plan: LoadPlan): Map<string, string> {
  const renames = new Map<string, string>([
    [ix.timestampColumn, plan.timestampField],
    ...[...ix.links].map(([link, column]) => [column, link] as [string, string]),
  ]);
  if (ix.typeColumn) renames.set(ix.typeColumn, plan.typeField);
  return renames;
}

function csvTypes(source: OpenedFile) {
  return source.csv ? { csvTypes: source.csv.types } : {};
}

export async function loadData(
  connector: Connector,
  files: readonly InputFile[],
  decoders: Decoders,
  options: LoadOptions = {},
): Promise<LoadResult> {
  return new Loader(connector, options).load(files, decoders);
}

/** Drops tables and views a load created, newest first (views before the table they read). */
export async function dropTables(connector: Connector, tables: readonly string[]): Promise<void> {
  await dropTablesWith(connectorRunner(connector), tables);
}
