/**
 * Peak memory of the browser's processes, read from Linux /proc: VmHWM is a process's peak
 * resident set. A tab's DuckDB worker and its wasm heap live in the renderer process, which
 * performance.memory (main-thread JS heap only) does not see.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory {
  readonly pid: number;
  readonly type: string;
  readonly peakBytes: number;
  readonly currentBytes: number;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function kib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Every live descendant process of `root` (this Node process by default). */
export function descendantMemory(root = process.pid): ProcessMemory[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const parents = new Map(pids.map((pid) => [pid, parentOf(pid)]));
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 50; p = parents.get(p), hops++) if (p === root) return true;
    return false;
  };
  return pids.filter(isDescendant).flatMap((pid) => {
    const status = read(`/proc/${pid}/status`);
    const cmdline = read(`/proc/${pid}/cmdline`) ?? '';
    if (!status || !cmdline.includes('chrom')) return [];
    const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
    return [{ pid, type, peakBytes: kib(status, 'VmHWM'), currentBytes: kib(status, 'VmRSS') }];
  });
}
