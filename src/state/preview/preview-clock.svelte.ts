/**
 * The instant segments are evaluated at: "now", or a date the analyst picks ("evaluate as of")
 * to see who will slip out of a sliding window. "Now" is a snapshot, refreshed when it gets old,
 * so results stay comparable (and cached) while the analyst works.
 */
const STALE_AFTER_MS = 60_000;

export class EvaluationClock {
  /** The instant chosen by the analyst, epoch ms; undefined means the current time. */
  asOf: number | undefined = $state();
  private snapshot = $state(Date.now());

  constructor(private readonly wallClock: () => number = Date.now) {
    this.snapshot = wallClock();
  }

  get now(): number {
    return this.asOf ?? this.snapshot;
  }

  /** Takes a new snapshot of the current time if the last one is older than a minute. */
  refreshIfStale(): void {
    if (this.asOf === undefined && this.wallClock() - this.snapshot > STALE_AFTER_MS) this.snapshot = this.wallClock();
  }

  refresh(): void {
    this.snapshot = this.wallClock();
  }

  setAsOf(instant: number | undefined): void {
    this.asOf = instant === undefined || Number.isNaN(instant) ? undefined : instant;
    if (this.asOf === undefined) this.refresh();
  }
}
