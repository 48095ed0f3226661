/**
 * Lowercasing as DuckDB's lower() does it: one code point at a time, with the simple Unicode
 * mapping. JavaScript's toLowerCase differs in two ways that matter: 'İ' becomes 'i' plus a
 * combining dot, and a final 'Σ' becomes 'ς'. Mapping each code point alone avoids the
 * context rule; 'İ' is the only code point whose full lowercase mapping is longer.
 */
export function lowerLikeDuckDb(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}
