/**
 * What pasted query text may be before the parser sees it. The parser recurses once per
 * parenthesis and backtracks over unclosed ones, so a text nested thousands deep would overflow
 * the stack or stall the page; and a pasted query is a few hundred characters, not megabytes.
 */
import type { DynamicsProblem } from './parse-query';

export const MAX_PASTE_LENGTH = 100_000;
export const MAX_QUERY_NESTING = 100;

const format = (n: number) => n.toLocaleString('en-US');

/**
 * Pasted text longer than a query can sensibly be: the paste dialog reads as the user types, and
 * megabytes would stall the page. Files given to `npm run dynamics -- import` have no such limit
 * (an exported library can be that long).
 */
export function pasteLengthProblem(text: string): DynamicsProblem | undefined {
  if (text.length <= MAX_PASTE_LENGTH) return undefined;
  return {
    line: 1,
    column: 1,
    message: `the text is ${format(text.length)} characters long; a pasted query may have at most ${format(MAX_PASTE_LENGTH)}`,
  };
}

/** Parentheses nested past the limit, at the first one too deep; strings ('…', with \' and \\) are skipped. */
export function nestingProblem(text: string): DynamicsProblem | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (inString) {
      if (c === '\\') i++;
      else if (c === "'") inString = false;
    } else if (c === "'") inString = true;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '(' && ++depth > MAX_QUERY_NESTING)
      return {
        line,
        column: i - lineStart + 1,
        message: `parentheses nest more than ${MAX_QUERY_NESTING} levels deep here; write the condition flatter (AND and OR take any number of terms)`,
      };
  }
  return undefined;
}
