/**
 * Two columns of one file with the same name, or names that differ only in case, cannot be told
 * apart once loaded (DuckDB's names ignore case; a CSV header or an Arrow table keyed by name
 * keeps one of them). They are refused at decoding, before either is dropped or renamed.
 */
import { DataError } from './data-error';

export function checkColumnNames(file: string, names: readonly string[]): void {
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const earlier = seen.get(name.toLowerCase());
    if (earlier === undefined) {
      seen.set(name.toLowerCase(), index);
      return;
    }
    const first = names[earlier]!;
    const both = `columns ${earlier + 1} "${first}" and ${index + 1} "${name}"`;
    throw new DataError(
      file,
      first === name
        ? `${both} have the same name; give every column its own name`
        : `${both} differ only in case, which the data cannot keep apart; rename one`,
    );
  });
}
