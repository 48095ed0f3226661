/**
 * The rows of one interaction type while they are generated: growable typed arrays of a
 * timestamp, a contact (index, -1 for none) and type-specific fields (indices into a value
 * list, or plain integers). Turned into columns sorted by day, so DuckDB can skip old data.
 */
import { DAY } from './calendar';
import { textValues, type Column, type Columns, type DictionaryColumn } from './arrow-columns';

export type FieldDef =
  | { readonly name: string; readonly kind: 'dictionary'; readonly values: DictionaryColumn['values'] }
  | { readonly name: string; readonly kind: 'int' };

export function dictionaryField(name: string, values: readonly string[] | DictionaryColumn['values']): FieldDef {
  return { name, kind: 'dictionary', values: Array.isArray(values) ? textValues(values) : (values as DictionaryColumn['values']) };
}

export class InteractionBuffer {
  length = 0;
  private timestamps = new Float64Array(1024);
  private contacts = new Int32Array(1024);
  private values: Int32Array[];

  constructor(
    readonly type: string,
    readonly fields: readonly FieldDef[],
  ) {
    this.values = fields.map(() => new Int32Array(1024));
  }

  push(timestamp: number, contact: number, values: readonly number[]): void {
    if (this.length === this.timestamps.length) this.grow();
    const i = this.length++;
    this.timestamps[i] = timestamp;
    this.contacts[i] = contact;
    for (let f = 0; f < this.values.length; f++) this.values[f]![i] = values[f]!;
  }

  private grow(): void {
    const size = this.timestamps.length * 2;
    const grown = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.timestamps = grown(this.timestamps, (n) => new Float64Array(n));
    this.contacts = grown(this.contacts, (n) => new Int32Array(n));
    this.values = this.values.map((v) => grown(v, (n) => new Int32Array(n)));
  }

  /** Row order by day (a counting sort: linear even for millions of rows). */
  private dayOrder(origin: number): Uint32Array {
    const day = (i: number) => Math.max(0, Math.floor((this.timestamps[i]! - origin) / DAY));
    let maxDay = 0;
    for (let i = 0; i < this.length; i++) maxDay = Math.max(maxDay, day(i));
    const starts = new Uint32Array(maxDay + 2);
    for (let i = 0; i < this.length; i++) starts[day(i) + 1]!++;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
    const order = new Uint32Array(this.length);
    for (let i = 0; i < this.length; i++) order[starts[day(i)]!++] = i;
    return order;
  }

  toColumns(contactIds: DictionaryColumn['values'], origin: number): Columns {
    const order = this.dayOrder(origin);
    const n = this.length;
    const timestamps = new Float64Array(n);
    const contacts = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      timestamps[i] = this.timestamps[order[i]!]!;
      contacts[i] = this.contacts[order[i]!]!;
    }
    const columns: Record<string, Column> = {
      Timestamp: { kind: 'timestamp', values: timestamps },
      ContactId: { kind: 'dictionary', indices: contacts, values: contactIds },
    };
    this.fields.forEach((field, f) => {
      const source = this.values[f]!;
      const values = new Int32Array(n);
      for (let i = 0; i < n; i++) values[i] = source[order[i]!]!;
      columns[field.name] =
        field.kind === 'dictionary' ? { kind: 'dictionary', indices: values, values: field.values } : { kind: 'int', values };
    });
    return columns;
  }
}
