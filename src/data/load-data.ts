/**
 * Loads a data folder into DuckDB (SPEC §2): reads every file's columns, decides what each table
 * is, then streams each file chunk by chunk into its entity or interaction table and checks keys,
 * types and timestamps there. Any error drops everything this load created: nothing is half-loaded.
 */
import type { Catalog, EntityInfo, FieldType, Fields, InteractionTypeInfo } from '../engine/catalog';
import { quoteIdentifier as id, quoteNumber as num, quoteString as str, quoteTableIn } from '../engine/sql/quote';
import { STAGING_DATABASE, type Connector } from './connector';
import { firstNonTimestamp } from './csv';
import { DataError, isOutOfMemory, TOO_LARGE } from './data-error';
import { decodeFile, fileFormat, type DecodedFile, type Decoders, type InputFile } from './decode-file';
import { parseCatalogFile, planTables, type InteractionSourcePlan, type LoadPlan, type SourceTable } from './plan-tables';

export interface LoadProgress {
  readonly step: string;
  readonly done: number;
  readonly total: number;
  /** While reading files: rows and input bytes taken in so far. */
  readonly rows?: number;
  readonly bytes?: number;
}

export interface LoadOptions {
  /** Distinguishes this load's tables from an earlier one still in use. */
  readonly generation?: number;
  readonly onProgress?: (progress: LoadProgress) => void;
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

interface Opened extends DecodedFile {
  /** The table, in the plain staging database, where each chunk waits to be normalised into its table. */
  readonly staging: string;
  /** The file's size in bytes. */
  readonly size: number;
  /** DuckDB's columns for the file, read from its schema before any row is decoded. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

export function fieldTypeOf(duckType: string): FieldType {
  const t = duckType.toUpperCase();
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'text';
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(t))
    return 'number';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'VARCHAR[]') return 'textList';
  return 'other';
}

/** A table's columns with their DuckDB types, in order; `database` picks one attached database. */
async function tableColumns(db: Connector, table: string, database?: string): Promise<{ name: string; type: string }[]> {
  const inDatabase = database === undefined ? '' : `table_catalog = ${str(database)} AND `;
  const rows = await db.query(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE ${inDatabase}table_name = ${str(table)} ORDER BY ordinal_position`,
  );
  return rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
}

/** A loaded table's fields as the engine types them. */
export async function tableFields(db: Connector, table: string): Promise<Fields> {
  return Object.fromEntries((await tableColumns(db, table)).map((c) => [c.name, fieldTypeOf(c.type)]));
}

class Loader {
  private readonly created: string[] = [];
  private readonly staging = new Set<string>();
  private readonly warnings: string[] = [];
  private readonly prefix: string;
  private readonly taken = { files: 0, rows: 0, bytes: 0 };
  private fileCount = 0;

  constructor(
    private readonly db: Connector,
    private readonly options: LoadOptions,
  ) {
    this.prefix = `g${options.generation ?? 1}`;
  }

  private progress(step: string, done: number, total: number, taken?: { rows: number; bytes: number }): void {
    if (this.options.signal?.aborted) throw new DOMException('The load was cancelled', 'AbortError');
    this.options.onProgress?.({ step, done, total, ...taken });
  }

  private async run(sql: string): Promise<void> {
    await this.db.query(sql);
  }

  async load(files: readonly InputFile[], decoders: Decoders): Promise<LoadResult> {
    try {
      return await this.loadAll(files, decoders);
    } catch (error) {
      await this.dropCreated();
      throw error;
    }
  }

  private async dropCreated(): Promise<void> {
    for (const table of this.staging)
      await this.run(`DROP TABLE IF EXISTS ${quoteTableIn(STAGING_DATABASE, table)}`).catch(() => undefined);
    await dropTables(this.db, this.created).catch(() => undefined);
  }

  private async loadAll(files: readonly InputFile[], decoders: Decoders): Promise<LoadResult> {
    const catalogFile = files.find((f) => f.name === 'catalog.json');
    const dataFiles = files.filter((f) => f !== catalogFile && fileFormat(f.name));
    for (const f of files) if (f !== catalogFile && !fileFormat(f.name)) this.warnings.push(`${f.name}: not a data file, skipped`);
    const catalogJson = parseCatalogFile(catalogFile ? new TextDecoder().decode(catalogFile.bytes) : undefined);

    const opened: Opened[] = [];
    this.fileCount = dataFiles.length;
    for (const [index, file] of dataFiles.entries()) {
      this.progress(`Reading ${file.name}`, index, dataFiles.length);
      opened.push(await this.open(decodeFile(file, decoders), file.size ?? file.bytes.byteLength, index));
    }
    const sources: SourceTable[] = opened.map((s) => ({ stem: s.stem, file: s.file, columns: s.columns.map((c) => c.name) }));
    const plan = planTables(sources, catalogJson);
    const byStem = new Map(opened.map((s) => [s.stem, s]));

    const entities: Record<string, EntityInfo> = {};
    for (const entity of plan.entities) {
      const source = byStem.get(entity.name)!;
      const table = await this.build(`entity:${entity.name}`, source, this.normalizedColumns(source, plan, new Map()));
      await this.checkKey(source, table, entity.key);
      entities[entity.name] = { table, key: entity.key, fields: await tableFields(this.db, table), rowCount: await this.count(id(table)) };
    }

    const types = await this.loadInteractions(plan, byStem, entities.contact!);
    const catalog: Catalog = {
      contactEntity: 'contact',
      entities,
      relations: plan.relations,
      interactions: { typeField: plan.typeField, timestampField: plan.timestampField, contactLinks: plan.contactLinks, types },
    };
    return { catalog, warnings: this.warnings, tables: this.created };
  }

  /** The file's columns as DuckDB types them, from a table made of its schema alone. */
  private async open(decoded: DecodedFile, size: number, index: number): Promise<Opened> {
    const staging = `${this.prefix}:staging:${index}:${decoded.stem}`;
    if (decoded.readSql !== undefined) return { ...decoded, staging, size, columns: await this.columnsInPlace(decoded, decoded.readSql) };
    await this.insert(decoded, staging, decoded.schema());
    const columns = await tableColumns(this.db, staging, STAGING_DATABASE);
    await this.dropStaging(staging);
    return { ...decoded, staging, size, columns };
  }

  /** The columns of a file the engine reads itself; a file it cannot read is a data error, as when decoded. */
  private async columnsInPlace(decoded: DecodedFile, readSql: string): Promise<{ name: string; type: string }[]> {
    try {
      const rows = await this.db.query(`DESCRIBE SELECT * FROM ${readSql}`);
      if (rows.length === 0) throw new Error('no columns');
      return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    } catch (error) {
      if (isOutOfMemory(error)) throw error;
      throw new DataError(
        decoded.file,
        `cannot be read as ${decoded.format === 'parquet' ? 'Parquet' : decoded.format} (${firstLine(error)}); is the file complete?`,
      );
    }
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
    await this.run(`DROP TABLE ${quoteTableIn(STAGING_DATABASE, staging)}`);
    this.staging.delete(staging);
  }

  /**
   * Streams the file into table `name` one decoded chunk at a time, each normalised on the way
   * (`columns`, a select list): only one chunk is ever uncompressed. Rows keep the file's order,
   * so a row's `rowid` in the table is its place in the file.
   */
  private async build(name: string, source: Opened, columns: string): Promise<string> {
    try {
      return await this.buildChunks(name, source, columns);
    } catch (error) {
      if (error instanceof DataError || !isOutOfMemory(error)) throw error;
      throw new DataError(source.file, `${TOO_LARGE}: DuckDB ran out of memory building its table (${(error as Error).message})`);
    }
  }

  private async buildChunks(name: string, source: Opened, columns: string): Promise<string> {
    if (source.readSql !== undefined) return this.buildInPlace(name, source, columns, source.readSql);
    const staging = quoteTableIn(STAGING_DATABASE, source.staging);
    let table: string | undefined;
    for (const chunk of source.chunks) {
      this.progress(`Loading ${source.file}`, this.taken.files, this.fileCount, this.taken);
      await this.insert(source, source.staging, chunk);
      if (this.options.onProgress) this.taken.rows += await this.count(staging);
      if (table === undefined) table = await this.create(name, `SELECT ${columns} FROM ${staging}`);
      else await this.run(`INSERT INTO ${id(table)} SELECT ${columns} FROM ${staging}`);
      await this.dropStaging(source.staging);
    }
    this.taken.files++;
    this.taken.bytes += source.size;
    if (table === undefined) throw new Error(`${source.file} gave no data to load`);
    return table;
  }

  /** One statement from the file to its table: the engine streams it, spilling to disk when it must. */
  private async buildInPlace(name: string, source: Opened, columns: string, readSql: string): Promise<string> {
    this.progress(`Loading ${source.file}`, this.taken.files, this.fileCount, this.taken);
    let table: string;
    try {
      table = await this.create(name, `SELECT ${columns} FROM ${readSql}`);
    } catch (error) {
      if (isOutOfMemory(error)) throw error;
      throw new DataError(source.file, `cannot be read (${firstLine(error)}); is the file complete?`);
    }
    this.taken.files++;
    this.taken.bytes += source.size;
    if (this.options.onProgress) this.taken.rows += await this.count(id(table));
    return table;
  }

  private async create(name: string, select: string, kind: 'TABLE' | 'VIEW' = 'TABLE'): Promise<string> {
    // DuckDB names ignore case, the data's names do not: EmailOpened and emailopened need two tables.
    let table = `${this.prefix}:${name}`;
    for (let n = 2; this.created.some((t) => t.toLowerCase() === table.toLowerCase()); n++) table = `${this.prefix}:${name}#${n}`;
    this.created.push(table);
    await this.run(`CREATE ${kind} ${id(table)} AS ${select}`);
    return table;
  }

  /** Rows of a table, given as quoted SQL. */
  private async count(table: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*) AS n FROM ${table}`);
    return Number(row?.n ?? 0);
  }

  /** "row 3" of a Parquet or Arrow file; "line 4" of a CSV (counting the header). */
  private place(source: Opened, rowid: number): string {
    const line = source.csv?.parsed.lines[rowid];
    return line !== undefined ? `line ${line}` : `row ${rowid + 1}`;
  }

  /** Runs on the built table, whose rows keep the file's order: `rowid` is the row in the file. */
  private async checkKey(source: Opened, table: string, key: string): Promise<void> {
    const [nullRow] = await this.db.query(`SELECT rowid AS r FROM ${id(table)} WHERE ${id(key)} IS NULL ORDER BY rowid LIMIT 1`);
    if (nullRow) throw new DataError(source.file, `${this.place(source, Number(nullRow.r))} has no key: column "${key}" is empty`);
    const [dup] = await this.db.query(
      `SELECT ${id(key)} AS k, min(rowid) AS a, max(rowid) AS b FROM ${id(table)} GROUP BY 1 HAVING count(*) > 1 ORDER BY a LIMIT 1`,
    );
    if (dup) {
      throw new DataError(
        source.file,
        `key "${String(dup.k)}" in column "${key}" appears twice: ${this.place(source, Number(dup.a))} and ${this.place(source, Number(dup.b))}`,
      );
    }
  }

  /** A column as the engine wants it: keys and links as text, CSV values cast, zones dropped to UTC. */
  private columnExpr(source: Opened, name: string, type: string, textColumns: ReadonlySet<string>, timestampColumn?: string): string {
    const column = id(name);
    if (textColumns.has(name)) return `CAST(${column} AS VARCHAR)`;
    if (name === timestampColumn && !source.csv) return `CAST(${column} AS TIMESTAMP)`;
    const csvType = name === timestampColumn ? 'timestamp' : source.csv?.types[name];
    if (csvType === 'number') return `CAST(${column} AS DOUBLE)`;
    if (csvType === 'boolean') return `CAST(${column} AS BOOLEAN)`;
    if (csvType === 'date') return `CAST(${column} AS DATE)`;
    if (csvType === 'timestamp') return `CAST(CAST(${column} AS TIMESTAMPTZ) AS TIMESTAMP)`;
    const t = type.toUpperCase();
    if (t.startsWith('TIMESTAMP') && t !== 'TIMESTAMP') return `CAST(${column} AS TIMESTAMP)`;
    if (t.startsWith('ENUM')) return `CAST(${column} AS VARCHAR)`;
    return column;
  }

  /** The select list that normalises the file's columns; `timestampColumn` is an interaction's, always a TIMESTAMP. */
  private normalizedColumns(
    source: Opened,
    plan: LoadPlan,
    renames: ReadonlyMap<string, string>,
    extra: string[] = [],
    timestampColumn?: string,
  ): string {
    const textColumns = plan.textColumns.get(source.stem) ?? new Set<string>();
    const columns = source.columns.map(
      ({ name, type }) => `${this.columnExpr(source, name, type, textColumns, timestampColumn)} AS ${id(renames.get(name) ?? name)}`,
    );
    return [...columns, ...extra].join(', ');
  }

  /** Checks that need only the file's columns, made before its rows are cast to timestamps. */
  private checkInteractionColumns(source: Opened, ix: InteractionSourcePlan): void {
    const ts = ix.timestampColumn;
    const csvType = source.csv?.types[ts];
    if (source.csv && csvType !== 'timestamp' && csvType !== 'date') {
      const values = source.csv.parsed.columns[source.csv.parsed.header.indexOf(ts)]!;
      const bad = firstNonTimestamp(values);
      if (bad >= 0)
        throw new DataError(source.file, `${this.place(source, bad)}: "${values[bad]}" in column "${ts}" is not an ISO 8601 timestamp`);
    }
    const tsType = source.columns.find((c) => c.name === ts)!.type;
    if (!source.csv && fieldTypeOf(tsType) !== 'timestamp' && fieldTypeOf(tsType) !== 'date') {
      throw new DataError(source.file, `column "${ts}" must hold timestamps; it holds ${tsType}`);
    }
  }

  /** Every row has a timestamp and the right type; runs on the built table, in the engine's column names. */
  private async checkInteractionRows(source: Opened, ix: InteractionSourcePlan, table: string, plan: LoadPlan): Promise<void> {
    // One scan for both checks; the offending row is looked up only when there is one.
    const type = id(plan.typeField);
    const wrongType = !ix.typeColumn ? 'FALSE' : ix.type === undefined ? `${type} IS NULL` : `${type} IS DISTINCT FROM ${str(ix.type)}`;
    const [found] = await this.db.query(
      `SELECT min(rowid) FILTER (WHERE ${id(plan.timestampField)} IS NULL) AS missing, min(rowid) FILTER (WHERE ${wrongType}) AS wrong FROM ${id(table)}`,
    );
    if (found?.missing !== null && found?.missing !== undefined) {
      throw new DataError(source.file, `${this.place(source, Number(found.missing))} has no timestamp in column "${ix.timestampColumn}"`);
    }
    if (ix.typeColumn && found?.wrong !== null && found?.wrong !== undefined) {
      const [bad] = await this.db.query(`SELECT ${type} AS t FROM ${id(table)} WHERE rowid = ${num(Number(found.wrong))}`);
      const what =
        bad?.t === null || bad?.t === undefined ? 'has no interaction type' : `has type "${String(bad.t)}" but the file holds ${ix.type}`;
      throw new DataError(source.file, `${this.place(source, Number(found.wrong))} ${what} (column "${ix.typeColumn}")`);
    }
  }

  /**
   * Duplicate InteractionIds across every source. The ids are hashed once into a narrow temporary
   * table, whose hashes are then grouped a slice at a time: one GROUP BY over 20M ids ran
   * DuckDB-WASM out of memory, and slicing the ids themselves hashed every id once per slice
   * (12.6 s at 20M). Ids are read again only in a slice where two hashes are equal.
   */
  private async checkInteractionIds(sources: { source: Opened; table: string; column: string }[]): Promise<void> {
    if (sources.length === 0) return;
    const union = sources
      .map(
        ({ table, column }, i) =>
          `SELECT CAST(${id(column)} AS VARCHAR) AS k, ${num(i)} AS s, rowid AS r FROM ${id(table)} WHERE ${id(column)} IS NOT NULL`,
      )
      .join(' UNION ALL ');
    const hashes = id(`${this.prefix}:interaction-id-hashes`);
    await this.run(`CREATE OR REPLACE TEMP TABLE ${hashes} AS SELECT hash(k) AS h FROM (${union})`);
    try {
      const slices = Math.max(1, Math.ceil((await this.count(hashes)) / (this.options.idCheckSliceRows ?? 2_000_000)));
      for (let slice = 0; slice < slices; slice++) {
        const repeated = `SELECT h FROM ${hashes}${slices > 1 ? ` WHERE h % ${num(slices)} = ${num(slice)}` : ''} GROUP BY h HAVING count(*) > 1`;
        if ((await this.db.query(`${repeated} LIMIT 1`)).length === 0) continue;
        const [dup] = await this.db.query(
          `SELECT k FROM (${union}) WHERE hash(k) IN (${repeated}) GROUP BY k HAVING count(*) > 1 ORDER BY min(s), min(r) LIMIT 1`,
        );
        if (dup) await this.duplicateId(sources, union, String(dup.k));
      }
    } finally {
      await this.run(`DROP TABLE IF EXISTS ${hashes}`);
    }
  }

  private async duplicateId(sources: { source: Opened }[], union: string, key: string): Promise<never> {
    const [first, second] = await this.db.query(`SELECT s, r FROM (${union}) WHERE k = ${str(key)} ORDER BY s, r LIMIT 2`);
    const describe = (place: Record<string, unknown>) => {
      const source = sources[Number(place.s)]!.source;
      return `${source.file} ${this.place(source, Number(place.r))}`;
    };
    throw new DataError(
      sources[Number(first!.s)]!.source.file,
      `InteractionId "${key}" appears twice: ${describe(first!)} and ${describe(second!)}`,
    );
  }

  private async loadInteractions(
    plan: LoadPlan,
    byStem: Map<string, Opened>,
    contact: EntityInfo,
  ): Promise<Record<string, InteractionTypeInfo>> {
    // Each source is normalised in one pass into a table of its own. The long table keeps its types
    // together and is read through a view per type (a copy per type took four times as long to
    // load, bench: 9.2 s vs 2.5 s at 2M rows); a per-type file is its type's table, unpadded by
    // other types' columns. Only a type found in several sources is copied into a table of its own.
    const sources: { ix: InteractionSourcePlan; table: string; fields: Fields; counts: Map<string, number> }[] = [];
    const idSources: { source: Opened; table: string; column: string }[] = [];
    for (const ix of plan.interactionSources) {
      const source = byStem.get(ix.source.stem)!;
      this.checkInteractionColumns(source, ix);
      const renames = new Map<string, string>([
        [ix.timestampColumn, plan.timestampField],
        ...[...ix.links].map(([link, column]) => [column, link] as [string, string]),
      ]);
      if (ix.typeColumn) renames.set(ix.typeColumn, plan.typeField);
      const extra = ix.typeColumn ? [] : [`${str(ix.type!)} AS ${id(plan.typeField)}`];
      const table = await this.build(
        ix.type === undefined ? 'interactions' : `interaction:${ix.type}`,
        source,
        this.normalizedColumns(source, plan, renames, extra, ix.timestampColumn),
      );
      await this.checkInteractionRows(source, ix, table, plan);
      const idColumn = source.columns.find((c) => c.name.toLowerCase() === 'interactionid');
      if (idColumn) idSources.push({ source, table, column: renames.get(idColumn.name) ?? idColumn.name });
      const counted = await this.db.query(`SELECT ${id(plan.typeField)} AS t, count(*) AS n FROM ${id(table)} GROUP BY 1`);
      const counts = new Map(counted.map((r) => [String(r.t), Number(r.n)]));
      if (ix.type !== undefined && !counts.has(ix.type)) counts.set(ix.type, 0);
      sources.push({ ix, table, fields: await tableFields(this.db, table), counts });
    }
    await this.checkInteractionIds(idSources);

    const types: Record<string, InteractionTypeInfo> = {};
    const typeNames = [...new Set(sources.flatMap((s) => [...s.counts.keys()]))].sort();
    for (const type of typeNames) {
      const feeding = sources.filter((s) => s.counts.has(type));
      const only = feeding.length === 1 ? feeding[0]! : undefined;
      const ofType = (s: (typeof sources)[number]) =>
        `SELECT * FROM ${id(s.table)}${s.ix.type === undefined ? ` WHERE ${id(plan.typeField)} = ${str(type)}` : ''}`;
      const table =
        only?.ix.type !== undefined
          ? only!.table
          : only
            ? await this.create(`interaction:${type}`, ofType(only), 'VIEW')
            : await this.create(`interaction:${type}`, feeding.map((s) => `(${ofType(s)})`).join(' UNION ALL BY NAME '));
      const linkSet = new Set(feeding.flatMap((s) => [...s.ix.links.keys()]));
      types[type] = {
        table,
        fields: only ? only.fields : await tableFields(this.db, table),
        links: plan.contactLinks.filter((l) => linkSet.has(l)),
        rowCount: feeding.reduce((sum, s) => sum + s.counts.get(type)!, 0),
      };
    }
    await this.warnOrphans(sources, plan.typeField, types, contact);
    return types;
  }

  /** Interactions that belong to no contact are ignored (SPEC §2); say how many, one scan per source and link. */
  private async warnOrphans(
    sources: readonly { ix: InteractionSourcePlan; table: string }[],
    typeField: string,
    types: Record<string, InteractionTypeInfo>,
    contact: EntityInfo,
  ): Promise<void> {
    const orphans = new Map<string, { empty: number; dangling: number }>();
    for (const { ix, table } of sources) {
      for (const link of ix.links.keys()) {
        const rows = await this.db.query(
          `SELECT i.${id(typeField)} AS t, count(*) FILTER (WHERE i.${id(link)} IS NULL) AS empty, count(*) FILTER (WHERE i.${id(link)} IS NOT NULL AND c.${id(contact.key)} IS NULL) AS dangling FROM ${id(table)} AS i LEFT JOIN ${id(contact.table)} AS c ON c.${id(contact.key)} = i.${id(link)} GROUP BY 1`,
        );
        for (const row of rows) {
          const key = `${String(row.t)}\u0000${link}`;
          const sum = orphans.get(key) ?? { empty: 0, dangling: 0 };
          orphans.set(key, { empty: sum.empty + Number(row.empty ?? 0), dangling: sum.dangling + Number(row.dangling ?? 0) });
        }
      }
    }
    for (const [type, info] of Object.entries(types)) {
      for (const link of info.links) {
        const { empty = 0, dangling = 0 } = orphans.get(`${type}\u0000${link}`) ?? {};
        if (dangling > 0)
          this.warnings.push(`${type}: ${dangling} interaction(s) whose ${link} is not a contact key belong to no contact and are ignored`);
        if (empty > 0 && link === info.links[0])
          this.warnings.push(`${type}: ${empty} interaction(s) with no ${link} belong to no contact through ${link}`);
      }
    }
  }
}

/** DuckDB's message without the SQL it quotes (which names a temporary path, not the user's file). */
function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .trim();
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
  if (tables.length === 0) return;
  const rows = await connector.query(
    `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_name IN (${tables.map(str).join(', ')})`,
  );
  const kinds = new Map(rows.map((r) => [String(r.name), String(r.type) === 'VIEW' ? 'VIEW' : 'TABLE']));
  for (const table of [...tables].reverse()) {
    const kind = kinds.get(table);
    if (kind) await connector.query(`DROP ${kind} IF EXISTS ${id(table)}`);
  }
}
