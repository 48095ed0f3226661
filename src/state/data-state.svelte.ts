/** The loaded data: the DuckDB connector, the catalog of what is loaded, and load progress. */
import type { Catalog } from '../engine/catalog';
import type { Connector } from '../data/connector';
import type { Decoders, InputFile } from '../data/decode-file';
import { dropTables, loadData, type LoadProgress } from '../data/load-data';

export interface DataDependencies {
  createConnector: () => Promise<Connector>;
  createDecoders: () => Promise<Decoders>;
}

export class DataState {
  connector: Connector | undefined = $state.raw();
  catalog: Catalog | undefined = $state.raw();
  warnings: readonly string[] = $state.raw([]);
  error: string | undefined = $state();
  progress: LoadProgress | undefined = $state.raw();
  /** Bumped on every successful load, so views re-query. */
  version = $state(0);
  private tables: readonly string[] = [];
  private decoders: Decoders | undefined;

  constructor(private readonly deps: DataDependencies) {}

  async start(): Promise<void> {
    [this.connector, this.decoders] = await Promise.all([this.deps.createConnector(), this.deps.createDecoders()]);
  }

  /** Loads files; on any error the data loaded before stays as it was. */
  async load(files: readonly InputFile[]): Promise<boolean> {
    if (!this.connector || !this.decoders) throw new Error('The engine has not started');
    this.error = undefined;
    try {
      const result = await loadData(this.connector, files, this.decoders, {
        generation: this.version + 1,
        onProgress: (p) => (this.progress = p),
      });
      await dropTables(this.connector, this.tables);
      this.tables = result.tables;
      this.catalog = result.catalog;
      this.warnings = result.warnings;
      this.version += 1;
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.progress = undefined;
    }
  }
}
