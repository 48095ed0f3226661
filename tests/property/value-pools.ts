/**
 * Values the random data and the random conditions share, so that comparisons hit: text in
 * several cases and with LIKE/escape characters, numbers on both sides of zero, keys that
 * differ only in case.
 */
import fc from 'fast-check';
import type { TimePools } from './time-pools';

/** Characters whose DuckDB lower() the property test checks against the reference first. */
export const TEXT_ALPHABET = [
  'a',
  'A',
  'b',
  'S',
  's',
  'i',
  'I',
  'İ',
  'ı',
  'Σ',
  'σ',
  'ς',
  'ß',
  'ẞ',
  'é',
  'É',
  '\u212A',
  'k',
  '%',
  '_',
  '\\',
  "'",
  '"',
  ' ',
  '-',
];

export const TEXT_WORDS = [
  'Seattle',
  'seattle',
  'SEATTLE',
  ' Seattle',
  'Paris',
  'São Paulo',
  'SÃO PAULO',
  'İstanbul',
  'istanbul',
  'ISTANBUL',
  'Straße',
  'STRASSE',
  'ΣΟΦΙΑΣ',
  'σοφιας',
  '100%',
  '100% sure',
  'a_b',
  'aXb',
  'a\\b',
  "O'Neil",
  'o"neil',
  '',
  'msg-1',
  'MSG-1',
  'msg-2',
  'café',
  'cafe\u0301',
  'CAFÉ',
  '😀 Seattle',
  'a,b',
  'two\nlines',
];

/** The words most data and most conditions draw, so that equality hits often. */
const COMMON_WORDS = ['Seattle', 'seattle', 'SEATTLE', 'İstanbul', 'istanbul', 'Straße', '100%', 'a_b', 'a\\b', "O'Neil"];

export const textValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...COMMON_WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...TEXT_WORDS) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...TEXT_ALPHABET), { maxLength: 4 }).map((cs) => cs.join('')) },
);

/** Short needles for contains / beginsWith / endsWith. */
export const textNeedle = fc.oneof(
  fc.constantFrom('sea', 'TTLE', '%', '_', '\\', "'", '"', 'ß', 'ss', 'i', 'ı', 'İ', 'σ', 'ς', 'k', 'é', 'a_', '0%', ' ', ''),
  fc.array(fc.constantFrom(...TEXT_ALPHABET), { minLength: 1, maxLength: 2 }).map((cs) => cs.join('')),
);

export const NUMBERS = [
  -2,
  -1.5,
  -0.25,
  0,
  0.25,
  1,
  2.5,
  3,
  10,
  600,
  1_000_000,
  0.1,
  0.3,
  0.1 + 0.2,
  1e-7,
  -1e-7,
  5e-324,
  1e21,
  2 ** 53,
  2 ** 53 + 2,
  123456789.125,
];

/** Multiples of 0.25: sums and averages of a few of them are exact in any order. */
export const exactNumber = fc.oneof(fc.integer({ min: -8, max: 40 }), fc.integer({ min: -40, max: 4000 })).map((n) => n / 4);

export const numberValue = fc.oneof(fc.constantFrom(...NUMBERS), exactNumber);

export const LIST_ITEMS = ['golf', 'Golf', 'GOLF', 'wine', 'tech', 'İstanbul', 'istanbul', 'a%', 'x_y', ''];

export const listItem = fc.constantFrom(...LIST_ITEMS);

/** Contact keys, and the values contact links draw from: some of them name no contact. */
export const CONTACT_KEYS = [
  'c1',
  'C1',
  'c2',
  'c3',
  'c4',
  'c5',
  'c6',
  'c7',
  'c8',
  'c9',
  'ct-10',
  "o'k",
  'k%',
  'k_1',
  'k\\2',
  'Ä',
  'ä',
  'x y',
  'c 13',
  'c14',
];

export const ACCOUNT_KEYS = ['a1', 'A1', 'a2', 'a3', 'a4', 'a5'];

export const LEAD_KEYS = [1, 2, 3, 10, -5, 2 ** 40];

/** Text links to leads: '01', '1.0' and ' 1' name no lead, since keys compare as exact text. */
export const LEAD_LINKS = ['1', '2', '3', '10', '-5', '1099511627776', '01', '1.0', ' 1'];

/** A key drawn mostly from the first few of a pool, so that links usually find their record. */
export function likelyKey(pool: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...pool.slice(0, 8)) }, { weight: 1, arbitrary: fc.constantFrom(...pool) });
}

/** A link: mostly to a likely key, sometimes to a key nobody has, sometimes null. */
export function linkTo(pool: readonly string[], dangling: string): fc.Arbitrary<string | null> {
  return fc.option(fc.oneof({ weight: 9, arbitrary: likelyKey(pool) }, { weight: 1, arbitrary: fc.constant(dangling) }), {
    freq: 5,
    nil: null,
  });
}

export function instantValue(pools: TimePools): fc.Arbitrary<number> {
  return fc.oneof(
    ...(pools.focusInstants.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...pools.focusInstants) }] : []),
    { weight: 5, arbitrary: fc.constantFrom(...pools.exact) },
    { weight: 3, arbitrary: fc.constantFrom(...pools.near) },
    { weight: 1, arbitrary: fc.integer({ min: pools.now - 800 * 86_400_000, max: pools.now + 5 * 86_400_000 }) },
  );
}

export function dayValue(pools: TimePools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pools.days) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: Date.UTC(1960, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
        .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
    },
  );
}

export const nullable = <T>(arb: fc.Arbitrary<T>, freq = 5) => fc.option(arb, { freq, nil: null });
