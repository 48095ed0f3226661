/**
 * The loaded data and loading it: the DuckDB connector and, by concern, what is loaded
 * (`LoadedData`), the work under way (`LoadActivity`), memory (`MemoryGuard`) and saving for the
 * next visit (`SaveQueue`). At startup it loads `?data=` files, else what was saved, else the
 * built-in sample, so the app is useful at once.
 */
import type { Catalog, RelationInfo } from '../../engine/catalog';
import { countOf } from '../../engine/describe/operator-labels';
import type { CatalogFile } from '../../data/catalog-file';
import { withCatalog } from '../../data/catalog-edit';
import type { Connector } from '../../data/connector';
import { describeSource, type DataSource, type SampleSource } from '../../data/data-source';
import type { Decoders, InputFile } from '../../data/decode-file';
import { interactionSpans, type TimeSpan } from '../../data/interaction-spans';
import { dropTables, loadData, type LoadOptions } from '../../data/load-data';
import { estimateFilesNeed, type MemoryUsage } from '../../data/memory-usage';
import type { DataStore, SavedData } from '../../data/persistence';
import type { Progress } from '../../data/progress';
import { DEFAULT_SAMPLE_SIZE, DEFAULT_SEED, SAMPLE_SIZES, type SampleSize } from '../../data/sample/generate-sample';
import { loadSampleTables } from '../../data/sample/load-sample';
import { estimateSampleNeed, sampleFiles, type GenerateSample } from '../../data/sample/sample-files';
import { describeFiles, filesOfPickedFolder, type ReadProgress } from '../../data/browser-files';
import { LoadActivity } from './load-activity.svelte';
import { LoadedData } from './loaded-data.svelte';
import { describeFailure, withUnreadableFiles } from './load-failure';
import { MemoryGuard, type MemoryRefusal } from './memory-guard.svelte';
import { SaveQueue } from './save-queue.svelte';
import { mark } from '../../data/startup-marks';

export { formatBytes } from '../../data/memory-usage';
export type { DataSource } from '../../data/data-source';
export type { TimeSpan } from '../../data/interaction-spans';
export type { Progress as DataProgress } from '../../data/progress';
export type { ReadProgress } from '../../data/browser-files';

export interface DataDependencies {
  createConnector: () => Promise<Connector>;
  createDecoders: () => Promise<Decoders>;
  /** Builds the sample data; in the browser it runs in a worker. */
  generateSample?: GenerateSample;
  /** Where loaded data is kept between visits. */
  createStore?: () => Promise<DataStore>;
  /** Files to load at startup instead of what was saved (the app's `?data=` URLs). */
  startupFiles?: (onProgress: (p: ReadProgress) => void, signal: AbortSignal) => Promise<{ files: InputFile[]; label: string } | undefined>;
  /**
   * The page's `?data=` link, if any, so it can be asked about before it replaces saved data;
   * `forget` takes it out of the address so a reload does not ask again.
   */
  startupLink?: () => { readonly label: string; forget(): void } | undefined;
  /** Reads picked or dropped files into memory, reporting bytes. */
  readFiles?: (files: readonly File[], onProgress: (p: ReadProgress) => void, signal: AbortSignal) => Promise<InputFile[]>;
  /** The files of a drop, looking into a dropped folder. */
  filesOfDrop?: (transfer: DataTransfer) => Promise<{ files: File[]; label: string }>;
  /** The sample size loaded when nothing else is there (default 10k contacts / 300k interactions). */
  startupSample?: SampleSize;
  /** The clock, for the sample's "now". */
  now?: () => number;
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
  /** Settles when the startup load (URL, saved data or sample) has finished. */
  initialLoad: Promise<void> = Promise.resolve();
  readonly loaded = new LoadedData();
  readonly activity = new LoadActivity();
  readonly memoryGuard = new MemoryGuard();
  readonly saves = new SaveQueue(() => this.store);
  readonly sampleSizes: readonly SampleSize[] = SAMPLE_SIZES;
  /** Started when first needed or once the first screen is complete: the sample needs no Parquet decoder. */
  private decoding: Promise<Decoders> | undefined;
  private store: DataStore | undefined;
  private engineReady: Promise<void> = Promise.resolve();
  /**
   * Settles once the first screen is complete (the app sets it to "the library's first counts"):
   * the statistics after a load wait for it, so they do not queue before the counts in DuckDB.
   */
  firstScreen: Promise<unknown> = Promise.resolve();
  /** A `?data=` link waiting for the user's yes: it would replace the data saved in this browser. */
  linkOffer: { readonly label: string; readonly saved: string } | undefined = $state.raw();

