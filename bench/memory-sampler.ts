/** Samples the browser's memory in the background, so a peak is known even if the tab dies. */
import { descendantMemory } from './process-memory';

export interface MemoryPeaks {
  /** Highest peak resident set (VmHWM) of any renderer process, in bytes. */
  readonly rendererPeak: number;
  /** Highest sum of resident sets of all browser processes seen at one sample. */
  readonly browserTotalPeak: number;
}

export class MemorySampler {
  private rendererPeak = 0;
  private browserTotalPeak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 250) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): MemoryPeaks {
    const processes = descendantMemory();
    for (const p of processes) if (p.type === 'renderer') this.rendererPeak = Math.max(this.rendererPeak, p.peakBytes);
    this.browserTotalPeak = Math.max(
      this.browserTotalPeak,
      processes.reduce((sum, p) => sum + p.currentBytes, 0),
    );
    return this.peaks();
  }

  peaks(): MemoryPeaks {
    return { rendererPeak: this.rendererPeak, browserTotalPeak: this.browserTotalPeak };
  }

  stop(): MemoryPeaks {
    clearInterval(this.timer);
    return this.sample();
  }
}
