/** Keeping the loaded data for the next visit: saves run one after another, and one a newer load overtook is skipped. */
import type { DataSource } from '../../data/data-source';
import type { InputFile } from '../../data/decode-file';
import type { DataStore } from '../../data/persistence';

export class SaveQueue {
  /** Whether the loaded data will be there after a reload, in words. */
  note: string | undefined = $state();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly store: () => DataStore | undefined) {}

  /** Queues a save; `current` says whether the data is still the one loaded. Says "saving" at once: a reload right after a load must not lose it. */
  save(source: DataSource, files: readonly InputFile[], current: () => boolean): Promise<void> {
    const store = this.store();
    if (!store) return Promise.resolve();
    this.note = 'Saving for the next visit…';
    return (this.saving = this.saving.then(async () => {
      if (!current()) return;
      try {
        await store.save(source, source.kind === 'sample' ? undefined : files);
        if (current()) this.note = `Saved in ${store.where}; it loads again after a reload`;
      } catch (error) {
        this.note = `Not saved for the next visit: ${error instanceof Error ? error.message : String(error)}`;
      }
    }));
  }

  restored(): void {
    this.note = `Restored from ${this.store()?.where ?? 'storage'}`;
  }

  /** Forgets the saved data, after any save under way. */
  async clear(): Promise<void> {
    await this.saving;
    await this.store()?.clear();
    this.note = 'Nothing saved: the sample data will load next time';
  }
}
