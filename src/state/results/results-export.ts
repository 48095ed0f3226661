/** Member rows as files: CSV (safe to open in a spreadsheet) and Parquet. */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { FieldType } from '../../engine/catalog';
import { toCsv } from '../../engine/export/csv';
import type { Row } from '../../data/connector';
import { cellValue } from './results-format';

export interface ExportColumn {
  readonly name: string;
  readonly type: FieldType | undefined;
}

export function membersCsv(columns: readonly ExportColumn[], rows: readonly Row[]): string {
  return toCsv(
    columns.map((c) => c.name),
    rows.map((row) => columns.map((c) => cellValue(row[c.name], c.type))),
  );
}

type BasicType = 'STRING' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP' | 'JSON';

function parquetColumn(column: ExportColumn, rows: readonly Row[]): { name: string; data: unknown[]; type: BasicType } {
  const raw = rows.map((row) => row[column.name] ?? null);
  switch (column.type) {
    case 'number':
      return { name: column.name, data: raw.map((v) => (v === null ? null : Number(v))), type: 'DOUBLE' };
    case 'boolean':
      return { name: column.name, data: raw, type: 'BOOLEAN' };
    case 'timestamp':
      return { name: column.name, data: raw.map((v) => (typeof v === 'number' ? new Date(v) : null)), type: 'TIMESTAMP' };
    case 'textList':
      return { name: column.name, data: raw.map((v) => (Array.isArray(v) ? v.filter((x) => x !== null) : null)), type: 'JSON' };
    default:
      return {
        name: column.name,
        data: raw.map((v) => cellValue(v, column.type)).map((v) => (v === null ? null : String(v))),
        type: 'STRING',
      };
  }
}

export function membersParquet(columns: readonly ExportColumn[], rows: readonly Row[]): ArrayBuffer {
  return parquetWriteBuffer({ columnData: columns.map((c) => ({ ...parquetColumn(c, rows), nullable: true })) as never });
}
