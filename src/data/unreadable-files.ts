/**
 * After a load failed, tells every file that cannot be read at all, not only the first: a
 * user who dropped three truncated files learns about all three at once.
 */
import { DataError } from './data-error';
import { decodeFile, fileFormat, type Decoders, type InputFile } from './decode-file';

export function unreadableFiles(files: readonly InputFile[], decoders: Decoders): DataError[] {
  const errors: DataError[] = [];
  for (const file of files) {
    if (!fileFormat(file.name)) continue;
    try {
      // Parquet decodes lazily, chunk by chunk: take every chunk to find a file that breaks late.
      for (const chunk of decodeFile(file, decoders).chunks) void chunk;
    } catch (error) {
      errors.push(error instanceof DataError ? error : new DataError(file.name, error instanceof Error ? error.message : String(error)));
    }
  }
  return errors;
}
