/**
 * Row counts of queries, kept by their printed SQL (which holds the definition part and the
 * instant) until the data or the instant changes: an edit to one condition of a funnel counts
 * only the prefixes it changed.
 */
import { countOfQuery } from '../../engine/describe/funnel-queries';
import type { Query } from '../../engine/sql/ast';
import { printQuery } from '../../engine/sql/print-duckdb';
import type { Row } from '../../data/connector';

/** A few segments' worth of counts. */
const KEPT_COUNTS = 400;

export class CountCache {
  private epoch: string | undefined;
  private readonly counts = new Map<string, Promise<number>>();

  count(run: (sql: string) => Promise<Row[]>, epoch: string, query: Query): Promise<number> {
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.counts.clear();
    }
    const sql = printQuery(countOfQuery(query));
    let kept = this.counts.get(sql);
    if (!kept) {
      kept = run(sql).then((rows) => Number(rows[0]?.n ?? 0));
      kept.catch(() => this.counts.delete(sql));
      if (this.counts.size >= KEPT_COUNTS) this.counts.delete(this.counts.keys().next().value!);
      this.counts.set(sql, kept);
    }
    return kept;
  }
}
