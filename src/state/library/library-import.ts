/**
 * Checks a library file before it touches the designer: the SPEC §3 format, unique names, and
 * (when data is loaded) that every live segment fits the data. Drafts and stopped segments may
 * be unfinished; they are checked when they go live.
 */
import type { Catalog } from '../../engine/catalog';
import type { Library } from '../../engine/library-schema';
import { parseLibraryText } from '../../engine/parse-library';
import { describeProblem, type Problem } from '../../engine/problems';
import { validateLibrary } from '../../engine/validate-library';
import { engineLibrary, entryName, type LibraryEntry } from './library-entries';

export type ImportMode = 'replace' | 'merge';

export type ImportResult = { ok: true; library: Library; message: string } | { ok: false; message: string };

const SHOWN = 6;

function refusal(problems: readonly Problem[]): ImportResult {
  const lines = problems.slice(0, SHOWN).map(describeProblem);
  if (problems.length > SHOWN) lines.push(`… and ${problems.length - SHOWN} more`);
  const count = `${problems.length} problem${problems.length > 1 ? 's' : ''}`;
  return { ok: false, message: `Nothing was imported: the library has ${count}. Fix the file and import it again.\n${lines.join('\n')}` };
}

function duplicateNames(library: Library): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  library.segments.forEach((segment, i) => {
    const earlier = seen.get(segment.name.toLowerCase());
    if (earlier !== undefined)
      problems.push({ segment: segment.name, path: `segments[${i}].name`, message: `the name is already used by segment "${earlier}"` });
    else seen.set(segment.name.toLowerCase(), segment.name);
  });
  return problems;
}

function checkImport(text: string, mode: ImportMode, existing: readonly LibraryEntry[], catalog: Catalog | undefined): ImportResult {
  const parsed = parseLibraryText(text);
  if (!parsed.ok) return refusal(parsed.problems);
  const library = parsed.library;
  const duplicates = duplicateNames(library);
  if (duplicates.length) return refusal(duplicates);

  if (catalog) {
    const importedNames = new Set(library.segments.map((s) => s.name.toLowerCase()));
    const kept = mode === 'merge' ? engineLibrary(existing.filter((e) => !importedNames.has(entryName(e).toLowerCase()))).segments : [];
    const combined: Library = { version: 1, segments: [...kept, ...library.segments] };
    const live = new Set(library.segments.filter((s) => s.status === 'live').map((s) => s.name));
    const problems = validateLibrary(combined, catalog).filter((p) => p.segment === undefined || live.has(p.segment));
    if (problems.length) return refusal(problems);
  }
  const n = library.segments.length;
  const what = `${n} segment${n === 1 ? '' : 's'}`;
  return {
    ok: true,
    library,
    message: mode === 'replace' ? `Imported ${what}; they replace the library.` : `Added ${what} to the library.`,
  };
}

/**
 * Nesting too deep is refused by the parser's own guard (`engine/library-depth.ts`) with its
 * path; anything else that breaks the checks is refused too, never a crash.
 */
export function readLibraryImport(
  text: string,
  mode: ImportMode,
  existing: readonly LibraryEntry[],
  catalog: Catalog | undefined,
): ImportResult {
  try {
    return checkImport(text, mode, existing, catalog);
  } catch (error) {
    return refusal([
      { path: '(root)', message: `the library could not be read (${error instanceof Error ? error.message : String(error)})` },
    ]);
  }
}
