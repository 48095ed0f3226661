/**
 * Member counts of funnel figures, kept by their printed SQL (which holds the definition part
 * and the instant) until the data or the instant changes: an edit to one condition of a funnel
 * counts only the prefixes it changed. The figures not kept are counted together, in one query.
 */
import { countColumn } from '../../engine/stats/funnel-queries';
import type { Query } from '../../engine/sql/ast';
import { printQuery } from '../../engine/sql/print-duckdb';
import type { Row } from '../../data/connector';

/** A few segments' worth of counts. */
const KEPT_COUNTS = 400;

export class CountCache {
  private epoch: string | undefined;
  private readonly counts = new Map<string, Promise<number>>();

  /**
   * The counts of `figures` (each the members query of a figure): those kept are read here, the
   * others counted by `together(missing)`, one query with column `countColumn(i)` for `missing[i]`.
   */
  countAll<F extends { readonly members: Query }>(
    run: (sql: string) => Promise<Row[]>,
    epoch: string,
    figures: readonly F[],
    together: (missing: readonly F[]) => Query,
  ): Promise<number>[] {
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.counts.clear();
    }
    const keys = figures.map((figure) => printQuery(figure.members));
    const found = new Map<string, Promise<number>>();
    const missing = new Map<string, F>();
    for (const [i, key] of keys.entries()) {
      const kept = this.counts.get(key);
      if (kept) found.set(key, kept);
      else if (!missing.has(key)) missing.set(key, figures[i]!);
    }
    if (missing.size > 0) {
      const row = run(printQuery(together([...missing.values()]))).then((rows) => rows[0] ?? {});
      for (const [j, key] of [...missing.keys()].entries()) {
        const counted = row.then((r) => Number(r[countColumn(j)] ?? 0));
        counted.catch(() => {
          if (this.counts.get(key) === counted) this.counts.delete(key);
        });
        found.set(key, counted);
        this.keep(key, counted);
      }
    }
    return keys.map((key) => found.get(key)!);
  }

  private keep(key: string, count: Promise<number>): void {
    if (this.counts.size >= KEPT_COUNTS) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, count);
  }
}
