/**
 * How each field type is stored on ClickHouse (docs/CLICKHOUSE.md), both ways: a loaded DuckDB
 * column becomes a ClickHouse column, and a server table's column becomes a field type and the
 * expression that brings it to the same storage.
 */
import type { FieldType } from '../../engine/catalog';
import type { ColumnType, Expr } from '../../engine/sql/ast';
import * as q from '../../engine/sql/build';
import { loweredColumn } from '../../engine/sql/clickhouse-lowered';
import { fieldTypeOf } from '../load-data';

export interface StoredColumn {
  readonly name: string;
  /** The ClickHouse column type. */
  readonly type: ColumnType;
  /** The DuckDB expression reading the column in the form the rows are sent in. */
  readonly read: Expr;
}

const STRING = q.columnType('VARCHAR');
const NULLABLE_STRING = q.nullable(STRING);
const TEXT_LIST = q.listOf(NULLABLE_STRING);
const nullable = (name: Parameters<typeof q.columnType>[0]) => q.nullable(q.columnType(name));

/**
 * A column of a table the loader built in DuckDB as it is sent to ClickHouse (`key` is never
 * null), and, for text and text lists, its copy lowercased by DuckDB's own lower().
 */
export function storedColumns(name: string, duckType: string, key: boolean): StoredColumn[] {
  const column = storedColumn(name, duckType, key);
  const lowered = loweredColumn(name);
  if (column.type === STRING || column.type === NULLABLE_STRING)
    return [column, { name: lowered, type: NULLABLE_STRING, read: q.lower(column.read) }];
  if (column.type === TEXT_LIST)
    return [column, { name: lowered, type: TEXT_LIST, read: q.listTransform(column.read, q.lower(q.ELEMENT)) }];
  return [column];
}

function storedColumn(name: string, duckType: string, key: boolean): StoredColumn {
  const c = q.col(undefined, name);
  if (key) return { name, type: STRING, read: q.cast(c, 'VARCHAR') };
  switch (fieldTypeOf(duckType)) {
    case 'text':
      return { name, type: NULLABLE_STRING, read: q.cast(c, 'VARCHAR') };
    case 'boolean':
      return { name, type: nullable('UTINYINT'), read: q.cast(c, 'TINYINT') };
    case 'number':
      // Every number is a Float64, so that Int64 means a timestamp and Int32 a date in results.
      return { name, type: nullable('DOUBLE'), read: q.cast(c, 'DOUBLE') };
    case 'date':
      return { name, type: nullable('INTEGER'), read: q.cast(q.call('datediff', q.text('day'), q.date('1970-01-01'), c), 'INTEGER') };
    case 'timestamp':
      return { name, type: nullable('BIGINT'), read: q.call('epoch_us', c) };
    case 'textList':
      // A null list is stored as [NULL]; null elements are dropped here (SPEC §3 ignores them).
      return {
        name,
        type: TEXT_LIST,
        read: q.caseWhen([[q.isNull(c), q.list([q.cast(q.NULL, 'VARCHAR')])]], q.listFilter(c, q.isNull(q.ELEMENT, true))),
      };
    case 'other':
      // Only isNull and isNotNull apply: the stored value says whether there is one.
      return { name, type: nullable('TINYINT'), read: q.caseWhen([[q.isNull(c), q.NULL]], q.num(1)) };
  }
}

/** A server column's type without Nullable(…) and LowCardinality(…). */
function bareType(type: string): string {
  const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return m ? bareType(m[1]!) : type;
}

const MICROSECONDS_A_DAY = 86_400_000_000;
const MICROSECONDS_A_SECOND = 1_000_000;

/**
 * A column of an existing server table (`c`) with its server type (as system.columns spells it,
 * only read here, never printed): its field type and the ClickHouse expression that brings it
 * to engine storage. `instant`: an interaction's timestamp, which a DATE column gives as the
 * start of its day.
 */
export function serverColumn(c: Expr, serverType: string, text: boolean, instant = false): { field: FieldType; expr: Expr } {
  const t = bareType(serverType);
  if (instant && (t === 'Date' || t === 'Date32'))
    return { field: 'timestamp', expr: q.arithmetic('*', q.chCall('toInt64', q.chCall('toInt32', c)), q.num(MICROSECONDS_A_DAY)) };
  if (text) return { field: 'text', expr: q.chCall('toString', c) };
  if (t === 'String' || t.startsWith('FixedString') || t.startsWith('Enum')) return { field: 'text', expr: q.chCall('toString', c) };
  if (t === 'Bool') return { field: 'boolean', expr: q.chCall('toUInt8', c) };
  if (/^(U?Int\d+|Float32|Float64|Decimal)/.test(t)) return { field: 'number', expr: q.chCall('toFloat64', c) };
  if (t === 'Date' || t === 'Date32') return { field: 'date', expr: q.chCall('toInt32', c) };
  if (t === 'DateTime' || t.startsWith('DateTime('))
    return { field: 'timestamp', expr: q.arithmetic('*', q.chCall('toInt64', c), q.num(MICROSECONDS_A_SECOND)) };
  if (t.startsWith('DateTime64')) return { field: 'timestamp', expr: q.chCall('toUnixTimestamp64Micro', c) };
  if (/^Array\((Nullable\()?(LowCardinality\()?String\)*$/.test(t))
    return { field: 'textList', expr: q.listFilter(c, q.chCall('isNotNull', q.ELEMENT)) };
  const present = q.chCall('toNullable', q.chCall('toInt8', q.num(1)));
  return { field: 'other', expr: q.chCall('if', q.chCall('isNull', c), q.cast(q.NULL, 'TINYINT'), present) };
}
