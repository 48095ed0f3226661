// Types of the generated dynamics-parser.js (scripts/dynamics-grammar.mjs).
import type { Loc, QueryNode } from './ast';

export interface ParseNote {
  loc: Loc;
  message: string;
}

export function parse(input: string, options?: { notes?: ParseNote[] }): QueryNode;

export interface Expectation {
  type: 'literal' | 'class' | 'any' | 'end' | 'other';
  text?: string;
  description?: string;
  parts?: unknown[];
}

export class SyntaxError extends Error {
  expected: Expectation[] | null;
  found: string | null;
  location: { start: Loc; end: Loc };
}
