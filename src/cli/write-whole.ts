/**
 * Writes text to a stream and resolves once the stream has taken all of it, so that exiting
 * afterwards cannot cut a pipe short (`process.exit()` does not wait for a pipe to drain).
 */
import type { Writable } from 'node:stream';

export function writeWhole(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Ends the process once stdout and stderr are flushed. */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([writeWhole(process.stdout, ''), writeWhole(process.stderr, '')]);
  process.exit(code);
}
