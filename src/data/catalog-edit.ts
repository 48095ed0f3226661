/** Editing the catalog.json of loaded data: what the relation editor saves. */
import type { RelationInfo } from '../engine/catalog';
import { parseCatalogFile } from './plan-tables';
import type { CatalogFile } from './catalog-file';
import type { InputFile } from './decode-file';

export const CATALOG_FILE_NAME = 'catalog.json';

/** The files with catalog.json replaced (or added). */
export function withCatalog(files: readonly InputFile[], catalog: CatalogFile): InputFile[] {
  const bytes = new TextEncoder().encode(`${JSON.stringify(catalog, null, 2)}\n`);
  return [...files.filter((f) => f.name !== CATALOG_FILE_NAME), { name: CATALOG_FILE_NAME, bytes }];
}

/** catalog.json as it is in the files, or an empty one. */
export function catalogOf(files: readonly InputFile[] | undefined, text?: string): CatalogFile {
  const file = files?.find((f) => f.name === CATALOG_FILE_NAME);
  return parseCatalogFile(text ?? (file ? new TextDecoder().decode(file.bytes) : undefined));
}

/** catalog.json with its relations replaced by the given ones (inferred relations need not be listed). */
export function withRelations(catalog: CatalogFile, relations: readonly RelationInfo[]): CatalogFile {
  return {
    ...catalog,
    relations: relations.map((r) => ({ name: r.name, from: `${r.from.entity}.${r.from.field}`, to: `${r.to.entity}.${r.to.field}` })),
  };
}
