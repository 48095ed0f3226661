/**
 * The loaded data: the DuckDB connector, the catalog of what is loaded, where it came from,
 * load progress, and saving it for the next visit. At startup it loads `?data=` files, else
 * what was saved, else the built-in sample, so the app is useful at once.
 */
import type { Catalog } from '../../engine/catalog';
import type { CatalogFile } from '../../data/catalog-file';
import type { Connector } from '../../data/connector';
import type { DataSource, SampleSource } from '../../data/data-source';
import type { Decoders, InputFile } from '../../data/decode-file';
import { dropTables, loadData, type LoadOptions, type LoadProgress } from '../../data/load-data';
import { loadSampleTables } from '../../data/sample/load-sample';
import { unreadableFiles } from '../../data/unreadable-files';
import { DataError, isOutOfMemory } from '../../data/data-error';
import {
  estimateFilesNeed,
  formatBytes,
  memoryShortfall,
  readMemoryUsage,
  type MemoryNeed,
  type MemoryUsage,
} from '../../data/memory-usage';
import type { DataStore } from '../../data/persistence';
import { DEFAULT_SAMPLE_SIZE, DEFAULT_SEED, SAMPLE_SIZES, type SampleSize } from '../../data/sample/generate-sample';

export { formatBytes } from '../../data/memory-usage';
export type { DataSource } from '../../data/data-source';
export type { TimeSpan } from '../../data/interaction-spans';
import { estimateSampleNeed, sampleFiles, type GenerateSample } from '../../data/sample/sample-files';
import { interactionSpans, type TimeSpan } from '../../data/interaction-spans';
import { catalogOf, withCatalog, withRelations } from '../../data/catalog-edit';
import { SAMPLE_CATALOG } from '../../data/sample/sample-catalog';
import { describeFiles, filesOfPickedFolder } from '../../data/browser-files';
import type { RelationInfo } from '../../engine/catalog';
import { describeSource } from '../../data/data-source';

export interface DataDependencies {
  createConnector: () => Promise<Connector>;
  createDecoders: () => Promise<Decoders>;
  /** Builds the sample data; in the browser it runs in a worker. */
  generateSample?: GenerateSample;
  /** Where loaded data is kept between visits. */
  createStore?: () => Promise<DataStore>;
  /** Files to load at startup instead of what was saved (the app's `?data=` URLs). */
  startupFiles?: (onProgress: (p: ReadProgress) => void, signal: AbortSignal) => Promise<{ files: InputFile[]; label: string } | undefined>;
  /** Reads picked or dropped files into memory, reporting bytes. */
  readFiles?: (files: readonly File[], onProgress: (p: ReadProgress) => void, signal: AbortSignal) => Promise<InputFile[]>;
  /** The files of a drop, looking into a dropped folder. */
  filesOfDrop?: (transfer: DataTransfer) => Promise<{ files: File[]; label: string }>;
  /** The sample size loaded when nothing else is there (default 10k contacts / 300k interactions). */
  startupSample?: SampleSize;
  /** The clock, for the sample's "now". */
  now?: () => number;
}

export interface ReadProgress {
  readonly step: string;
  readonly bytes: number;
  readonly totalBytes: number;
}

/** What a running load is doing, for the progress bar. */
export interface DataProgress extends LoadProgress {
  /** What `done` and `total` count. */
  readonly unit?: 'rows' | 'bytes' | 'files' | 'steps';
}

export interface LoadRequest {
  readonly source?: DataSource;
  /** Save the data for the next visit when it loaded. */
  readonly save?: boolean;
  /** Skip the memory check: the user chose to try anyway. */
  readonly force?: boolean;
}

