/**
 * Runs a command-line script of `scripts/` the ways a user reads its output: through a pipe of
 * its own (spawn with stdio pipes) and through a shell pipe (`| cat`, `| wc -c`). A CLI that
 * exits before its pipes drain cuts its output at the pipe's buffer size; these runs show it.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface PipedRun {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** `node scripts/<script> …args` with stdout and stderr each a pipe read by this process. */
export function runPiped(script: string, args: readonly string[]): Promise<PipedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [path.join(ROOT, 'scripts', script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * The same run in a shell, one stream piped into `sink` (e.g. `cat`, `wc -c`) and the other
 * discarded; `status` is the script's own exit status, not the sink's.
 */
export function runThroughShell(
  script: string,
  args: readonly string[],
  stream: 'stdout' | 'stderr',
  sink: string,
): { status: number | null; output: Buffer } {
  const command = `node ${quote(path.join(ROOT, 'scripts', script))} ${args.map(quote).join(' ')}`;
  const redirect = stream === 'stdout' ? '2>/dev/null' : '2>&1 >/dev/null';
  const result = spawnSync('bash', ['-c', `${command} ${redirect} | ${sink}; exit \${PIPESTATUS[0]}`], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
  });
  return { status: result.status, output: result.stdout };
}
