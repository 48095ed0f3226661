/**
 * Writes text to a stream and resolves once the stream has taken all of it, so that exiting
 * afterwards cannot cut a pipe short (`process.exit()` does not wait for a pipe to drain).
 *
 * A reader that stops early (`| head`) closes the pipe: the rest of the output is not wanted,
 * and the command ends quietly with status 0 instead of crashing on EPIPE with a stack trace.
 */
import type { Writable } from 'node:stream';

const isClosedPipe = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (isClosedPipe(error)) process.exit(0);
    throw error;
  });
}

export function writeWhole(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (isClosedPipe(error)) process.exit(0);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Ends the process once stdout and stderr are flushed. */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([writeWhole(process.stdout, ''), writeWhole(process.stderr, '')]);
  process.exit(code);
}