export class DataState {
  connector: Connector | undefined = $state.raw();
  catalog: Catalog | undefined = $state.raw();
  warnings: readonly string[] = $state.raw([]);
  error: string | undefined = $state();
  /** Set when a load was refused because memory would run out; `retry` loads anyway. */
  memoryRefusal: { readonly message: string; readonly retry: () => Promise<boolean> } | undefined = $state.raw();
  progress: DataProgress | undefined = $state.raw();
  /** True while files are read, generated or loaded. */
  busy = $state(false);
  source: DataSource | undefined = $state.raw();
  /** The first and last interaction of each type. */
  spans: Readonly<Record<string, TimeSpan>> = $state.raw({});
  memory: MemoryUsage | undefined = $state.raw();
  /** Whether the loaded data will be there after a reload, in words. */
  saveNote: string | undefined = $state();
  /** Bumped on every successful load, so views re-query. */
  version = $state(0);
  /** Settles when the startup load (URL, saved data or sample) has finished. */
  initialLoad: Promise<void> = Promise.resolve();
  private tables: readonly string[] = [];
  private decoders: Decoders | undefined;
  private store: DataStore | undefined;
  private controller: AbortController | undefined;
  private saving: Promise<void> = Promise.resolve();
  private engineReady: Promise<void> = Promise.resolve();
  /** The files behind the current data (not kept for the sample, which is generated again). */
  private files: readonly InputFile[] | undefined;

  constructor(private readonly deps: DataDependencies) {}

  /** Starts the engine; the startup data is fetched or generated meanwhile and loads once it runs. */
  async start(): Promise<void> {
    const engine = Promise.all([this.deps.createConnector(), this.deps.createDecoders()]);
    this.engineReady = engine.then(() => undefined);
    this.engineReady.catch(() => undefined);
    this.store = await this.deps.createStore?.().catch(() => undefined);
    this.initialLoad = this.loadAtStartup().catch((error: unknown) => {
      this.error ??= describeFailure(error);
    });
    [this.connector, this.decoders] = await engine;
  }

  private async loadAtStartup(): Promise<void> {
    let startupError: string | undefined;
    if (this.deps.startupFiles) {
      const fromUrl = await this.track('Downloading data', (signal) => this.deps.startupFiles!(this.reportBytes, signal));
      if (fromUrl && (await this.loadFiles(fromUrl.files, fromUrl.label))) return;
      startupError = this.error;
    }
    const saved = await this.store?.restore().catch(() => undefined);
    let loaded = false;
    if (saved?.source.kind === 'sample') loaded = await this.loadSample(saved.source, { save: false });
    else if (saved?.files) loaded = await this.load(saved.files, { source: saved.source, save: false });
    if (loaded) this.saveNote = `Restored from ${this.store?.where ?? 'storage'}`;
    else await this.loadSample(this.deps.startupSample ?? DEFAULT_SAMPLE_SIZE);
    if (startupError) this.error = startupError;
  }

  private readonly reportBytes = (p: ReadProgress): void => {
    this.progress = { step: p.step, done: p.bytes, total: p.totalBytes, unit: 'bytes' };
  };

  /** Runs one step of a load with a cancel signal, reporting failures in `error`. */
  private async track<T>(step: string, run: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.busy = true;
    this.progress = { step, done: 0, total: 0 };
    try {
      return await run(controller.signal);
    } catch (error) {
      this.error = describeFailure(error);
      return undefined;
    } finally {
      if (this.controller === controller) {
        this.busy = false;
        this.progress = undefined;
      }
    }
  }

  /** Stops the running load; the data loaded before stays. */
  cancel(): void {
    this.controller?.abort();
    void this.connector?.cancel?.().catch(() => undefined);
  }

  /** Loads files; on any error the data loaded before stays as it was. */
  async load(files: readonly InputFile[], request?: LoadRequest): Promise<boolean> {
    await this.engineReady.catch(() => undefined);
    if (!this.connector || !this.decoders) throw new Error('The engine has not started');
    const connector = this.connector;
    const decoders = this.decoders;
    this.error = undefined;
    this.memoryRefusal = undefined;
    if (!request?.force && !(await this.enoughMemory(estimateFilesNeed(files), () => this.load(files, { ...request, force: true })))) {
      return false;
    }
    const result = await this.track('Loading', async (signal) => {
      const options: LoadOptions = {
        generation: this.version + 1,
        signal,
        onProgress: (p) =>
          (this.progress =
            p.rows !== undefined ? { ...p, unit: 'files' } : { ...p, unit: p.step.startsWith('Reading') ? 'files' : 'steps' }),
      };
      // The generated sample is in final form already: it streams straight into its tables.
      const loaded =
        request?.source?.kind === 'sample'
          ? await loadSampleTables(connector, files, options)
          : await loadData(connector, files, decoders, options);
      await dropTables(connector, this.tables);
      return loaded;
    });
    if (!result) {
      if (request?.source?.kind !== 'sample') this.reportEveryUnreadableFile(files, decoders);
      return false;
    }
    this.tables = result.tables;
    this.catalog = result.catalog;
    this.warnings = result.warnings;
    this.source = request?.source ?? { kind: 'files', label: `${files.length} files`, files: files.map(sizeOf) };
    this.files = this.source.kind === 'sample' ? undefined : files;
    this.version += 1;
    void this.afterLoad(request?.save === false ? undefined : files);
    return true;
  }

