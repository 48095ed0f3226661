/**
 * Sharing a library in a link: the exported definitions (never data), compressed with lz-string
 * into the URL's hash, which browsers never send to a server.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

const PREFIX = '#library=';

export function shareHash(libraryText: string): string {
  return `${PREFIX}${compressToEncodedURIComponent(libraryText)}`;
}

/** The link to this page with the library in its hash. */
export function shareUrl(pageUrl: string, libraryText: string): string {
  return `${pageUrl.split('#')[0]}${shareHash(libraryText)}`;
}

export type SharedLibrary = { ok: true; text: string } | { ok: false; message: string };

/** The library text a hash carries; undefined when the hash holds no library. */
export function readShareHash(hash: string): SharedLibrary | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  const text = decompressFromEncodedURIComponent(hash.slice(PREFIX.length));
  if (!text) return { ok: false, message: 'The link is damaged or cut short: it holds no readable library. Ask for the link again.' };
  return { ok: true, text };
}
