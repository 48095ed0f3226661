/**
 * The round trip of DYNAMICS.md: export a segment of a library, import the text back under the
 * same name, and evaluate both libraries; the segment must select the same members. A segment
 * that cannot be exported must say which part and why.
 */
import { expect } from 'vitest';
import type { SqlRunner } from '../../src/data/engines/engine';
import { evaluateLibrary } from '../../src/data/evaluate-library';
import type { Catalog } from '../../src/engine/catalog';
import { exportDynamics, formatProblem, importDynamics } from '../../src/engine/dynamics/dynamics';
import type { Library, Segment } from '../../src/engine/library-schema';
import { documentedGrammarProblem } from './documented-grammar';

export interface RoundTripTally {
  exported: number;
  refused: number;
  /** Why segments could not be exported, by the first reason's message with numbers and names blurred. */
  reasons: Map<string, number>;
}

export const emptyTally = (): RoundTripTally => ({ exported: 0, refused: 0, reasons: new Map() });

/** The library with `segment` replaced by what its exported text imports as. */
export function reimported(library: Library, segment: Segment, text: string, catalog: Catalog): Library {
  const result = importDynamics(text, catalog, { name: segment.name });
  if (!result.ok)
    throw new Error(`the export of ${segment.name} does not import:\n${text}\n${result.problems.map(formatProblem).join('\n')}`);
  const main = { ...result.segment, status: segment.status } as Segment;
  return {
    version: 1,
    segments: [...library.segments.map((s) => (s.name === segment.name ? main : s)), ...result.definitions],
  };
}

const members = async (db: SqlRunner, catalog: Catalog, library: Library, now: number, only?: string) =>
  new Map((await evaluateLibrary(db, catalog, library, { now, ...(only ? { only } : {}) })).map((r) => [r.name, [...r.members].sort()]));

/** Round-trips every segment of the library; returns what happened to each. */
export async function checkRoundTrip(
  db: SqlRunner,
  catalog: Catalog,
  library: Library,
  now: number,
  tally: RoundTripTally,
): Promise<Map<string, string>> {
  const original = await members(db, catalog, library, now);
  const outcomes = new Map<string, string>();
  for (const segment of library.segments) {
    const others = library.segments.filter((s) => s !== segment).map((s) => s.name);
    const exported = exportDynamics(segment, catalog, others);
    if (!exported.ok) {
      expect(exported.reasons.length, segment.name).toBeGreaterThan(0);
      for (const reason of exported.reasons) {
        expect(reason.path, JSON.stringify(reason)).toMatch(/^(query|members)/);
        expect(reason.message, JSON.stringify(reason)).toMatch(/Dynamics/);
      }
      tally.refused++;
      const key = exported.reasons[0]!.message.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'n');
      tally.reasons.set(key, (tally.reasons.get(key) ?? 0) + 1);
      outcomes.set(segment.name, `refused: ${exported.reasons.map((r) => `${r.path}: ${r.message}`).join('; ')}`);
      continue;
    }
    const problem = documentedGrammarProblem(exported.text);
    expect(problem, `${segment.name}:\n${exported.text}`).toBeUndefined();
    const again = await members(db, catalog, reimported(library, segment, exported.text, catalog), now, segment.name);
    expect(again.get(segment.name), `${segment.name} = ${JSON.stringify(segment)}\nexported as:\n${exported.text}`).toEqual(
      original.get(segment.name),
    );
    tally.exported++;
    outcomes.set(segment.name, exported.text);
  }
  return outcomes;
}

export function describeRoundTrip(t: RoundTripTally): string {
  const reasons = [...t.reasons.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `  ${n}× ${r}`);
  return `${t.exported} exported and imported back with the same members, ${t.refused} refused with a reason:\n${reasons.join('\n')}`;
}
