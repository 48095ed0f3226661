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
