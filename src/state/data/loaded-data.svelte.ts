/** What is loaded now: its catalog, warnings, where it came from, its tables, and its catalog.json. */
import type { Catalog, RelationInfo } from '../../engine/catalog';
import type { CatalogFile } from '../../data/catalog-file';
import { catalogOf, withRelations } from '../../data/catalog-edit';
import type { DataSource } from '../../data/data-source';
import type { InputFile } from '../../data/decode-file';
import type { TimeSpan } from '../../data/interaction-spans';
import type { LoadResult } from '../../data/load-data';
import { SAMPLE_CATALOG } from '../../data/sample/sample-catalog';

export class LoadedData {
  catalog: Catalog | undefined = $state.raw();
  warnings: readonly string[] = $state.raw([]);
  source: DataSource | undefined = $state.raw();
  /** The first and last interaction of each type. */
  spans: Readonly<Record<string, TimeSpan>> = $state.raw({});
  /** Bumped on every successful load, so views re-query. */
  version = $state(0);
  /** The tables of the current load, dropped when the next one has loaded. */
  tables: readonly string[] = [];
  /** The files behind the current data (not kept for the sample, which is generated again). */
  files: readonly InputFile[] | undefined;

  replace(result: LoadResult, source: DataSource, files: readonly InputFile[]): void {
    this.tables = result.tables;
    this.catalog = result.catalog;
    this.warnings = result.warnings;
    this.source = source;
    this.files = source.kind === 'sample' ? undefined : files;
    this.version += 1;
  }

  /** The catalog.json of the loaded data, if it has one. */
  catalogFileText(): string | undefined {
    const source = this.source;
    if (source?.kind === 'sample') return JSON.stringify(source.catalog ?? SAMPLE_CATALOG, null, 2);
    const file = this.files?.find((f) => f.name === 'catalog.json');
    return file ? new TextDecoder().decode(file.bytes) : undefined;
  }

  /** catalog.json with the given relations (inferred ones come back by themselves). */
  catalogWithRelations(relations: readonly RelationInfo[]): CatalogFile {
    return withRelations(
      catalogOf(undefined, this.catalogFileText()),
      relations.filter((r) => !r.inferred),
    );
  }
}
