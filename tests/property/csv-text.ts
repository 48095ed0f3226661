/**
 * Writes rows as CSV the way SPEC §2 reads it: RFC 4180 quoting, an empty unquoted field for
 * null. Timestamps are written in varied ISO 8601 forms (Z, ±hh:mm, ±hhmm, ±hh, no zone
 * meaning UTC, a space instead of T) chosen from the row, so a replay writes the same bytes.
 */
import type { RefRow, RefValue } from '../reference/ref-data';

export type CsvKind = 'text' | 'number' | 'date' | 'timestamp';

const OFFSETS: readonly { minutes: number; write: (sign: string, hh: string, mm: string) => string }[] = [
  { minutes: 0, write: () => 'Z' },
  { minutes: 330, write: (s, hh, mm) => `${s}${hh}:${mm}` },
  { minutes: -480, write: (s, hh, mm) => `${s}${hh}${mm}` },
  { minutes: 60, write: (s, hh) => `${s}${hh}` },
  { minutes: 0, write: () => '' },
  { minutes: -210, write: (s, hh, mm) => `${s}${hh}:${mm}` },
];

function timestampText(instant: number, style: number): string {
  const { minutes, write } = OFFSETS[style % OFFSETS.length]!;
  const local = new Date(instant + minutes * 60_000).toISOString();
  const clock = instant % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
  const abs = Math.abs(minutes);
  const suffix = write(minutes < 0 ? '-' : '+', String(Math.floor(abs / 60)).padStart(2, '0'), String(abs % 60).padStart(2, '0'));
  return style % 7 === 3 ? `${clock.replace('T', ' ')}${suffix}` : `${clock}${suffix}`;
}

function field(value: RefValue | undefined, kind: CsvKind, style: number): string {
  if (value === null || value === undefined) return '';
  const text = kind === 'timestamp' ? timestampText(value as number, style) : String(value);
  return /[",\r\n]/.test(text) || style % 2 === 0 ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvText(columns: Readonly<Record<string, CsvKind>>, rows: readonly RefRow[]): string {
  const names = Object.keys(columns);
  const lines = [names.join(',')];
  rows.forEach((row, i) => lines.push(names.map((name, c) => field(row[name], columns[name]!, i + c)).join(',')));
  return `${lines.join('\r\n')}\r\n`;
}
