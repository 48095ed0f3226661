/** The data sizes the benchmark runs at; `tiny` is the CI smoke run. */
export interface Scale {
  readonly name: string;
  readonly contacts: number;
  readonly interactions: number;
  /**
   * Too large for the in-memory sample generator: `copies` copies of the `from` scale's folder,
   * each with its own record ids, streamed by native DuckDB SQL (bench/write-streamed.ts).
   */
  readonly streamed?: { readonly from: string; readonly copies: number };
}

export const SCALES: Readonly<Record<string, Scale>> = {
  tiny: { name: 'tiny', contacts: 1_000, interactions: 20_000 },
  small: { name: 'small', contacts: 10_000, interactions: 200_000 },
  '100k': { name: '100k', contacts: 100_000, interactions: 2_000_000 },
  '1m': { name: '1m', contacts: 1_000_000, interactions: 20_000_000 },
  '5m': { name: '5m', contacts: 5_000_000, interactions: 100_000_000, streamed: { from: '1m', copies: 5 } },
};

/** How interactions are laid out in files: one long `interactions` table, or one file per type. */
export type Layout = 'long' | 'per-type';
export const LAYOUTS: readonly Layout[] = ['long', 'per-type'];

/** Every relative date in the data and in the segments is measured from this instant. */
export const BENCH_NOW = Date.parse('2026-06-01T00:00:00Z');

export function scaleNamed(name: string): Scale {
  const scale = SCALES[name];
  if (!scale) throw new Error(`unknown scale "${name}": use ${Object.keys(SCALES).join(', ')}`);
  return scale;
}