  constructor(private readonly deps: DataDependencies) {}

  get catalog(): Catalog | undefined {
    return this.loaded.catalog;
  }
  get warnings(): readonly string[] {
    return this.loaded.warnings;
  }
  get source(): DataSource | undefined {
    return this.loaded.source;
  }
  get spans(): Readonly<Record<string, TimeSpan>> {
    return this.loaded.spans;
  }
  get version(): number {
    return this.loaded.version;
  }
  get progress(): Progress | undefined {
    return this.activity.progress;
  }
  get busy(): boolean {
    return this.activity.busy;
  }
  get error(): string | undefined {
    return this.activity.error;
  }
  set error(message: string | undefined) {
    this.activity.error = message;
  }
  get memory(): MemoryUsage | undefined {
    return this.memoryGuard.memory;
  }
  get memoryRefusal(): MemoryRefusal | undefined {
    return this.memoryGuard.refusal;
  }
  get saveNote(): string | undefined {
    return this.saves.note;
  }

  /** Starts the engine; the startup data is fetched or generated meanwhile and loads once it runs. */
  async start(): Promise<void> {
    const engine = this.deps.createConnector();
    void engine.then(
      () => mark('engine ready'),
      () => undefined,
    );
    this.engineReady = engine.then(() => undefined);
    this.engineReady.catch(() => undefined);
    this.store = await this.deps.createStore?.().catch(() => undefined);
    this.initialLoad = this.loadAtStartup().catch((error: unknown) => {
      this.error ??= describeFailure(error);
    });
    // Ready before the user picks files, but not competing with the first screen for the CPU.
    void this.initialLoad.then(() => this.firstScreen).then(() => this.decoders().catch(() => undefined));
    this.connector = await engine;
  }

  private decoders(): Promise<Decoders> {
    // A failed start is tried again at the next load.
    return (this.decoding ??= this.deps.createDecoders().catch((error: unknown) => {
      this.decoding = undefined;
      throw error;
    }));
  }

  private async loadAtStartup(): Promise<void> {
    let startupError: string | undefined;
    let restoring: Promise<SavedData | undefined> | undefined;
    const restore = () => (restoring ??= this.store?.restore().catch(() => undefined) ?? Promise.resolve(undefined));
    const link = this.deps.startupLink?.();
    const kept = link && (await restore());
    if (link && kept) {
      // Anyone can send a link: it asks before it replaces what this browser kept.
      this.linkOffer = { label: link.label, saved: describeSource(kept.source) };
      link.forget();
    } else if (this.deps.startupFiles) {
      const fromUrl = await this.activity.track('Downloading data', (signal) => this.deps.startupFiles!(this.activity.report, signal));
      if (fromUrl && (await this.loadFiles(fromUrl.files, fromUrl.label))) return;
      startupError = this.error;
    }
    const saved = await restore();
    let loaded = false;
    if (saved?.source.kind === 'sample') loaded = await this.loadSample(saved.source, { save: false });
    else if (saved?.files) loaded = await this.load(saved.files, { source: saved.source, save: false });
    if (loaded) this.saves.restored();
    else await this.loadSample(this.deps.startupSample ?? DEFAULT_SAMPLE_SIZE);
    if (startupError) this.error = startupError;
  }

  /** The user's answer to a `?data=` link: load it (and keep it for next time), or keep their data. */
  async answerLink(load: boolean): Promise<boolean> {
    const offer = this.linkOffer;
    this.linkOffer = undefined;
    if (!offer || !load || !this.deps.startupFiles) return false;
    // The saved data may still be loading: a new step would cancel it (and the sample would take its place).
    await this.initialLoad;
    this.error = undefined;
    const fromUrl = await this.activity.track('Downloading data', (signal) => this.deps.startupFiles!(this.activity.report, signal));
    return fromUrl ? this.loadFiles(fromUrl.files, fromUrl.label) : false;
  }

