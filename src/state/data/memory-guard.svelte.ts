/** How much memory the data takes, and refusing a load the tab could not survive (with a way to try anyway). */
import type { Connector } from '../../data/connector';
import { formatBytes, memoryShortfall, readMemoryUsage, type MemoryNeed, type MemoryUsage } from '../../data/memory-usage';

export interface MemoryRefusal {
  readonly message: string;
  readonly retry: () => Promise<boolean>;
}

export class MemoryGuard {
  memory: MemoryUsage | undefined = $state.raw();
  /** Set when a load was refused because memory would run out; `retry` loads anyway. */
  refusal: MemoryRefusal | undefined = $state.raw();

  async refresh(connector: Connector | undefined): Promise<void> {
    if (!connector) return;
    try {
      this.memory = await readMemoryUsage(connector);
    } catch {
      // Memory figures are a courtesy; a failure to read them changes nothing.
    }
  }

  /** Whether `need` fits; if not, says so in `refusal`. */
  async allows(connector: Connector | undefined, need: MemoryNeed, retry: () => Promise<boolean>): Promise<boolean> {
    await this.refresh(connector);
    // The current data is dropped only after the new data loaded, so both must fit at once.
    const short = this.memory && memoryShortfall(this.memory, need);
    if (!short) return true;
    this.refusal = {
      message: `This load needs about ${formatBytes(short.needed)} of memory, but only about ${formatBytes(Math.max(0, short.free))} is free in this tab. The browser would run out of memory; nothing was loaded. Load fewer or smaller files (Parquet is the most compact), or a smaller sample.`,
      retry,
    };
    return false;
  }
}
