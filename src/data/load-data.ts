/**
 * Loads a data folder into DuckDB (SPEC §2): reads every file's columns, decides what each table
 * is, then streams each file into its entity or interaction table (`load/stream-file.ts`), checks
 * keys, types and timestamps there (`load/load-checks.ts`) and assembles the catalog
 * (`load/catalog-assembly.ts`). Any error drops everything this load created: nothing is half-loaded.
 */
import type { Catalog, EntityInfo, InteractionTypeInfo } from '../engine/catalog';
import * as q from '../engine/sql/build';
import { ID_CHECK_SLICE_ROWS, PLAIN_ID_CHECK_SLICE_ROWS, PLAIN_TABLES_UP_TO_BYTES, STAGING_DATABASE, type Connector } from './connector';
import { DataError } from './data-error';
import { decodeFile, fileFormat, type Decoders, type InputFile } from './decode-file';
import { connectorRunner, type SqlRunner } from './engines/engine';
import { assembleCatalog, entityInfo, interactionTypes, type BuiltSource } from './load/catalog-assembly';
import { ask } from './load/check';
import {
  duplicateInteractionId,
  duplicateKey,
  missingKey,
  missingTimestamp,
  timestampColumnProblem,
  wrongType,
  type IdSource,
  type InteractionRowRules,
} from './load/load-checks';
import { LoadTables } from './load/load-tables';
import { keepsColumnsAsTheyAre, normalizedColumns, type NormalizeRules } from './load/normalize-columns';
import { OrphanTally } from './load/orphan-warnings';
import { scanSource } from './load/source-scan';
import { FileStreamer, placeIn, type OpenedFile } from './load/stream-file';
import { dropTables as dropTablesWith, tablesFields } from './load/tables';
import type { Progress } from './progress';
import { parseCatalogFile, planTables, type InteractionSourcePlan, type LoadPlan, type SourceTable } from './plan-tables';

export { fieldTypeOf, tableFields } from './load/tables';

export type { Progress as LoadProgress } from './progress';

export interface LoadOptions {
  /** Distinguishes this load's tables from an earlier one still in use. */
  readonly generation?: number;
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
  /** Ids per slice of the duplicate-InteractionId check, which bounds its memory; infinite for one sort of them all (an engine that spills). */
  readonly idCheckSliceRows?: number;
  /** Data files up to this many bytes in all get plain tables, larger loads compressed ones; `PLAIN_TABLES_UP_TO_BYTES` unless set. */
  readonly plainTablesUpToBytes?: number;
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

    this.fileCount = dataFiles.length;
    const sizes = dataFiles.map((file) => file.size ?? file.bytes.byteLength);
    const plain = sizes.reduce((sum, size) => sum + size, 0) <= (this.options.plainTablesUpToBytes ?? PLAIN_TABLES_UP_TO_BYTES);
    if (plain) this.tables.database = STAGING_DATABASE;
    const opened = await this.streamer.openAll(
      dataFiles.map((file, i) => ({ decoded: decodeFile(file, decoders), size: sizes[i]! })),
      (index) => this.progress(`Reading ${dataFiles[index]!.name}`, index, dataFiles.length),
    );
    const sources: SourceTable[] = opened.map((s) => ({ stem: s.stem, file: s.file, columns: s.columns.map((c) => c.name) }));
    const plan = planTables(sources, catalogJson);
    const byStem = new Map(opened.map((s) => [s.stem, s]));

    const entityTables: string[] = [];
    for (const entity of plan.entities) {
      const source = byStem.get(entity.name)!;
      const table = await this.build(`entity:${entity.name}`, source, {
        columns: source.columns,
        textColumns: this.textColumns(plan, source),
        ...csvTypes(source),
      });
      for (const check of [missingKey, duplicateKey]) this.fail(source, await ask(this.runner, check(table, entity.key, placeIn(source))));
      entityTables.push(table);
    }
    const entityFields = await tablesFields(this.runner, entityTables);
    const entries: [string, EntityInfo][] = [];
    for (const [i, entity] of plan.entities.entries()) {
      const table = entityTables[i]!;
      entries.push([entity.name, await entityInfo(this.runner, table, entity.key, entityFields.get(table)!)]);
    }
    // fromEntries: an entity named like an Object.prototype member (`__proto__.csv`) stays an own entry.
    const entities: Record<string, EntityInfo> = Object.fromEntries(entries);

