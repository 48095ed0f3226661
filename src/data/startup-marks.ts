/**
 * Marks on the page's performance timeline for the steps of a start-up (engine ready, sample
 * generated, data loaded, first counts, saved), so `npm run bench -- --first-screen` can say where
 * the wait goes. Cheap, and harmless where there is no `performance`.
 */
export const STARTUP_MARK_PREFIX = 'studio:';

export function mark(step: string): void {
  globalThis.performance?.mark?.(STARTUP_MARK_PREFIX + step);
}
