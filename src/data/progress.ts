/** How far a long piece of work (reading, generating, loading) has come, and what it counts. */

export type ProgressUnit = 'bytes' | 'rows' | 'files' | 'tables' | 'steps';

export interface Progress {
  readonly step: string;
  readonly done: number;
  readonly total: number;
  /** What `done` and `total` count. */
  readonly unit: ProgressUnit;
  /** While loading: rows and input bytes taken in so far. */
  readonly rows?: number;
  readonly bytes?: number;
}