  /** The load stops at the first bad file; name every other file that cannot be read at all too. */
  private reportEveryUnreadableFile(files: readonly InputFile[], decoders: Decoders): void {
    if (!this.error || this.error.includes('cancelled')) return;
    const others = unreadableFiles(files, decoders).filter((e) => !this.error!.startsWith(`${e.file}:`));
    if (others.length > 0) this.error = [this.error, ...others.map((e) => e.message)].join('\n');
  }

  /** Loads files the user picked, dropped or linked, and saves them for the next visit. */
  async loadFiles(files: readonly InputFile[], label: string): Promise<boolean> {
    return this.load(files, { source: { kind: 'files', label, files: files.map(sizeOf) } });
  }

  /** Reads and loads files the user picked (several files, or the data files of a folder). */
  async loadPicked(files: readonly File[], label = describeFiles(files)): Promise<boolean> {
    const read = this.deps.readFiles;
    if (!read) throw new Error('No file reader was given');
    if (files.length === 0) {
      this.error = 'No data files were chosen: pick .parquet, .arrow, .arrows or .csv files and an optional catalog.json.';
      return false;
    }
    this.error = undefined;
    const input = await this.track('Reading files', (signal) => read(files, this.reportBytes, signal));
    return input ? this.loadFiles(input, label) : false;
  }

  /** Loads the data files at the top of a picked folder (`<input webkitdirectory>`). */
  async loadPickedFolder(files: readonly File[]): Promise<boolean> {
    const picked = filesOfPickedFolder(files);
    return this.loadPicked(picked.files, `Folder ${picked.folder}`);
  }

  /** Loads what was dropped on the page: files or a folder. */
  async loadDropped(transfer: DataTransfer): Promise<boolean> {
    const dropped = await this.deps.filesOfDrop?.(transfer);
    return dropped ? this.loadPicked(dropped.files, dropped.label) : false;
  }

  /** Generates and loads the sample data (the same for the same size, seed and moment). */
  async loadSample(
    size: SampleSize | SampleSource = DEFAULT_SAMPLE_SIZE,
    options: { save?: boolean; force?: boolean } = {},
  ): Promise<boolean> {
    const source: SampleSource =
      'kind' in size
        ? size
        : { kind: 'sample', contacts: size.contacts, interactions: size.interactions, seed: DEFAULT_SEED, now: this.sampleNow() };
    this.error = undefined;
    this.memoryRefusal = undefined;
    if (
      !options.force &&
      !(await this.enoughMemory(estimateSampleNeed(source), () => this.loadSample(source, { ...options, force: true })))
    )
      return false;
    const generate = this.deps.generateSample;
    if (!generate) throw new Error('No sample generator was given');
    const files = await this.track('Generating sample data', (signal) =>
      sampleFiles(
        source,
        generate,
        (p) => (this.progress = { ...p, unit: p.step === 'Generating interactions' ? 'rows' : 'steps' }),
        signal,
      ),
    );
    if (!files) return false;
    return this.load(files, { source, force: true, ...(options.save === false ? { save: false } : {}) });
  }

  /** The sample's "now": the current hour, so relative dates like "last 30 days" find data. */
  private sampleNow(): number {
    const now = this.deps.now?.() ?? Date.now();
    return Math.floor(now / 3_600_000) * 3_600_000;
  }

  /** Replaces the relations of catalog.json and loads the data again with it. */
  async saveCatalog(catalogFile: CatalogFile): Promise<boolean> {
    const source = this.source;
    if (!source) return false;
    if (source.kind === 'sample') return this.loadSample({ ...source, catalog: catalogFile }, { force: true });
    if (!this.files) return false;
    const files = withCatalog(this.files, catalogFile);
    return this.load(files, { source: { ...source, files: files.map(sizeOf) }, force: true });
  }

