/** Text → syntax tree, or located problems: a syntax error and whatever the parser noted before it. */
import type { Loc, QueryNode } from './ast';
import { parse, SyntaxError as PeggySyntaxError, type Expectation, type ParseNote } from './dynamics-parser.js';
import { nestingProblem } from './query-limits';

/** A refusal at a place in the text (line and column counted from 1). */
export interface DynamicsProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export const problemAt = (loc: Loc, message: string): DynamicsProblem => ({ line: loc.line, column: loc.column, message });

export function formatProblem(problem: DynamicsProblem): string {
  return `line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

export type ParsedQuery = { ok: true; query: QueryNode; notes: DynamicsProblem[] } | { ok: false; problems: DynamicsProblem[] };

const COMPARISONS = '==, !=, <, <=, > or >=';

function describeExpectation(e: Expectation): string | undefined {
  switch (e.type) {
    case 'literal':
      return `'${e.text}'`;
    case 'end':
      return 'the end of the text';
    case 'other':
      return e.description === 'whitespace' ? undefined : e.description;
    default:
      return undefined;
  }
}

/** The most helpful first: a closing parenthesis or a comparison is what is usually missing. */
const PRIORITY = ["')'", 'comparison', "','", "'('", 'name', 'string', 'number'];

/** A character as the message shows it: an invisible one (NUL, a control, a lone surrogate) by its code. */
function visible(found: string): string {
  return /^[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]$/u.test(found)
    ? `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    : `'${found}'`;
}

function syntaxMessage(error: PeggySyntaxError): string {
  const found = error.found === null ? 'the end of the text' : visible(error.found);
  const expected = [...new Set((error.expected ?? []).map(describeExpectation).filter((d): d is string => d !== undefined))];
  if (expected.includes('comparison')) return `missing comparison before ${found}: expected ${COMPARISONS}`;
  if (expected.length === 0) return `unexpected ${found}`;
  const rank = (d: string) => (PRIORITY.includes(d) ? PRIORITY.indexOf(d) : PRIORITY.length);
  const shown = expected.sort((a, b) => rank(a) - rank(b)).slice(0, 4);
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}` : shown[0];
  return `expected ${list}, found ${found}`;
}

const byPosition = (a: DynamicsProblem, b: DynamicsProblem) => a.line - b.line || a.column - b.column;

export function sortProblems(problems: readonly DynamicsProblem[]): DynamicsProblem[] {
  const seen = new Set<string>();
  return [...problems].sort(byPosition).filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function parseQuery(text: string): ParsedQuery {
  const limit = nestingProblem(text);
  if (limit) return { ok: false, problems: [limit] };
  const notes: ParseNote[] = [];
  const noted = () => notes.map((n) => problemAt(n.loc, n.message));
  try {
    const query = parse(text, { notes });
    return { ok: true, query, notes: noted() };
  } catch (error) {
    if (!(error instanceof PeggySyntaxError)) throw error;
    return { ok: false, problems: sortProblems([...noted(), problemAt(error.location.start, syntaxMessage(error))]) };
  }
}
