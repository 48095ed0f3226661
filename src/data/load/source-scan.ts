/**
 * Everything the loader asks of one built interaction source, in one scan: rows per type, the
 * first row with no timestamp or of the wrong type (`interactionRows`' rules), and, per contact
 * link, the rows with no link and those whose link is no contact. Separate passes read the
 * table once per question (BENCHMARKS.md); the answers and their wording are the same.
 */
import type { EntityInfo } from '../../engine/catalog';
import type { Expr, From, SelectColumn } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import type { Check } from './check';
import type { InteractionRowFinding, InteractionRowRules } from './load-checks';
import type { OrphanCount } from './orphan-warnings';

export interface SourceScan extends InteractionRowFinding {
  /** Rows per type. */
  readonly counts: Map<string, number>;
  /** Per link, in the order asked, the orphans per type. */
  readonly orphans: readonly OrphanCount[][];
}

const SOURCE = 'i';
const contactAlias = (link: number) => `c${link}`;

export function scanSource(rules: InteractionRowRules, links: readonly string[], contact: EntityInfo): Check<SourceScan> {
  const field = (name: string): Expr => q.col(SOURCE, name);
  const rowid = q.col(SOURCE, 'rowid');
  const type = field(rules.typeField);
  const wrongType = !rules.typeColumn
    ? q.FALSE
    : rules.type === undefined
      ? q.isNull(type)
      : q.compare('IS DISTINCT FROM', type, q.text(rules.type));
  const columns: SelectColumn[] = [
    q.as(type, 't'),
    q.as(q.agg('count'), 'n'),
    q.as(q.aggWhere('min', rowid, q.isNull(field(rules.timestampField))), 'missing'),
    q.as(q.aggWhere('min', rowid, wrongType), 'wrong'),
  ];
  // Contact keys are unique (checked before any interaction is loaded), so each join keeps the row count.
  let from: From = q.table(rules.table, SOURCE);
  for (const [n, link] of links.entries()) {
    const linked = field(link);
    const contactKey = q.col(contactAlias(n), contact.key);
    from = q.leftJoin(from, q.table(contact.table, contactAlias(n)), q.compare('=', contactKey, linked));
    columns.push(
      q.as(q.aggWhere('count', undefined, q.isNull(linked)), `empty${n}`),
      q.as(q.aggWhere('count', undefined, q.and(q.isNull(linked, true), q.isNull(contactKey))), `dangling${n}`),
    );
  }
  return {
    query: q.select(columns, { from, groupBy: [type] }),
    read: (rows) => {
      const first = (name: string): number | undefined => {
        const found = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
        return found.length === 0 ? undefined : Math.min(...found.map(Number));
      };
      const missing = first('missing');
      const wrong = rules.typeColumn ? first('wrong') : undefined;
      return {
        ...(missing === undefined ? {} : { missing }),
        ...(wrong === undefined ? {} : { wrong }),
        counts: new Map(rows.map((r) => [String(r.t), Number(r.n)])),
        orphans: links.map((_, n) =>
          rows.map((r) => ({ type: String(r.t), empty: Number(r[`empty${n}`] ?? 0), dangling: Number(r[`dangling${n}`] ?? 0) })),
        ),
      };
    },
  };
}
