/** The sample as files to load: generated, with its catalog.json replaced when the user edited it. */
import { withCatalog } from '../catalog-edit';
import type { DataSource } from '../data-source';
import type { InputFile } from '../decode-file';
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
 * Rough peak memory of generating and loading a sample: the generator's buffers and Arrow
 * files in the page, then DuckDB's staging and final tables (measured on the default size).
 */
export function estimateSampleBytes(size: SampleSize): number {
  return size.contacts * 1_500 + size.interactions * 60;
}
