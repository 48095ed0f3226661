/** A problem with the loaded files: names the file and, where it has one, the row or column. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'DataError';
  }
}

/**
 * An out-of-memory failure, told apart from a problem with the data: DuckDB's "Out of Memory
 * Error", the browser's failed allocations, or the wasm trap (`unreachable`) a failed allocation
 * in the Parquet decoder ends in.
 */
export function isOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /out of memory|memory access out of bounds|allocation failed|could not allocate|Array buffer allocation|Cannot allocate Wasm memory|\bunreachable\b/i.test(
    text,
  );
}

export const TOO_LARGE = 'is too large for the memory this browser tab can use';