    const types = await this.loadInteractions(plan, byStem, entities.contact!);
    return { catalog: assembleCatalog(plan, entities, types), warnings: this.warnings, tables: this.tables.created };
  }

  private async build(name: string, source: OpenedFile, rules: NormalizeRules): Promise<string> {
    const table = await this.streamer.build(name, source, normalizedColumns(rules), keepsColumnsAsTheyAre(rules));
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
    const built: Omit<BuiltSource, 'fields'>[] = [];
    const idSources: (IdSource & { source: OpenedFile })[] = [];
    const tally = new OrphanTally();
    for (const ix of plan.interactionSources) {
      const source = byStem.get(ix.source.stem)!;
      const place = placeIn(source);
      this.fail(source, timestampColumnProblem(source, ix.timestampColumn, place));
      const renames = interactionRenames(ix, plan);
      const table = await this.build(ix.type === undefined ? 'interactions' : `interaction:${ix.type}`, source, {
        columns: source.columns,
        textColumns: this.textColumns(plan, source),
        ...csvTypes(source),
        renames,
        timestampColumn: ix.timestampColumn,
        extra: ix.typeColumn ? [] : [q.as(q.text(ix.type!), plan.typeField)],
      });
      const links = [...ix.links.keys()];
      const scan = await this.scanRows(
        source,
        {
          table,
          timestampField: plan.timestampField,
          typeField: plan.typeField,
          timestampColumn: ix.timestampColumn,
          ...(ix.typeColumn === undefined ? {} : { typeColumn: ix.typeColumn }),
          ...(ix.type === undefined ? {} : { type: ix.type }),
        },
        links,
        contact,
      );
      for (const [n, link] of links.entries()) tally.add(link, scan.orphans[n]!);
      const idColumn = source.columns.find((c) => c.name.toLowerCase() === 'interactionid');
      if (idColumn) idSources.push({ source, table, column: renames.get(idColumn.name) ?? idColumn.name });
      const counts = scan.counts;
      if (ix.type !== undefined && !counts.has(ix.type)) counts.set(ix.type, 0);
      built.push({ ix, table, counts });
    }
    const duplicate = await duplicateInteractionId(
      this.runner,
      idSources,
      `${this.tables.prefix}:interaction-id-hashes`,
      this.options.idCheckSliceRows ?? (this.tables.database === STAGING_DATABASE ? PLAIN_ID_CHECK_SLICE_ROWS : ID_CHECK_SLICE_ROWS),
      (s, rowid) => `${idSources[s]!.source.file} ${placeIn(idSources[s]!.source)(rowid)}`,
    );
    if (duplicate) throw new DataError(idSources[duplicate.source]!.source.file, duplicate.message);

    const fields = await tablesFields(
      this.runner,
      built.map((b) => b.table),
    );
    const sources: BuiltSource[] = built.map((b) => ({ ...b, fields: fields.get(b.table)! }));
    const types = await interactionTypes(this.runner, plan, sources, this.tables);
    this.warnings.push(...tally.warnings(types));
    return types;
  }

  /**
   * Every row has a timestamp and the right type (or the load fails), with the rows per type and
   * the orphans per link from the same scan; runs on the built table, in the engine's column names.
   */
  private async scanRows(source: OpenedFile, rules: InteractionRowRules, links: readonly string[], contact: EntityInfo) {
    const place = placeIn(source);
    const found = await ask(this.runner, scanSource(rules, links, contact));
    if (found.missing !== undefined) this.fail(source, missingTimestamp(rules, found.missing, place));
    if (found.wrong !== undefined) this.fail(source, await ask(this.runner, wrongType(rules, found.wrong, place)));
    return found;
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
