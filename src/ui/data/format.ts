/** How the data views write numbers, sizes and moments. */
export { formatBytes } from '../../state/data/data-state.svelte';
export { countOf, nounFor } from '../../engine/describe/operator-labels';

export function formatCount(n: number | undefined): string {
  return n === undefined ? '–' : n.toLocaleString('en-US');
}

/** A UTC instant as "2026-03-31 12:00 UTC". */
export function formatInstant(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
