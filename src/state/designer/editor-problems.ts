/** Which validation problems belong next to which part of the editor (paths relative to the segment). */
import { formatPath, type PathSegment, type Problem } from '../../engine/problems';

export type ProblemScope =
  /** This node and everything under it (a leaf such as a field clause). */
  | 'subtree'
  /** This node only (an AND/OR group, whose items show their own). */
  | 'node'
  /** This node and the listed keys under it, e.g. `related`, `via`. */
  | { readonly keys: readonly string[] };

function startsAt(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

export function problemsAt(problems: readonly Problem[], path: readonly PathSegment[], scope: ProblemScope): Problem[] {
  const at = formatPath(path);
  return problems.filter((problem) => {
    if (scope === 'subtree') return startsAt(problem.path, at);
    if (scope === 'node') return problem.path === at;
    return problem.path === at || scope.keys.some((key) => startsAt(problem.path, `${at}.${key}`));
  });
}

/** Problems no part of the definition editors shows: name, zone, status and the like. */
export function problemsOutside(problems: readonly Problem[], placed: readonly string[]): Problem[] {
  return problems.filter((problem) => !placed.some((prefix) => startsAt(problem.path, prefix)));
}