  /** Stops the running load; the data loaded before stays. */
  cancel(): void {
    this.activity.cancel();
    void this.connector?.cancel?.().catch(() => undefined);
  }

  /** Loads files; on any error the data loaded before stays as it was. */
  async load(files: readonly InputFile[], request?: LoadRequest): Promise<boolean> {
    await this.engineReady.catch(() => undefined);
    if (!this.connector) throw new Error('The engine has not started');
    const connector = this.connector;
    const sample = request?.source?.kind === 'sample';
    let decoders: Decoders | undefined;
    this.error = undefined;
    this.memoryGuard.refusal = undefined;
    const retry = () => this.load(files, { ...request, force: true });
    if (!request?.force && !(await this.memoryGuard.allows(this.idleConnector(), estimateFilesNeed(files), retry))) return false;
    const result = await this.activity.track('Loading', async (signal) => {
      const options: LoadOptions = { generation: this.version + 1, signal, onProgress: this.activity.report };
      if (!sample) decoders = await this.decoders();
      // The generated sample is in final form already: it streams straight into its tables.
      const loaded = decoders ? await loadData(connector, files, decoders, options) : await loadSampleTables(connector, files, options);
      // A cancel during the last step may find no step left to stop: it still means "keep my data".
      if (signal.aborted) {
        await dropTables(connector, loaded.tables);
        throw new DOMException('The load was cancelled', 'AbortError');
      }
      await dropTables(connector, this.loaded.tables);
      return loaded;
    });
    if (!result) {
      if (decoders && this.error) this.error = withUnreadableFiles(this.error, files, decoders);
      return false;
    }
    mark('data loaded');
    this.loaded.replace(
      result,
      request?.source ?? { kind: 'files', label: countOf(files.length, 'file'), files: files.map(sizeOf) },
      files,
    );
    void this.afterLoad(request?.save === false ? undefined : files);
    return true;
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
    const input = await this.activity.track('Reading files', (signal) => read(files, this.activity.report, signal));
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
    this.memoryGuard.refusal = undefined;
    const retry = () => this.loadSample(source, { ...options, force: true });
    if (!options.force && !(await this.memoryGuard.allows(this.idleConnector(), estimateSampleNeed(source), retry))) return false;
    const generate = this.deps.generateSample;
    if (!generate) throw new Error('No sample generator was given');
    mark('sample requested');
    const files = await this.activity.track('Generating sample data', (signal) =>
      sampleFiles(source, generate, this.activity.report, signal),
    );
    if (!files) return false;
    mark('sample generated');
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
    if (!this.loaded.files) return false;
    const files = withCatalog(this.loaded.files, catalogFile);
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
    return this.loaded.catalogWithRelations(relations);
  }

  /** The catalog.json of the loaded data, if it has one. */
  catalogFileText(): string | undefined {
    return this.loaded.catalogFileText();
  }

  /** What is loaded, in words. */
  get description(): string | undefined {
    return this.source ? describeSource(this.source) : undefined;
  }

  /** Forgets the saved data; what is loaded now stays until the page is reloaded. */
  async clearSaved(): Promise<void> {
    await this.saves.clear();
  }

  async refreshMemory(): Promise<void> {
    await this.memoryGuard.refresh(this.idleConnector());
  }

  /** The connector when no load is running: memory figures read mid-load would only slow it. */
  private idleConnector(): Connector | undefined {
    return this.busy ? undefined : this.connector;
  }

  private async afterLoad(files: readonly InputFile[] | undefined): Promise<void> {
    const { connector, catalog, source, version } = this;
    // The save starts first: a reload right after a load must not lose it.
    const saved = files && source ? this.saves.save(source, files, () => this.version === version) : undefined;
    await this.firstScreen;
    if (connector && catalog && this.version === version) {
      const spans = await interactionSpans(connector, catalog).catch(() => ({}));
      if (this.version === version) this.loaded.spans = spans;
      mark('spans read');
    }
    await this.refreshMemory();
    await saved;
    mark('saved');
  }
}

function sizeOf(file: InputFile): { name: string; size: number } {
  return { name: file.name, size: file.bytes.byteLength };
}
