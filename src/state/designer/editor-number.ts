/**
 * What a number field holds while the user types (docs/DECISIONS.md, "Number fields"): the
 * designer applies a number as soon as it is one the field accepts, and shows why otherwise,
 * keeping the last number it applied.
 */

export interface NumberRule {
  /** Only whole numbers (a count of interactions, a number of days). */
  whole?: boolean;
  min?: number;
  /** What an empty field means; without it an empty field is an error. */
  blank?: 'clears';
}

export type NumberEntry = { kind: 'number'; value: number } | { kind: 'blank' } | { kind: 'invalid'; message: string };

/**
 * Reads a field's text. `badInput` is the browser's word that an `<input type="number">` holds
 * text that is not a number yet ("-", "1e"): its value is then "" although the field is not empty.
 */
export function readNumberEntry(text: string, badInput: boolean, rule: NumberRule): NumberEntry {
  const trimmed = text.trim();
  if (badInput) return { kind: 'invalid', message: 'Not a number yet' };
  if (trimmed === '') return rule.blank ? { kind: 'blank' } : { kind: 'invalid', message: 'Enter a number' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { kind: 'invalid', message: 'Not a number' };
  if (rule.whole && !Number.isInteger(value)) return { kind: 'invalid', message: 'Enter a whole number' };
  if (rule.min !== undefined && value < rule.min) return { kind: 'invalid', message: `Enter ${rule.min} or more` };
  return { kind: 'number', value };
}

/** Whether the field's text already says `value`, so it need not be rewritten under the cursor. */
export function textShowsNumber(text: string, value: number | undefined): boolean {
  const trimmed = text.trim();
  if (value === undefined) return trimmed === '';
  return trimmed !== '' && Number(trimmed) === value;
}
