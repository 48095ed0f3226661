/**
 * Text comparisons lowercase both sides exactly as DuckDB's lower() does (SPEC §3). ClickHouse's
 * lowerUTF8 leaves hundreds of letters alone (İ, ẞ, the Kelvin sign, Cherokee, …), so the
 * ClickHouse engine stores beside every text and text-list column a copy lowercased by DuckDB at
 * load time, named by `loweredColumn`; the printer reads that copy wherever the tree lowercases a
 * column, and lowercases literal values here.
 */

/** The column holding `name` lowercased. The prefix keeps it apart from the data's own columns. */
export function loweredColumn(name: string): string {
  return `lowered:${name}`;
}

/** DuckDB's lower(): one code point at a time, the simple Unicode mapping ('İ' becomes 'i'). */
export function lowerLikeDuckDb(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}
