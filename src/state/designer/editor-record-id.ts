/**
 * Record ids as analysts paste them: a plain id, a GUID in braces, or a Dynamics 365 record
 * URL (`…main.aspx?etn=account&pagetype=entityrecord&id=%7B…%7D`); and id lists from CSV.
 */

function stripBraces(id: string): string {
  const match = /^\{(.*)\}$/.exec(id);
  return match ? match[1]! : id;
}

function idFromUrl(text: string): string | undefined {
  const query = text.slice(text.indexOf('?') + 1).split('#')[0]!;
  for (const part of query.split('&')) {
    const [key, value = ''] = part.split('=');
    if (key?.toLowerCase() !== 'id' || !value) continue;
    try {
      return decodeURIComponent(value.replaceAll('+', ' '));
    } catch {
      return value;
    }
  }
  return undefined;
}

/** The record id named by a pasted text; a URL without an `id` parameter gives undefined. */
export function parseRecordReference(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const looksLikeUrl = /^[a-z]+:\/\//i.test(trimmed) || /[?&]id=/i.test(trimmed);
  if (!looksLikeUrl) return stripBraces(trimmed);
  const id = idFromUrl(trimmed);
  return id === undefined ? undefined : stripBraces(id.trim());
}

/** Splits one CSV line, honouring double quotes. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

const ID_HEADERS = ['id', 'contactid', 'contact id', 'contactkey', 'key'];

/**
 * Ids from pasted text or a CSV file: one per line or separated by commas; when the first line
 * is a header naming an id column (`contactid`, `id`, or the contact key), that column is used.
 * Dynamics record URLs are turned into their ids. Duplicates are kept once, in order.
 */
export function parseIdList(text: string, keyColumn = 'contactid'): string[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return [];
  const header = csvCells(lines[0]!).map((c) => c.toLowerCase());
  const wanted = [keyColumn.toLowerCase(), ...ID_HEADERS];
  const column = header.findIndex((cell) => wanted.includes(cell));
  const ids =
    column >= 0 && header.length > 1
      ? lines.slice(1).map((line) => csvCells(line)[column] ?? '')
      : lines.slice(column >= 0 ? 1 : 0).flatMap((line) => (/^[a-z]+:\/\//i.test(line.trim()) ? [line] : csvCells(line)));
  return [...new Set(ids.map((id) => parseRecordReference(id)).filter((id): id is string => !!id))];
}
