/** The sample as files to load: generated, with its catalog.json replaced when the user edited it. */
import { withCatalog } from '../catalog-edit';
import type { DataSource } from '../data-source';
import type { InputFile } from '../decode-file';
import type { MemoryNeed } from '../memory-usage';
import type { SampleOptions, SampleProgress, SampleSize } from './generate-sample';

export type GenerateSample = (
  options: SampleOptions,
  onProgress?: (p: SampleProgress) => void,
  signal?: AbortSignal,
) => Promise<InputFile[]>;

export async function sampleFiles(
  source: Extract<DataSource, { kind: 'sample' }>,
  generate: GenerateSample,
  onProgress?: (p: SampleProgress) => void,
  signal?: AbortSignal,
): Promise<InputFile[]> {
  const files = await generate(
    { contacts: source.contacts, interactions: source.interactions, seed: source.seed, now: source.now },
    onProgress,
    signal,
  );
  return source.catalog ? withCatalog(files, source.catalog) : files;
}

/**
 * Rough peak memory of generating and loading a sample, measured: in DuckDB about 115 bytes per
 * interaction and 340 per contact (with its accounts and leads) plus one slice in transit; in
 * the page the Arrow files, about 50 bytes per interaction and 400 per contact.
 */
export function estimateSampleNeed(size: SampleSize): MemoryNeed {
  return { duckdb: size.interactions * 115 + size.contacts * 340 + 100_000_000, page: size.interactions * 50 + size.contacts * 400 };
}
