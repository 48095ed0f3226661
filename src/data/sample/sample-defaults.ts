/** The sample the app starts with, apart from the generator so the page's tiny entry can name it. */
import type { SampleSize } from './generate-sample';

export const DEFAULT_SEED = 20_260_331;
export const DEFAULT_SAMPLE_SIZE: SampleSize = { contacts: 10_000, interactions: 300_000 };

/** The sample's "now" for a moment: its hour, so relative dates like "last 30 days" find data. */
export function sampleHour(ms: number): number {
  return Math.floor(ms / 3_600_000) * 3_600_000;
}
