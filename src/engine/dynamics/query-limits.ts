/**
 * What pasted query text may be before the parser sees it. The parser recurses once per
 * parenthesis and backtracks over unclosed ones, so a text nested thousands deep would overflow
 * the stack or stall the page; and a query is a few hundred characters, not megabytes.
 */
import type { DynamicsProblem } from './parse-query';

export const MAX_QUERY_LENGTH = 100_000;
export const MAX_QUERY_NESTING = 100;

const format = (n: number) => n.toLocaleString('en-US');

/** The first limit the text passes, at its place; strings ('…', with \' and \\) are skipped. */
export function queryLimitProblem(text: string): DynamicsProblem | undefined {
  if (text.length > MAX_QUERY_LENGTH)
    return {
      line: 1,
      column: 1,
      message: `the text is ${format(text.length)} characters long; a query may have at most ${format(MAX_QUERY_LENGTH)}`,
    };
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
