/** Turns JSON into a `Library`, reporting shape errors with paths and suggestions. */
import type { z } from 'zod';
import { tooDeep } from './library-depth';
import { Library } from './library-schema';
import { formatPath, LibraryError, type PathSegment, type Problem } from './problems';
import { didYouMean } from './suggest';

/** Every key the format knows, for "did you mean" on a misspelt key. */
const KNOWN_KEYS = [
  'version',
  'segments',
  'name',
  'kind',
  'status',
  'timeZone',
  'description',
  'query',
  'members',
  'groups',
  'combine',
  'where',
  'steps',
  'segment',
  'interaction',
  'relation',
  'window',
  'count',
  'measure',
  'last',
  'unit',
  'from',
  'to',
  'op',
  'value',
  'agg',
  'field',
  'and',
  'or',
  'not',
  'related',
  'via',
  'reverse',
  'n',
];

export type ParseResult = { ok: true; library: Library } | { ok: false; problems: Problem[] };

export function parseLibraryText(text: string): ParseResult {
  let json: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, problems: [{ path: '(root)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return parseLibrary(json);
}

export function parseLibrary(json: unknown): ParseResult {
  const deep = tooDeep(json);
  if (deep.length > 0) {
    return {
      ok: false,
      problems: deep.map(({ path, message }) => {
        const segment = segmentNameAt(json, path);
        return { ...(segment ? { segment } : {}), path: formatPath(path), message };
      }),
    };
  }
  const result = Library.safeParse(json, { reportInput: true });
  if (result.success) return { ok: true, library: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => toProblem(issue, json)) };
}

export function parseLibraryOrThrow(json: unknown): Library {
  const result = parseLibrary(json);
  if (!result.ok) throw new LibraryError(result.problems);
  return result.library;
}

function segmentNameAt(json: unknown, path: readonly PathSegment[]): string | undefined {
  if (path[0] !== 'segments' || typeof path[1] !== 'number') return undefined;
  const segments = (json as { segments?: unknown })?.segments;
  const segment = Array.isArray(segments) ? (segments[path[1]] as { name?: unknown }) : undefined;
  return typeof segment?.name === 'string' ? segment.name : undefined;
}

function toProblem(issue: z.core.$ZodIssue, json: unknown): Problem {
  const path = issue.path as PathSegment[];
  const segment = segmentNameAt(json, path);
  return { ...(segment ? { segment } : {}), path: formatPath(path), message: describeIssue(issue) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `unknown key "${key}"${didYouMean(key, KNOWN_KEYS)}`).join('; ');
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const input = (issue as { input?: unknown }).input;
      const got = input === undefined ? 'nothing' : JSON.stringify(input);
      const hint = typeof input === 'string' ? didYouMean(input, allowed) : '';
      return `${got} is not one of ${allowed.join(', ')}${hint}`;
    }
    case 'invalid_union': {
      const { discriminator, options, input } = issue as { discriminator?: string; options?: unknown[]; input?: unknown };
      if (discriminator && options) {
        const got = (input as Record<string, unknown> | undefined)?.[discriminator];
        const allowed = options.map(String);
        return `${got === undefined ? `"${discriminator}" is missing` : `${JSON.stringify(got)} is not one of ${allowed.join(', ')}`}${typeof got === 'string' ? didYouMean(got, allowed) : ''}`;
      }
      return `${issue.message}: ${issue.errors.map((branch) => branch.map(describeIssue).join(', ')).join(' | or | ')}`;
    }
    case 'custom': {
      const unknownKeys = (issue.params as { unknownKeys?: string[] } | undefined)?.unknownKeys ?? [];
      const hint = unknownKeys.map((k) => didYouMean(k, ['and', 'or', 'not', 'field', 'related', 'interaction'])).find(Boolean);
      return issue.message + (hint ?? '');
    }
    default:
      return issue.message;
  }
}
