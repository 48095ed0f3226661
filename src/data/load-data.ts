/**
 * Loads a data folder into DuckDB (SPEC §2): stages every file, decides what each table is,
 * checks keys, types and timestamps, then builds the entity and per-type interaction tables
 * the engine queries. Any error drops everything this load created: nothing is half-loaded.
 */
import type { Catalog, EntityInfo, FieldType, Fields, InteractionTypeInfo } from '../engine/catalog';
import { quoteIdentifier as id, quoteNumber as num, quoteString as str } from '../engine/sql/quote';
import type { Connector } from './connector';
import { firstNonTimestamp } from './csv';
import { DataError } from './data-error';
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

interface Staged extends DecodedFile {
  readonly table: string;
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

class Loader {
  private readonly created: string[] = [];
  private readonly warnings: string[] = [];
  private readonly prefix: string;

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
    await dropTables(this.db, this.created).catch(() => undefined);
  }

  private async loadAll(files: readonly InputFile[], decoders: Decoders): Promise<LoadResult> {
    const catalogFile = files.find((f) => f.name === 'catalog.json');
    const dataFiles = files.filter((f) => f !== catalogFile && fileFormat(f.name));
    for (const f of files) if (f !== catalogFile && !fileFormat(f.name)) this.warnings.push(`${f.name}: not a data file, skipped`);
    const catalogJson = parseCatalogFile(catalogFile ? new TextDecoder().decode(catalogFile.bytes) : undefined);

    const staged: Staged[] = [];
    const taken = { rows: 0, bytes: 0 };
    for (const [index, file] of dataFiles.entries()) {
      this.progress(`Reading ${file.name}`, index, dataFiles.length, { ...taken });
      staged.push(await this.stage(decodeFile(file, decoders), index));
      if (this.options.onProgress) taken.rows += await this.count(staged[staged.length - 1]!.table);
      taken.bytes += file.bytes.byteLength;
    }
    this.progress('Read every file', dataFiles.length, dataFiles.length, taken);
    const sources: SourceTable[] = staged.map((s) => ({ stem: s.stem, file: s.file, columns: s.columns.map((c) => c.name) }));
    const plan = planTables(sources, catalogJson);
    const byStem = new Map(staged.map((s) => [s.stem, s]));

    const entities: Record<string, EntityInfo> = {};
    for (const [index, entity] of plan.entities.entries()) {
      this.progress(`Checking ${entity.source.file}`, index, plan.entities.length);
      const source = byStem.get(entity.name)!;
      await this.checkKey(source, entity.key);
      const table = await this.create(`entity:${entity.name}`, this.normalizedSelect(source, plan, new Map()));
      await this.run(`DROP TABLE ${id(source.table)}`);
      entities[entity.name] = { table, key: entity.key, fields: await this.fields(table), rowCount: await this.count(table) };
    }

    const types = await this.loadInteractions(plan, byStem, entities.contact!);
    for (const s of staged) await this.run(`DROP TABLE IF EXISTS ${id(s.table)}`);
    const stagedNames = new Set(staged.map((s) => s.table));
    const catalog: Catalog = {
      contactEntity: 'contact',
      entities,
      relations: plan.relations,
      interactions: { typeField: plan.typeField, timestampField: plan.timestampField, contactLinks: plan.contactLinks, types },
    };
    return { catalog, warnings: this.warnings, tables: this.created.filter((t) => !stagedNames.has(t)) };
  }

