/** Binds a catalog.json "tables" (SPEC §2) to existing ClickHouse tables; written below. */
import type { CatalogFile } from '../catalog-file';
import type { ClickhouseLayout } from './clickhouse-engine';
import type { LoadedData } from './engine';

export async function bindServerTables(_layout: ClickhouseLayout, _catalog: CatalogFile): Promise<LoadedData> {
  throw new Error('not yet');
}
