/** Values of contact columns as the members table and the exports show them. */
import type { FieldType } from '../../engine/catalog';

export type CellValue = string | number | boolean | null;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A value from the connector (dates and timestamps arrive as epoch ms) as plain text-friendly data. */
export function cellValue(value: unknown, type: FieldType | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if ((type === 'timestamp' || type === 'date') && typeof value === 'number') {
    return type === 'date' ? iso(value).slice(0, 10) : iso(value).replace('.000Z', 'Z');
  }
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).join('; ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

export function cellText(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(value);
}
