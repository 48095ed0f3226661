/**
 * The members tab: a page of the previewed segment's contacts with the chosen columns, sorted
 * by any of them, and the whole list exported as CSV or Parquet.
 */
import { untrack } from 'svelte';
import { contactEntity, type Catalog } from '../../engine/catalog';
import type { Row } from '../../data/connector';
import type { LoadedData } from '../preview/preview-state.svelte';
import { membersCsv, membersParquet, type ExportColumn } from './results-export';
import { memberRowsSql, PAGE_SIZE, type MemberSort } from './results-queries';

/** Columns shown first when the data has them (Dynamics contact names). */
const PREFERRED = ['fullname', 'firstname', 'lastname', 'emailaddress1', 'address1_city', 'jobtitle'];
const DEFAULT_COUNT = 5;

export function defaultColumns(catalog: Catalog): string[] {
  const contact = contactEntity(catalog);
  const fields = Object.keys(contact.fields).filter((f) => f !== contact.key);
  const preferred = PREFERRED.filter((f) => fields.includes(f));
  const rest = fields.filter((f) => !preferred.includes(f));
  return [contact.key, ...[...preferred, ...rest].slice(0, DEFAULT_COUNT)];
}

export interface ExportedFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array | string;
}

/** The result the members are read from: the preview's table, and which segment it is of. */
export interface MembersSource {
  readonly table: string | undefined;
  readonly forId: string | undefined;
}

const NO_SOURCE: MembersSource = { table: undefined, forId: undefined };

export class MembersState {
  /** Chosen contact columns; the key is always first. */
  columns: readonly string[] = $state.raw([]);
  sort: MemberSort | undefined = $state.raw();
  rows: readonly Row[] = $state.raw([]);
  loading = $state(false);
  error: string | undefined = $state();
  /** The page chosen, and for which segment: another segment starts on its first page. */
  private chosenPage: { readonly forId: string | undefined; readonly page: number } = $state.raw({ forId: undefined, page: 0 });
  private generation = 0;

  constructor(
    private readonly data: LoadedData,
    private readonly source: MembersSource = NO_SOURCE,
  ) {}

  get page(): number {
    return this.chosenPage.forId === this.source.forId ? this.chosenPage.page : 0;
  }

  set page(page: number) {
    this.chosenPage = { forId: this.source.forId, page };
  }

  /** What the table shows, derived from the source and the choices; `watch` reads it whenever it changes. */
  private readonly wanted = $derived.by(() => ({
    table: this.source.table,
    columns: this.shownColumns(),
    sort: this.sort,
    page: this.page,
  }));

  /** Reads the rows of every page wanted; the one effect, because reading them is work in DuckDB. */
  watch(): void {
    $effect(() => {
      const wanted = this.wanted;
      untrack(() => void this.load(wanted.table));
    });
  }

  /** Every contact column, key first. */
  available(): string[] {
    const catalog = this.data.catalog;
    if (!catalog) return [];
    const contact = contactEntity(catalog);
    return [contact.key, ...Object.keys(contact.fields).filter((f) => f !== contact.key)];
  }

  /** The chosen columns that exist in the loaded data (defaults when none does). */
  shownColumns(): string[] {
    const catalog = this.data.catalog;
    if (!catalog) return [];
    const available = this.available();
    const chosen = this.columns.filter((c) => available.includes(c));
    if (chosen.length === 0) return defaultColumns(catalog);
    const key = contactEntity(catalog).key;
    return chosen.includes(key) ? [key, ...chosen.filter((c) => c !== key)] : [key, ...chosen];
  }

  toggleColumn(column: string): void {
    const shown = this.shownColumns();
    this.columns = shown.includes(column) ? shown.filter((c) => c !== column) : [...shown, column];
  }

  sortBy(column: string): void {
    this.sort = this.sort?.column === column ? { column, descending: !this.sort.descending } : { column, descending: false };
    this.page = 0;
  }

  goTo(page: number, total: number): void {
    this.page = Math.max(0, Math.min(page, Math.ceil(total / PAGE_SIZE) - 1));
  }

  /** Reads the current page of `table`; a newer call makes an older one's rows be ignored. */
  async load(table: string | undefined): Promise<void> {
    const generation = ++this.generation;
    const { connector, catalog } = this.data;
    if (!table || !connector || !catalog) {
      this.rows = [];
      return;
    }
    this.loading = true;
    try {
      const sort = this.sort && this.available().includes(this.sort.column) ? this.sort : undefined;
      const rows = await connector.query(memberRowsSql(catalog, table, this.shownColumns(), sort, this.page));
      if (generation !== this.generation) return;
      this.rows = rows;
      this.error = undefined;
    } catch (error) {
      if (generation === this.generation) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private exportColumns(catalog: Catalog): ExportColumn[] {
    const fields = contactEntity(catalog).fields;
    return this.shownColumns().map((name) => ({ name, type: fields[name] }));
  }

  /** Every member with the chosen columns, in the table's order. */
  async export(table: string, format: 'csv' | 'parquet', baseName: string): Promise<ExportedFile> {
    const { connector, catalog } = this.data;
    if (!connector || !catalog) throw new Error('No data is loaded.');
    const rows = await connector.query(memberRowsSql(catalog, table, this.shownColumns(), this.sort));
    const columns = this.exportColumns(catalog);
    if (format === 'csv') return { name: `${baseName}.csv`, type: 'text/csv;charset=utf-8', bytes: membersCsv(columns, rows) };
    return { name: `${baseName}.parquet`, type: 'application/vnd.apache.parquet', bytes: new Uint8Array(membersParquet(columns, rows)) };
  }
}
