import type { BuildOptions } from 'esbuild';

export declare const KEPT_OUTSIDE: readonly string[];
export declare function cliBundleOptions(entry: string, outfile: string): BuildOptions;
