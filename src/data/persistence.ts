/**
 * Keeps the loaded data across page reloads, on this machine only: the raw input files (or,
 * for the sample, just its size and seed) are saved and loaded again at startup.
 */
import type { DataSource } from './data-source';
import type { InputFile } from './decode-file';

export interface SavedData {
  readonly source: DataSource;
  /** The files to load again; absent for the sample, which is generated again. */
  readonly files?: readonly InputFile[];
}

export interface DataStore {
  /** Replaces whatever was saved. */
  save(source: DataSource, files?: readonly InputFile[]): Promise<void>;
  restore(): Promise<SavedData | undefined>;
  clear(): Promise<void>;
  /** Where the data is kept, for the user: "browser storage (OPFS)". */
  readonly where: string;
}

/** A store in memory, for tests and for browsers that refuse storage. */
export function createMemoryStore(): DataStore {
  let saved: SavedData | undefined;
  return {
    where: 'memory (lost on reload)',
    save: async (source, files) => {
      saved = files ? { source, files: [...files] } : { source };
    },
    restore: async () => saved,
    clear: async () => {
      saved = undefined;
    },
  };
}
