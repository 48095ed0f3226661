/** A failed load in words for the user: what went wrong and that the data loaded before stays. */
import { DataError, isOutOfMemory } from '../../data/data-error';
import type { Decoders, InputFile } from '../../data/decode-file';
import { unreadableFiles } from '../../data/unreadable-files';

export function describeFailure(error: unknown): string {
  if (error instanceof DOMException && error.name === 'AbortError')
    return 'The load was cancelled; the data loaded before is still in use.';
  if (error instanceof DataError && isOutOfMemory(error)) {
    return `${error.message}. Nothing was loaded; the data loaded before is still in use. Try fewer or smaller files.`;
  }
  if (isOutOfMemory(error)) {
    return `The browser ran out of memory while loading (${error instanceof Error ? error.message : String(error)}). Nothing was loaded; the data loaded before is still in use. Try fewer or smaller files.`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The load stops at the first bad file; the message names every other file that cannot be read at all too. */
export function withUnreadableFiles(message: string, files: readonly InputFile[], decoders: Decoders): string {
  if (message.includes('cancelled')) return message;
  const others = unreadableFiles(files, decoders).filter((e) => !message.startsWith(`${e.file}:`));
  return others.length > 0 ? [message, ...others.map((e) => e.message)].join('\n') : message;
}
