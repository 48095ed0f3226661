/**
 * The rows of one interaction type while they are generated: growable typed arrays of a
 * timestamp, a contact (index, -1 for none) and up to four type-specific fields (indices into
 * a value list, or plain integers). Turned into columns sorted by day, so DuckDB can skip old
 * data; the buffer is emptied as it is turned, so memory is not held twice.
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
  private timestamps: Float64Array;
  private contacts: Int32Array;
  private values: Int32Array[];

  constructor(
    readonly type: string,
    readonly fields: readonly FieldDef[],
    /** Rows expected, so millions of rows are not copied again and again while growing. */
    expected = 1024,
  ) {
    const capacity = Math.max(1024, Math.ceil(expected));
    this.timestamps = new Float64Array(capacity);
    this.contacts = new Int32Array(capacity);
    this.values = fields.map(() => new Int32Array(capacity));
  }

  push(timestamp: number, contact: number, a = 0, b = 0, c = 0, d = 0): void {
    if (this.length === this.timestamps.length) this.grow();
    const i = this.length++;
    this.timestamps[i] = timestamp;
    this.contacts[i] = contact;
    const values = this.values;
    if (values.length > 0) values[0]![i] = a;
    if (values.length > 1) values[1]![i] = b;
    if (values.length > 2) values[2]![i] = c;
    if (values.length > 3) values[3]![i] = d;
  }

  private grow(): void {
    const size = Math.ceil(this.timestamps.length * 1.5);
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
    const days = new Int32Array(this.length);
    let maxDay = 0;
    for (let i = 0; i < this.length; i++) {
      const day = Math.max(0, Math.floor((this.timestamps[i]! - origin) / DAY));
      days[i] = day;
      if (day > maxDay) maxDay = day;
    }
    const starts = new Uint32Array(maxDay + 2);
    for (let i = 0; i < this.length; i++) starts[days[i]! + 1]!++;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
    const order = new Uint32Array(this.length);
    for (let i = 0; i < this.length; i++) order[starts[days[i]!]!++] = i;
    return order;
  }

  /** The rows as columns, sorted by day; the buffer is empty afterwards. */
  takeColumns(contactIds: DictionaryColumn['values'], origin: number): Columns {
    const order = this.dayOrder(origin);
    const n = this.length;
    // One loop per array type: a loop shared by both is slow in V8 (it sees two element kinds).
    const permuted = (source: Int32Array): Int32Array => {
      const target = new Int32Array(n);
      for (let i = 0; i < n; i++) target[i] = source[order[i]!]!;
      return target;
    };
    const timestamps = new Float64Array(n);
    for (let i = 0; i < n; i++) timestamps[i] = this.timestamps[order[i]!]!;
    const columns: Record<string, Column> = {
      Timestamp: { kind: 'timestamp', values: timestamps },
      ContactId: { kind: 'dictionary', indices: permuted(this.contacts), values: contactIds },
      InteractionType: { kind: 'dictionary', indices: new Int32Array(n), values: textValues([this.type]) },
    };
    this.fields.forEach((field, f) => {
      const values = permuted(this.values[f]!);
      columns[field.name] =
        field.kind === 'dictionary' ? { kind: 'dictionary', indices: values, values: field.values } : { kind: 'int', values };
    });
    this.length = 0;
    this.timestamps = new Float64Array(0);
    this.contacts = new Int32Array(0);
    this.values = this.values.map(() => new Int32Array(0));
    return columns;
  }
}
