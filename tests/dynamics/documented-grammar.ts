/**
 * The check every exported text must pass: it parses under the documented grammar alone
 * (documented-grammar.peggy, compiled here from the file) and uses none of the forms Dynamics
 * forbids or does not have.
 */
import peggy from 'peggy';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const parser = peggy.generate(readFileSync(path.join(here, 'documented-grammar.peggy'), 'utf8'));

/** Outside string literals, so a value that spells MINUS does not count. */
const FORBIDDEN: [RegExp, string][] = [
  [/\bMINUS\b/i, 'MINUS'],
  [/\bAND\b/i, 'AND'],
  [/COUNT\(\)\s*>=/, 'COUNT() >='],
  [/COUNT\(\)\s*!=/, 'COUNT() !='],
  [/COUNT\(\)\s*==\s*0(?![0-9.])/, 'COUNT() == 0'],
  [/COUNT\(\)\s*[<>=!]+\s*-/, 'a negative count'],
  [/COUNT\(\)\s*[<>=!]+\s*\d+\.\d/, 'a fractional count'],
  [/\bUTCWEEKS\b/i, 'UTCWEEKS'],
  [/\bIN\s*\(/i, 'IN ('],
  [/\b(CONTAINS|STARTSWITH|ENDSWITH)\s*\(/i, 'function-form CONTAINS'],
  [/\bUTCNOW\b/i, 'UTCNOW()'],
  [/\bCOUNTDISTINCT\b/i, 'COUNTDISTINCT'],
  [/\bUTCRANGE\b/i, 'UTCRANGE'],
  [/\bTRAVERSE\([^)]*FILTER/i, 'FILTER inside TRAVERSE'],
];

function withoutStrings(text: string): string {
  return text.replace(/'(?:\\\\|\\'|[^'\\])*'/g, "''");
}

/** Why the text is not valid Dynamics query text, or undefined if it is. */
export function documentedGrammarProblem(text: string): string | undefined {
  try {
    parser.parse(text);
  } catch (error) {
    return `does not parse under the documented grammar: ${(error as Error).message}`;
  }
  const bare = withoutStrings(text);
  for (const [pattern, what] of FORBIDDEN) if (pattern.test(bare)) return `uses ${what}`;
  const interactionFilters = [...bare.matchAll(/INTERACTION\([^)]*\)\.FILTER\(((?:[^()]|\([^()]*\))*)\)\.HAVING/g)];
  for (const [, filter] of interactionFilters)
    if (/\b(CONTAINS|STARTSWITH|ENDSWITH)\b/.test(filter!)) return 'uses CONTAINS/STARTSWITH/ENDSWITH in an interaction FILTER';
  return undefined;
}
