/** The committed parser is the one dynamics.peggy compiles to. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { generateDynamicsParser } from '../../scripts/dynamics-grammar.mjs';

describe('src/engine/dynamics/dynamics-parser.js', () => {
  it('is up to date with dynamics.peggy (npm run dynamics:grammar)', () => {
    const committed = readFileSync(new URL('../../src/engine/dynamics/dynamics-parser.js', import.meta.url), 'utf8');
    expect(committed).toBe((generateDynamicsParser as () => string)());
  });
});