  private async stage(decoded: DecodedFile, index: number): Promise<Staged> {
    const table = `${this.prefix}:staging:${index}:${decoded.stem}`;
    this.created.push(table);
    let first = true;
    for (const chunk of decoded.chunks) {
      if (this.options.signal?.aborted) throw new DOMException('The load was cancelled', 'AbortError');
      try {
        await this.db.insertArrowStream(table, chunk, !first);
      } catch (error) {
        throw new DataError(decoded.file, `DuckDB could not take the data (${(error as Error).message})`);
      }
      first = false;
    }
    const columns = await this.db.query(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ${str(table)} ORDER BY ordinal_position`,
    );
    return { ...decoded, table, columns: columns as { name: string; type: string }[] };
  }

  private async create(name: string, select: string, kind: 'TABLE' | 'VIEW' = 'TABLE'): Promise<string> {
    // DuckDB names ignore case, the data's names do not: EmailOpened and emailopened need two tables.
    let table = `${this.prefix}:${name}`;
    for (let n = 2; this.created.some((t) => t.toLowerCase() === table.toLowerCase()); n++) table = `${this.prefix}:${name}#${n}`;
    this.created.push(table);
    await this.run(`CREATE ${kind} ${id(table)} AS ${select}`);
    return table;
  }

  private async count(table: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*) AS n FROM ${id(table)}`);
    return Number(row?.n ?? 0);
  }

  private async fields(table: string): Promise<Fields> {
    const rows = await this.db.query(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ${str(table)} ORDER BY ordinal_position`,
    );
    return Object.fromEntries(rows.map((r) => [String(r.name), fieldTypeOf(String(r.type))]));
  }

  /** "row 3" of a Parquet or Arrow file; "line 4" of a CSV (counting the header). */
  private place(source: Staged, rowid: number): string {
    const line = source.csv?.parsed.lines[rowid];
    return line !== undefined ? `line ${line}` : `row ${rowid + 1}`;
  }

  private async checkKey(source: Staged, key: string): Promise<void> {
    const [nullRow] = await this.db.query(`SELECT rowid AS r FROM ${id(source.table)} WHERE ${id(key)} IS NULL ORDER BY rowid LIMIT 1`);
    if (nullRow) throw new DataError(source.file, `${this.place(source, Number(nullRow.r))} has no key: column "${key}" is empty`);
    const [dup] = await this.db.query(
      `SELECT CAST(${id(key)} AS VARCHAR) AS k, min(rowid) AS a, max(rowid) AS b FROM ${id(source.table)} GROUP BY 1 HAVING count(*) > 1 ORDER BY a LIMIT 1`,
    );
    if (dup) {
      throw new DataError(
        source.file,
        `key "${String(dup.k)}" in column "${key}" appears twice: ${this.place(source, Number(dup.a))} and ${this.place(source, Number(dup.b))}`,
      );
    }
  }

  /** A column as the engine wants it: keys and links as text, CSV values cast, zones dropped to UTC. */
  private columnExpr(source: Staged, name: string, type: string, textColumns: ReadonlySet<string>, timestampColumn?: string): string {
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

  /** The staged table with every column normalised; `timestampColumn` is an interaction's, always a TIMESTAMP. */
  private normalizedSelect(
    source: Staged,
    plan: LoadPlan,
    renames: ReadonlyMap<string, string>,
    extra: string[] = [],
    timestampColumn?: string,
  ): string {
    const textColumns = plan.textColumns.get(source.stem) ?? new Set<string>();
    const columns = source.columns.map(
      ({ name, type }) => `${this.columnExpr(source, name, type, textColumns, timestampColumn)} AS ${id(renames.get(name) ?? name)}`,
    );
    return `SELECT ${[...columns, ...extra].join(', ')} FROM ${id(source.table)}`;
  }

  private async checkInteractionSource(source: Staged, ix: InteractionSourcePlan): Promise<void> {
    const ts = ix.timestampColumn;
    const csvType = source.csv?.types[ts];
    if (source.csv && csvType !== 'timestamp' && csvType !== 'date') {
      const values = source.csv.parsed.columns[source.csv.parsed.header.indexOf(ts)]!;
      const bad = firstNonTimestamp(values);
      if (bad >= 0)
        throw new DataError(source.file, `${this.place(source, bad)}: "${values[bad]}" in column "${ts}" is not an ISO 8601 timestamp`);
    }
    const tsType = fieldTypeOf(source.columns.find((c) => c.name === ts)!.type);
    if (!source.csv && tsType !== 'timestamp' && tsType !== 'date') {
      throw new DataError(source.file, `column "${ts}" must hold timestamps; it holds ${source.columns.find((c) => c.name === ts)!.type}`);
    }
    // One scan for both checks; the offending row is looked up only when there is one.
    const typeCol = ix.typeColumn ? `CAST(${id(ix.typeColumn)} AS VARCHAR)` : undefined;
    const wrongType =
      typeCol === undefined ? 'FALSE' : ix.type === undefined ? `${typeCol} IS NULL` : `${typeCol} IS DISTINCT FROM ${str(ix.type)}`;
    const [found] = await this.db.query(
      `SELECT min(rowid) FILTER (WHERE ${id(ts)} IS NULL) AS missing, min(rowid) FILTER (WHERE ${wrongType}) AS wrong FROM ${id(source.table)}`,
    );
    if (found?.missing !== null && found?.missing !== undefined) {
      throw new DataError(source.file, `${this.place(source, Number(found.missing))} has no timestamp in column "${ts}"`);
    }
    if (typeCol !== undefined && found?.wrong !== null && found?.wrong !== undefined) {
      const [bad] = await this.db.query(`SELECT ${typeCol} AS t FROM ${id(source.table)} WHERE rowid = ${Number(found.wrong)}`);
      const what =
        bad?.t === null || bad?.t === undefined ? 'has no interaction type' : `has type "${String(bad.t)}" but the file holds ${ix.type}`;
      throw new DataError(source.file, `${this.place(source, Number(found.wrong))} ${what} (column "${ix.typeColumn}")`);
    }
  }

  /**
   * Duplicate InteractionIds across every source. Ids are grouped a slice of their hash at a time:
   * one GROUP BY over 20M ids ran DuckDB-WASM out of memory (BENCHMARKS.md).
   */
  private async checkInteractionIds(sources: { staged: Staged; column: string }[]): Promise<void> {
    if (sources.length === 0) return;
    const union = sources
      .map(
        ({ staged, column }, i) =>
          `SELECT CAST(${id(column)} AS VARCHAR) AS k, ${num(i)} AS s, rowid AS r FROM ${id(staged.table)} WHERE ${id(column)} IS NOT NULL`,
      )
      .join(' UNION ALL ');
    const [total] = await this.db.query(`SELECT count(*) AS n FROM (${union})`);
    const slices = Math.max(1, Math.ceil(Number(total?.n ?? 0) / (this.options.idCheckSliceRows ?? 2_000_000)));
    for (let slice = 0; slice < slices; slice++) {
      const inSlice = slices > 1 ? ` WHERE hash(k) % ${num(slices)} = ${num(slice)}` : '';
      const [dup] = await this.db.query(`SELECT k FROM (${union})${inSlice} GROUP BY k HAVING count(*) > 1 LIMIT 1`);
      if (!dup) continue;
      const [first, second] = await this.db.query(`SELECT s, r FROM (${union}) WHERE k = ${str(String(dup.k))} ORDER BY s, r LIMIT 2`);
      const describe = (place: Record<string, unknown>) => {
        const staged = sources[Number(place.s)]!.staged;
        return `${staged.file} ${this.place(staged, Number(place.r))}`;
      };
      throw new DataError(
        sources[Number(first!.s)]!.staged.file,
        `InteractionId "${String(dup.k)}" appears twice: ${describe(first!)} and ${describe(second!)}`,
      );
    }
  }

  private async loadInteractions(
    plan: LoadPlan,
    byStem: Map<string, Staged>,
    contact: EntityInfo,
  ): Promise<Record<string, InteractionTypeInfo>> {
    const idSources: { staged: Staged; column: string }[] = [];
    for (const ix of plan.interactionSources) {
      const staged = byStem.get(ix.source.stem)!;
      await this.checkInteractionSource(staged, ix);
      const idColumn = staged.columns.find((c) => c.name.toLowerCase() === 'interactionid');
      if (idColumn) idSources.push({ staged, column: idColumn.name });
    }
    await this.checkInteractionIds(idSources);

    // Each source is normalised in one pass into a table of its own. The long table keeps its types
    // together and is read through a view per type (a copy per type took four times as long to
    // load, bench: 9.2 s vs 2.5 s at 2M rows); a per-type file is its type's table, unpadded by
    // other types' columns. Only a type found in several sources is copied into a table of its own.
    const sources: { ix: InteractionSourcePlan; table: string; fields: Fields; counts: Map<string, number> }[] = [];
    for (const [index, ix] of plan.interactionSources.entries()) {
      this.progress(`Building ${ix.source.file}`, index, plan.interactionSources.length);
      const staged = byStem.get(ix.source.stem)!;
      const renames = new Map<string, string>([
        [ix.timestampColumn, plan.timestampField],
        ...[...ix.links].map(([link, column]) => [column, link] as [string, string]),
      ]);
      if (ix.typeColumn) renames.set(ix.typeColumn, plan.typeField);
      const extra = ix.typeColumn ? [] : [`${str(ix.type!)} AS ${id(plan.typeField)}`];
      const table = await this.create(
        ix.type === undefined ? 'interactions' : `interaction:${ix.type}`,
        this.normalizedSelect(staged, plan, renames, extra, ix.timestampColumn),
      );
      await this.run(`DROP TABLE ${id(staged.table)}`);
      const counted = await this.db.query(`SELECT ${id(plan.typeField)} AS t, count(*) AS n FROM ${id(table)} GROUP BY 1`);
      const counts = new Map(counted.map((r) => [String(r.t), Number(r.n)]));
      if (ix.type !== undefined && !counts.has(ix.type)) counts.set(ix.type, 0);
      sources.push({ ix, table, fields: await this.fields(table), counts });
    }

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
        fields: only ? only.fields : await this.fields(table),
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