  /** Saves the declared relations in catalog.json (inferred ones come back by themselves) and loads again. */
  async saveRelations(relations: readonly RelationInfo[]): Promise<boolean> {
    try {
      return await this.saveCatalog(this.catalogWithRelations(relations));
    } catch (error) {
      this.error = describeFailure(error);
      return false;
    }
  }

  /** catalog.json text with the given relations, for download. */
  catalogWithRelations(relations: readonly RelationInfo[]): CatalogFile {
    return withRelations(
      catalogOf(undefined, this.catalogFileText()),
      relations.filter((r) => !r.inferred),
    );
  }

  /** What is loaded, in words. */
  get description(): string | undefined {
    return this.source ? describeSource(this.source) : undefined;
  }

  readonly sampleSizes: readonly SampleSize[] = SAMPLE_SIZES;

  /** The catalog.json of the loaded data, if it has one. */
  catalogFileText(): string | undefined {
    const source = this.source;
    if (source?.kind === 'sample') return JSON.stringify(source.catalog ?? SAMPLE_CATALOG, null, 2);
    const file = this.files?.find((f) => f.name === 'catalog.json');
    return file ? new TextDecoder().decode(file.bytes) : undefined;
  }

  /** Forgets the saved data; what is loaded now stays until the page is reloaded. */
  async clearSaved(): Promise<void> {
    await this.saving;
    await this.store?.clear();
    this.saveNote = 'Nothing saved: the sample data will load next time';
  }

  async refreshMemory(): Promise<void> {
    if (!this.connector || this.busy) return;
    try {
      this.memory = await readMemoryUsage(this.connector);
    } catch {
      // Memory figures are a courtesy; a failure to read them changes nothing.
    }
  }

  private async enoughMemory(need: MemoryNeed, retry: () => Promise<boolean>): Promise<boolean> {
    await this.refreshMemory();
    // The current data is dropped only after the new data loaded, so both must fit at once.
    const short = this.memory && memoryShortfall(this.memory, need);
    if (!short) return true;
    this.memoryRefusal = {
      message: `This load needs about ${formatBytes(short.needed)} of memory, but only about ${formatBytes(Math.max(0, short.free))} is free in this tab. The browser would run out of memory; nothing was loaded. Load fewer or smaller files (Parquet is the most compact), or a smaller sample.`,
      retry,
    };
    return false;
  }

  private async afterLoad(files: readonly InputFile[] | undefined): Promise<void> {
    const connector = this.connector;
    const catalog = this.catalog;
    const source = this.source;
    const version = this.version;
    const store = this.store;
    // The save starts first, and says so at once: a reload right after a load must not lose it.
    let saved: Promise<void> | undefined;
    if (files && source && store) {
      this.saveNote = 'Saving for the next visit…';
      // Saves run one after another, and a save a newer load has overtaken is skipped.
      saved = this.saving = this.saving.then(async () => {
        if (this.version !== version) return;
        try {
          await store.save(source, source.kind === 'sample' ? undefined : files);
          if (this.version === version) this.saveNote = `Saved in ${store.where}; it loads again after a reload`;
        } catch (error) {
          this.saveNote = `Not saved for the next visit: ${error instanceof Error ? error.message : String(error)}`;
        }
      });
    }
    if (connector && catalog) {
      const spans = await interactionSpans(connector, catalog).catch(() => ({}));
      if (this.version === version) this.spans = spans;
    }
    await this.refreshMemory();
    await saved;
  }
}

function sizeOf(file: InputFile): { name: string; size: number } {
  return { name: file.name, size: file.bytes.byteLength };
}

function describeFailure(error: unknown): string {
  if (error instanceof DOMException && error.name === 'AbortError')
    return 'The load was cancelled; the data loaded before is still in use.';
  if (error instanceof DataError && isOutOfMemory(error)) {
    return `${error.message}. Nothing was loaded; the data loaded before is still in use. Try fewer or smaller files.`;
  }
  if (isOutOfMemory(error)) {
    return `The browser ran out of memory while loading (${error instanceof Error ? error.message : String(error)}). Nothing was loaded; the data loaded before is still in use. Try fewer or smaller files.`;
  }
  return error instanceof Error ? error.message : String(error);
}
