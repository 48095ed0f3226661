/**
 * How each field type is stored on ClickHouse (docs/CLICKHOUSE.md), both ways: a loaded DuckDB
 * column becomes a ClickHouse column, and a server table's column becomes a field type and the
 * expression that brings it to the same storage.
 */
import type { FieldType } from '../../engine/catalog';
import { loweredColumn } from '../../engine/sql/clickhouse-lowered';
import { quoteIdentifier as duckId } from '../../engine/sql/quote';
import { fieldTypeOf } from '../load-data';

export interface StoredColumn {
  readonly name: string;
  /** The ClickHouse column type. */
  readonly type: string;
  /** DuckDB SQL reading the column in the form the rows are sent in. */
  readonly read: string;
}

/**
 * A column of a table the loader built in DuckDB as it is sent to ClickHouse (`key` is never
 * null), and, for text and text lists, its copy lowercased by DuckDB's own lower().
 */
export function storedColumns(name: string, duckType: string, key: boolean): StoredColumn[] {
  const column = storedColumn(name, duckType, key);
  const lowered = { name: loweredColumn(name), type: column.type.replace(/^String$/, 'Nullable(String)') };
  if (column.type.endsWith('(String)') || column.type === 'String') return [column, { ...lowered, read: `lower(${column.read})` }];
  if (column.type === 'Array(Nullable(String))') return [column, { ...lowered, read: `list_transform(${column.read}, e -> lower(e))` }];
  return [column];
}

function storedColumn(name: string, duckType: string, key: boolean): StoredColumn {
  const c = duckId(name);
  if (key) return { name, type: 'String', read: `CAST(${c} AS VARCHAR)` };
  switch (fieldTypeOf(duckType)) {
    case 'text':
      return { name, type: 'Nullable(String)', read: `CAST(${c} AS VARCHAR)` };
    case 'boolean':
      return { name, type: 'Nullable(UInt8)', read: `CAST(${c} AS TINYINT)` };
    case 'number':
      // Every number is a Float64, so that Int64 means a timestamp and Int32 a date in results.
      return { name, type: 'Nullable(Float64)', read: `CAST(${c} AS DOUBLE)` };
    case 'date':
      return { name, type: 'Nullable(Int32)', read: `CAST(datediff('day', DATE '1970-01-01', ${c}) AS INTEGER)` };
    case 'timestamp':
      return { name, type: 'Nullable(Int64)', read: `epoch_us(${c})` };
    case 'textList':
      // A null list is stored as [NULL]; null elements are dropped here (SPEC §3 ignores them).
      return {
        name,
        type: 'Array(Nullable(String))',
        read: `CASE WHEN ${c} IS NULL THEN [NULL::VARCHAR] ELSE list_filter(${c}, e -> e IS NOT NULL) END`,
      };
    case 'other':
      // Only isNull and isNotNull apply: the stored value says whether there is one.
      return { name, type: 'Nullable(Int8)', read: `CASE WHEN ${c} IS NULL THEN NULL ELSE 1 END` };
  }
}

/** A server column's type without Nullable(…) and LowCardinality(…). */
function bareType(type: string): string {
  const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return m ? bareType(m[1]!) : type;
}

/**
 * A column of an existing server table (`c`, as SQL) with its server type: its field type and the
 * ClickHouse expression that brings it to engine storage. `instant`: an interaction's timestamp,
 * which a DATE column gives as the start of its day.
 */
export function serverColumn(c: string, serverType: string, text: boolean, instant = false): { field: FieldType; expr: string } {
  const t = bareType(serverType);
  if (instant && (t === 'Date' || t === 'Date32')) return { field: 'timestamp', expr: `toInt64(toInt32(${c})) * 86400000000` };
  if (text) return { field: 'text', expr: `toString(${c})` };
  if (t === 'String' || t.startsWith('FixedString') || t.startsWith('Enum')) return { field: 'text', expr: `toString(${c})` };
  if (t === 'Bool') return { field: 'boolean', expr: `toUInt8(${c})` };
  if (/^(U?Int\d+|Float32|Float64|Decimal)/.test(t)) return { field: 'number', expr: `toFloat64(${c})` };
  if (t === 'Date' || t === 'Date32') return { field: 'date', expr: `toInt32(${c})` };
  if (t === 'DateTime' || t.startsWith('DateTime(')) return { field: 'timestamp', expr: `toInt64(${c}) * 1000000` };
  if (t.startsWith('DateTime64')) return { field: 'timestamp', expr: `toUnixTimestamp64Micro(${c})` };
  if (/^Array\((Nullable\()?(LowCardinality\()?String\)*$/.test(t))
    return { field: 'textList', expr: `arrayFilter(element -> isNotNull(element), ${c})` };
  return { field: 'other', expr: `if(isNull(${c}), CAST(NULL AS Nullable(Int8)), toNullable(toInt8(1)))` };
}
