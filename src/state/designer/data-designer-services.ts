/** The designer's questions about the loaded data, answered by DuckDB through the engine's SQL builders. */
import type { Connector, Row } from '../../data/connector';
import type { Catalog } from '../../engine/catalog';
import { contactSearchQuery, knownContactsQuery, matchingContactsQuery } from '../../engine/stats/contact-queries';
import { compileCountedField, compileInteractionValues } from '../../engine/compile/compile-segment';
import { histogramOfTable, histogramQuery } from '../../engine/stats/histogram-query';
import { valueStatsQuery } from '../../engine/stats/value-stats-query';
import { Segment, type Condition, type InteractionQuery } from '../../engine/library-schema';
import { LibraryError } from '../../engine/problems';
import type { Query } from '../../engine/sql/ast';
import { printQuery } from '../../engine/sql/print-duckdb';
import { validateSegment } from '../../engine/validate-library';
import type { DataState } from '../data/data-state.svelte';
import { connectorRunner } from '../../data/engines/engine';
import { epochOf, type SegmentEvaluator } from '../../data/segment-evaluator';
import type { ContactMatch, CountedInteractions, DesignerServices, FieldSource, HistogramBin, ValueCount } from './designer-services';

/** Large pasted lists are checked in slices so no single statement grows without bound. */
const ID_BATCH = 2000;

/** The rows a restriction's suggestions count; the whole table while the rest of the query is half-written. */
function countedRows(catalog: Catalog, field: string, within: CountedInteractions | undefined): Query | undefined {
  if (!within) return undefined;
  try {
    return compileCountedField(within.query, field, { catalog, timeZone: within.timeZone, now: within.now });
  } catch {
    return undefined;
  }
}

export class DataDesignerServices implements DesignerServices {
  /** With `evaluator`, a histogram reads the per-contact values the preview keeps for the same query. */
  constructor(
    private readonly data: Pick<DataState, 'connector' | 'catalog' | 'version'>,
    private readonly evaluator?: SegmentEvaluator,
  ) {}

  private ready(): { connector: Connector; catalog: Catalog } {
    const { connector, catalog } = this.data;
    if (!connector || !catalog) throw new Error('Load data first: the designer reads values from the loaded data.');
    return { connector, catalog };
  }

  private async run(build: (catalog: Catalog) => Query): Promise<Row[]> {
    const { connector, catalog } = this.ready();
    return connector.query(printQuery(build(catalog)));
  }

  async distinctValues(source: FieldSource, field: string, search = '', within?: CountedInteractions): Promise<ValueCount[]> {
    const rows = await this.run((catalog) =>
      valueStatsQuery(catalog, source, field, search, undefined, countedRows(catalog, field, within)),
    );
    return rows.map((row) => {
      const value = row.value as string | number | boolean;
      const count = Number(row.count);
      return row.label === null || row.label === undefined ? { value, count } : { value, label: String(row.label), count };
    });
  }

  async interactionHistogram(query: InteractionQuery, timeZone: string, now: number): Promise<HistogramBin[]> {
    const rows = await this.histogramRows(query, timeZone, now);
    return rows.map((row) => ({ value: Number(row.value), contacts: Number(row.contacts) }));
  }

  private async histogramRows(query: InteractionQuery, timeZone: string, now: number): Promise<Row[]> {
    if (!this.evaluator) return this.run((catalog) => histogramQuery(query, catalog, timeZone, now));
    const { connector, catalog } = this.ready();
    const ctx = { runner: connectorRunner(connector), epoch: epochOf(this.data, now) };
    const values = await this.evaluator.part(ctx, compileInteractionValues(query, { catalog, timeZone, now }));
    return connector.query(printQuery(histogramOfTable(values)));
  }

  async searchContacts(search: string): Promise<ContactMatch[]> {
    if (!search.trim()) return [];
    const rows = await this.run((catalog) => contactSearchQuery(catalog, search.trim()));
    return rows.map((row) =>
      row.label === null || row.label === undefined ? { id: String(row.id) } : { id: String(row.id), label: String(row.label) },
    );
  }

  async unknownContacts(ids: readonly string[]): Promise<string[]> {
    const known = new Set<string>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += ID_BATCH) {
      const rows = await this.run((catalog) => knownContactsQuery(catalog, unique.slice(start, start + ID_BATCH)));
      for (const row of rows) known.add(String(row.id));
    }
    return unique.filter((id) => !known.has(id));
  }

  async contactsMatching(condition: Condition, timeZone: string, now: number): Promise<string[]> {
    const { catalog } = this.ready();
    const parsed = Segment.safeParse({ name: 'ByQuery', kind: 'profile', timeZone, query: { groups: [{ where: condition }] } });
    if (!parsed.success) throw new Error(`The query is not complete: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const problems = validateSegment(parsed.data, { version: 1, segments: [parsed.data] }, catalog);
    if (problems.length) throw new LibraryError(problems);
    const rows = await this.run(() => matchingContactsQuery(catalog, condition, timeZone, now));
    return rows.map((row) => String(row.id)).sort();
  }
}
