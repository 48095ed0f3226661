import { describe, expect, it } from 'vitest';
import { MembersState, type MembersSource } from '../src/state/results/results-members.svelte';

describe('members page', () => {
  it('is kept for the segment it was chosen for and starts at the first page for another, with no effect to reset it', () => {
    const source: { -readonly [K in keyof MembersSource]: MembersSource[K] } = { table: 'preview:1', forId: 'a' };
    const members = new MembersState({ connector: undefined, catalog: undefined, version: 0 }, source);
    members.page = 2;
    expect(members.page).toBe(2);
    source.forId = 'b';
    expect(members.page).toBe(0);
    source.forId = 'a';
    expect(members.page).toBe(2);
  });
});
