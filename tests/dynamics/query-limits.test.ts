/** Deeply nested or huge pasted text is refused with a located message, quickly, never by a stack overflow. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importDynamics } from '../../src/engine/dynamics/dynamics';
import { MAX_PASTE_LENGTH, MAX_QUERY_NESTING } from '../../src/engine/dynamics/query-limits';
import { DynamicsPaste, PASTE_DEBOUNCE_MS } from '../../src/state/library/dynamics-paste.svelte';
import type { PreviewState } from '../../src/state/preview/preview-state.svelte';
import { MICROSOFT_CATALOG } from './microsoft-catalog';

const CITY = "address1_city == 'x'";
const nested = (n: number) => `PROFILE(contact).FILTER(${'('.repeat(n)}${CITY}${')'.repeat(n)})`;
const traverse = (steps: number) =>
  'PROFILE(contact)' +
  '.TRAVERSE(contact_account_parentcustomerid).TRAVERSE(account_contact_primarycontactid)'.repeat(steps / 2) +
  `.FILTER(${CITY})`;

function refusal(text: string): { message: string; line: number; column: number; ms: number } {
  const started = performance.now();
  const result = importDynamics(text, MICROSOFT_CATALOG);
  const ms = performance.now() - started;
  if (result.ok) throw new Error('expected a refusal');
  return { ...result.problems[0]!, ms };
}

describe('limits on pasted Dynamics text', () => {
  it('refuses parentheses nested past the limit, at the first one too deep', () => {
    for (const depth of [MAX_QUERY_NESTING, 5_000, 40_000]) {
      const problem = refusal(nested(depth));
      expect(problem.message).toMatch(`parentheses nest more than ${MAX_QUERY_NESTING} levels deep here`);
      expect(problem).toMatchObject({ line: 1, column: 'PROFILE(contact).FILTER('.length + MAX_QUERY_NESTING });
      expect(problem.ms).toBeLessThan(1_000);
    }
  });

  it('refuses unclosed parentheses quickly (the parser backtracks over each)', () => {
    const problem = refusal(`PROFILE(contact).FILTER(${'('.repeat(20_000)}`);
    expect(problem.message).toMatch('parentheses nest more than');
    expect(problem.ms).toBeLessThan(1_000);
  });

  it('counts no parenthesis inside a string', () => {
    const text = `PROFILE(contact).FILTER(address1_city == '${'('.repeat(500)}\\'(')`;
    expect(importDynamics(text, MICROSOFT_CATALOG).ok).toBe(true);
  });

  it('still reads nesting below the limit', () => {
    expect(importDynamics(nested(MAX_QUERY_NESTING - 2), MICROSOFT_CATALOG).ok).toBe(true);
  });

  it('reads a long query (an exported library can be long) but no longer than the nesting allows', () => {
    const cities = Array.from({ length: 20_000 }, (_, i) => `address1_city == 'city-${i}'`).join(' || ');
    expect(cities.length).toBeGreaterThan(MAX_PASTE_LENGTH);
    expect(importDynamics(`PROFILE(contact).FILTER(${cities})`, MICROSOFT_CATALOG).ok).toBe(true);
  });

  it('refuses a TRAVERSE chain deeper than the library takes, at the query', () => {
    expect(importDynamics(traverse(20), MICROSOFT_CATALOG).ok).toBe(true);
    expect(refusal(traverse(200))).toMatchObject({
      line: 1,
      column: 1,
      message: 'this query nests more than 64 levels deep (conditions and TRAVERSE steps); the library takes at most that',
    });
  });
});

describe('the paste dialog under bad input', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the refusal instead of throwing, and keeps working', () => {
    const scheduled: unknown[] = [];
    const paste = new DynamicsPaste({
      catalog: () => MICROSOFT_CATALOG,
      entries: () => [],
      preview: { schedule: (r: unknown) => scheduled.push(r) } as unknown as PreviewState,
      addImported: () => undefined,
    });
    paste.edit(nested(10_000));
    vi.advanceTimersByTime(PASTE_DEBOUNCE_MS);
    expect(paste.outcome).toMatchObject({ kind: 'refused', problems: [{ message: expect.stringMatching('parentheses nest more than') }] });
    expect(paste.create()).toBe(false);
    paste.edit('PROFILE(contact)');
    vi.advanceTimersByTime(PASTE_DEBOUNCE_MS);
    expect(paste.outcome.kind).toBe('ready');
  });

  it('refuses pasted text past the length limit without parsing it', () => {
    const paste = new DynamicsPaste({
      catalog: () => MICROSOFT_CATALOG,
      entries: () => [],
      preview: { schedule: () => undefined } as unknown as PreviewState,
      addImported: () => undefined,
    });
    const started = performance.now();
    paste.edit(`PROFILE(contact).FILTER(address1_city == '${'x'.repeat(20_000_000)}')`);
    vi.advanceTimersByTime(PASTE_DEBOUNCE_MS);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(paste.outcome).toMatchObject({
      kind: 'refused',
      problems: [
        {
          message: `the text is 20,000,044 characters long; a pasted query may have at most ${MAX_PASTE_LENGTH.toLocaleString('en-US')}`,
        },
      ],
    });
  });
});

describe('an invisible character in the text', () => {
  it('is named by its code, not printed as is', () => {
    expect(refusal("PROFILE(contact).FILTER(address1_city == 'x')\u0000").message).toMatch(/found U\+0000$/);
    expect(refusal('PROFILE(contact)\u0007').message).toMatch(/found U\+0007$/);
    expect(refusal('PROFILE(contact) é').message).toMatch(/found 'é'$/);
  });
});
