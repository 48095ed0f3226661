/** When sample interactions happen: two years up to `now`, busier on weekdays, in office hours, in spring and autumn, and growing. */
import { Random, WeightedIndex } from './random';
import { MONTH_SEASONALITY } from './vocabulary';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const SPAN_DAYS = 730;

/** Relative activity per UTC hour: quiet nights, peaks mid-morning and mid-afternoon. */
const HOUR_WEIGHTS = [1, 0.6, 0.4, 0.4, 0.5, 0.8, 1.5, 3, 5, 7, 7.5, 6.5, 5, 6, 6.5, 6, 5, 4, 3, 2.5, 2.2, 2, 1.6, 1.2];

export class Calendar {
  /** Midnight UTC of the first day of the span. */
  readonly start: number;
  private readonly days: WeightedIndex;
  private readonly hours = new WeightedIndex(HOUR_WEIGHTS);

  constructor(readonly now: number) {
    const lastDay = Math.floor(now / DAY) * DAY;
    this.start = lastDay - (SPAN_DAYS - 1) * DAY;
    const weights = new Float64Array(SPAN_DAYS);
    for (let d = 0; d < SPAN_DAYS; d++) {
      const date = new Date(this.start + d * DAY);
      const weekday = date.getUTCDay();
      const weekend = weekday === 0 || weekday === 6 ? 0.4 : 1;
      const growth = 0.7 + (0.6 * d) / SPAN_DAYS;
      weights[d] = MONTH_SEASONALITY[date.getUTCMonth()]! * weekend * growth;
    }
    this.days = new WeightedIndex(weights);
  }

  /** A moment in the span, following the seasonality; never after `now`. */
  moment(random: Random): number {
    for (;;) {
      const t = this.start + this.days.draw(random) * DAY + this.hours.draw(random) * HOUR + random.int(HOUR);
      if (t <= this.now) return t;
    }
  }

  /** A moment in a given day, in office hours mostly. */
  timeOfDay(day: number, random: Random): number {
    return Math.floor(day / DAY) * DAY + this.hours.draw(random) * HOUR + random.int(HOUR);
  }
}

export function daysSinceEpoch(ms: number): number {
  return Math.floor(ms / DAY);
}
