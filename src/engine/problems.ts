/** Problems found in a library: each names the segment and the JSON path of the offending node. */

export type PathSegment = string | number;

export interface Problem {
  readonly segment?: string;
  /** JSON path from the library root, e.g. `segments[2].query.where.and[0].field`. */
  readonly path: string;
  readonly message: string;
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out || '(root)';
}

export function describeProblem(problem: Problem): string {
  const where = problem.segment ? `segment "${problem.segment}" at ${problem.path}` : problem.path;
  return `${where}: ${problem.message}`;
}

/** Thrown when a library cannot be used; carries every problem found, not just the first. */
export class LibraryError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.name = 'LibraryError';
  }
}
