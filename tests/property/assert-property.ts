/** Runs an async property with PROPERTY_SEED if set, and fails the test with fast-check's report. */
import fc from 'fast-check';
import { expect } from 'vitest';

const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

export async function assertProperty<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });
  expect(details.failed, fc.defaultReportMessage(details) ?? '').toBe(false);
}
