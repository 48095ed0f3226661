/** Where the loaded data came from: remembered so it can be shown, saved and loaded again. */
import type { CatalogFile } from './catalog-file';

export interface SampleSource {
  readonly kind: 'sample';
  readonly contacts: number;
  readonly interactions: number;
  readonly seed: number;
  /** The last moment interactions may have (epoch ms). */
  readonly now: number;
  /** A catalog.json replacing the sample's own, after the user edited relations. */
  readonly catalog?: CatalogFile;
}

export interface FilesSource {
  readonly kind: 'files';
  /** A folder name, a URL or "3 files". */
  readonly label: string;
  readonly files: readonly { readonly name: string; readonly size: number }[];
}

export type DataSource = SampleSource | FilesSource;

export function describeSource(source: DataSource): string {
  if (source.kind === 'sample') {
    return `Sample data: ${source.contacts.toLocaleString('en-US')} contacts, ${source.interactions.toLocaleString('en-US')} interactions`;
  }
  return source.label;
}
