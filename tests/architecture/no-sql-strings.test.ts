/**
 * SQL text is made in one place: the printers and quoting files of src/engine/sql/. Anywhere else
 * in src/, a string or template literal that reads like SQL (a statement keyword at its start, or
 * a clause inside it) is a statement built by hand, which bypasses the AST and the quoting files.
 * Comments are not code: only literals of the TypeScript syntax tree are looked at.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const SQL_HOME = path.join(SRC, 'engine', 'sql');

/** A statement keyword at the start of a literal. */
const STATEMENT =
  /^\s*(SELECT|CREATE|INSERT|DROP|ALTER|COPY|ATTACH|DETACH|WITH|DELETE|UPDATE|DESCRIBE|SET|PRAGMA|USE|ANALYZE|TRUNCATE|EXPLAIN|VACUUM|SHOW)\b/;
/** A clause or SQL-only spelling anywhere in a literal (a fragment spliced into a statement). */
const CLAUSE =
  /(^|[\s(])(FROM|WHERE|GROUP BY|ORDER BY|UNION ALL|LEFT JOIN|AT TIME ZONE|CASE WHEN)\s|(^|\s)FORMAT [A-Z]\w*|\bCAST\(|\bENGINE = /;

/** The AST's operators are values of its nodes (`q.setOperation('UNION ALL', …)`), not SQL text. */
const AST_OPERATORS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'UNION ALL', 'UNION ALL BY NAME', 'IS DISTINCT FROM']);

/** Literals that read like SQL but are not SQL, each with why. */
const ALLOWED: readonly { file: string; text: string; why: string }[] = [
  {
    file: 'engine/dynamics/import-query.ts',
    text: 'SELECT has no Segment Studio meaning: a segment is a set of contacts, not a list of columns',
    why: 'a message to the user about Dynamics query text',
  },
  { file: 'cli/parse-args.ts', text: ') is before FROM (', why: "a usage message naming --timeline's FROM and TO" },
];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return full === SQL_HOME ? [] : sourceFiles(full);
    return /\.(ts|svelte)$/.test(entry.name) ? [full] : [];
  });
}

/** The TypeScript of a file: a .svelte file's script blocks. */
function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Every string and template literal of a source, as its literal text (a template's parts one by one). */
export function literalsOf(source: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true));
  return found;
}

export const readsLikeSql = (text: string): boolean => !AST_OPERATORS.has(text) && (STATEMENT.test(text) || CLAUSE.test(text));

describe('no SQL built as strings outside src/engine/sql/', () => {
  it('recognises SQL literals in code and leaves comments and prose alone', () => {
    const code = [
      '// SELECT * FROM t in a comment',
      '/** CREATE TABLE in a doc comment */',
      'const a = `SELECT ${x} AS n`;',
      "const b = 'DROP TABLE ' + name;",
      'const c = `${name} FROM ${table}`;',
      'const d = "Pick a segment from the list";',
      'const e = `CAST(${c} AS VARCHAR)`;',
      'const f = `${sql}\\nFORMAT JSON`;',
      "const g = q.setOperation('UNION ALL', a, b);",
    ].join('\n');
    expect(literalsOf(code).filter(readsLikeSql)).toEqual(['SELECT ', 'DROP TABLE ', ' FROM ', 'CAST(', '\nFORMAT JSON']);
  });

  it('finds none in src/', () => {
    const offenders: string[] = [];
    const allowedSeen = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      for (const text of literalsOf(scriptOf(file)).filter(readsLikeSql)) {
        const allowed = ALLOWED.find((a) => a.file === relative && a.text === text);
        if (allowed) allowedSeen.add(allowed.text);
        else offenders.push(`src/${relative}: ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`);
      }
    }
    expect(offenders).toEqual([]);
    // An allowance whose literal is gone is stale.
    expect(ALLOWED.filter((a) => !allowedSeen.has(a.text)).map((a) => a.file)).toEqual([]);
  });
});
