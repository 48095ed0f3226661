/** Messages read as sentences: one plural rule, and no code in what the analyst sees. */
import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from '../src/engine/describe/operator-labels';
import { parseLibrary } from '../src/engine/parse-library';

describe('wording', () => {
  it('one plural rule', () => {
    expect(countOf(1, 'contact')).toBe('1 contact');
    expect(countOf(2500, 'contact')).toBe('2,500 contacts');
    expect(nounFor(0, 'interaction')).toBe('interactions');
  });

  it('a missing or mistyped part of a library is named in words, not in the parser’s types', () => {
    const library = (where: unknown) => ({ version: 1, segments: [{ name: 'A', kind: 'profile', query: { groups: [{ where }] } }] });
    const missing = parseLibrary(library({ op: 'eq', value: 'x' }));
    const wrong = parseLibrary({ version: 1, segments: [{ name: 5, kind: 'static', members: [] }] });
    const messages = [missing, wrong].flatMap((r) => (r.ok ? [] : r.problems.map((p) => p.message)));
    expect(messages.join('\n')).not.toMatch(/received|undefined|expected string/);
    expect(messages.join('\n')).toMatch(/needs a text value, not 5/);
  });
});
