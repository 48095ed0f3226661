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

/** DuckDB's "Out of Memory Error", or a wasm trap (`unreachable`) that a failed allocation ends in. */
export function isOutOfMemory(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /out of memory|unreachable|memory access out of bounds|Cannot allocate Wasm memory/i.test(message);
}

export const TOO_LARGE = 'is too large for the memory this browser tab can use';
