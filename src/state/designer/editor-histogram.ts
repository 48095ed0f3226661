/** The count test drawn on the designer's histogram. */
import type { CountTest } from '../../engine/library-schema';

export function passesCount(value: number, count: CountTest): boolean {
  switch (count.op) {
    case 'atLeast':
      return value >= count.value;
    case 'exactly':
      return value === count.value;
    case 'atMost':
      return value <= count.value;
    case 'between':
      return count.value[0] <= value && value <= count.value[1];
  }
}

/** Where the dashed lines go: between whole-number bars for counts, at the value otherwise. */
export function countThresholds(count: CountTest, wholeNumbers: boolean): number[] {
  const half = wholeNumbers ? 0.5 : 0;
  switch (count.op) {
    case 'atLeast':
      return [count.value - half];
    case 'atMost':
      return [count.value + half];
    case 'exactly':
      return [count.value - half, count.value + half];
    case 'between':
      return [count.value[0] - half, count.value[1] + half];
  }
}

export interface HistogramBar {
  readonly x1: number;
  readonly x2: number;
  readonly contacts: number;
  readonly selected: boolean;
}

/**
 * Bars for the plot: one per whole number for counts; for other measures about `target` equal
 * ranges, each split into the contacts the test selects and those it does not.
 */
export function histogramBars(
  bins: readonly { value: number; contacts: number }[],
  count: CountTest,
  wholeNumbers: boolean,
  target = 30,
): HistogramBar[] {
  if (wholeNumbers)
    return bins.map((b) => ({ x1: b.value - 0.45, x2: b.value + 0.45, contacts: b.contacts, selected: passesCount(b.value, count) }));
  if (bins.length === 0) return [];
  const min = Math.min(...bins.map((b) => b.value));
  const max = Math.max(...bins.map((b) => b.value));
  const width = max > min ? (max - min) / target : 1;
  const bars = new Map<string, HistogramBar>();
  for (const bin of bins) {
    const index = Math.min(target - 1, Math.floor((bin.value - min) / width));
    const selected = passesCount(bin.value, count);
    const key = `${index}:${selected}`;
    const x1 = min + index * width;
    const previous = bars.get(key);
    bars.set(key, { x1, x2: x1 + width, contacts: (previous?.contacts ?? 0) + bin.contacts, selected });
  }
  return [...bars.values()].sort((a, b) => a.x1 - b.x1);
}

/** About ten whole-number ticks covering the bars. */
export function wholeTicks(bins: readonly { value: number }[]): number[] {
  const max = Math.max(0, ...bins.map((b) => b.value));
  const step = Math.max(1, Math.ceil(max / 10));
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

function rounded(value: number): number {
  return Number(value.toPrecision(3));
}

/**
 * The count test after a click on a bar: the bar's value becomes the threshold, keeping the
 * test's kind; a range moves whichever end is nearer (or the one the bar lies beyond).
 */
export function countAtBar(count: CountTest, bar: Pick<HistogramBar, 'x1' | 'x2'>, wholeNumbers: boolean): CountTest {
  const low = wholeNumbers ? Math.round((bar.x1 + bar.x2) / 2) : rounded(bar.x1);
  const high = wholeNumbers ? low : rounded(bar.x2);
  switch (count.op) {
    case 'atLeast':
    case 'exactly':
      return { op: count.op, value: low };
    case 'atMost':
      return { op: 'atMost', value: high };
    case 'between': {
      const [from, to] = count.value;
      const lowerEnd = high < from || (low <= to && Math.abs(low - from) <= Math.abs(high - to));
      return { op: 'between', value: lowerEnd ? [low, Math.max(low, to)] : [Math.min(from, high), high] };
    }
  }
}

/** Share of contacts a zoomed axis keeps in view; the rest of a long tail is summed in the caption. */
const ZOOM_SHARE = 0.99;

/** The largest value a zoomed axis shows: where 99% of the contacts are, and never short of the threshold. */
export function zoomLimit(bins: readonly { value: number; contacts: number }[], count: CountTest): number {
  const total = bins.reduce((n, b) => n + b.contacts, 0);
  let seen = 0;
  let limit = bins.at(-1)?.value ?? 0;
  for (const bin of bins) {
    seen += bin.contacts;
    if (seen >= total * ZOOM_SHARE) {
      limit = bin.value;
      break;
    }
  }
  const threshold = count.op === 'between' ? count.value[1] : count.value;
  return Math.max(limit, threshold);
}

/** Ticks of a log (symlog) contact axis: 0 and the powers of ten up to the tallest bar. */
export function logTicks(bins: readonly { contacts: number }[]): number[] {
  const max = Math.max(1, ...bins.map((b) => b.contacts));
  const ticks = [0];
  for (let t = 1; t <= max; t *= 10) ticks.push(t);
  return ticks;
}
