/**
 * "Paste a Dynamics query": the pasted text is imported on every pause in typing, the first
 * refusal is shown at its line and column, and the segment it becomes is described and counted
 * by its own live preview before anything is added to the library.
 */
import type { Catalog } from '../../engine/catalog';
import { describeSegment } from '../../engine/describe/describe-segment';
import { importDynamics, type DynamicsImport, type DynamicsProblem } from '../../engine/dynamics/dynamics';
import { pasteLengthProblem } from '../../engine/dynamics/query-limits';
import type { Segment } from '../../engine/library-schema';
import type { LibraryEntry } from './library-entries';
import { withFreeNames } from './imported-names';
import type { PreviewState } from '../preview/preview-state.svelte';

export const PASTE_DEBOUNCE_MS = 200;
export const PASTE_PREVIEW_ID = 'dynamics-paste';

export interface DynamicsPasteDependencies {
  readonly catalog: () => Catalog | undefined;
  readonly entries: () => readonly LibraryEntry[];
  /** A preview of its own, so the open segment's figures stay as they are. */
  readonly preview: PreviewState;
  readonly addImported: (segment: Segment, definitions: readonly Segment[]) => void;
}

export type PasteOutcome =
  | { kind: 'empty' }
  | { kind: 'nodata' }
  | { kind: 'refused'; problems: readonly DynamicsProblem[] }
  | { kind: 'ready'; segment: Segment; definitions: readonly Segment[]; description: string };

export class DynamicsPaste {
  open = $state(false);
  text = $state('');
  /** The import of the text as it was at the last pause. */
  outcome: PasteOutcome = $state.raw({ kind: 'empty' });
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: DynamicsPasteDependencies) {}

  get preview(): PreviewState {
    return this.deps.preview;
  }

  show(): void {
    this.open = true;
  }

  close(): void {
    this.open = false;
    clearTimeout(this.timer);
    this.deps.preview.schedule(undefined);
  }

  /** Every keystroke; the import waits for a pause. */
  edit(text: string): void {
    this.text = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.importNow(), PASTE_DEBOUNCE_MS);
  }

  importNow(): void {
    clearTimeout(this.timer);
    this.outcome = this.read(this.text);
    const ready = this.outcome.kind === 'ready' ? this.outcome : undefined;
    this.deps.preview.schedule(ready && { id: PASTE_PREVIEW_ID, definition: ready.segment, entries: this.previewEntries(ready) });
  }

  create(): boolean {
    this.importNow();
    if (this.outcome.kind !== 'ready') return false;
    this.deps.addImported(this.outcome.segment, this.outcome.definitions);
    this.text = '';
    this.outcome = { kind: 'empty' };
    this.close();
    return true;
  }

  private read(text: string): PasteOutcome {
    if (text.trim() === '') return { kind: 'empty' };
    const catalog = this.deps.catalog();
    if (!catalog) return { kind: 'nodata' };
    const tooLong = pasteLengthProblem(text);
    if (tooLong) return { kind: 'refused', problems: [tooLong] };
    let result: DynamicsImport;
    try {
      result = importDynamics(text, catalog);
    } catch (error) {
      // The importer's limits should make this unreachable; if not, the dialog says so and the app goes on.
      const reason = error instanceof RangeError ? 'it nests too deeply' : error instanceof Error ? error.message : String(error);
      return { kind: 'refused', problems: [{ line: 1, column: 1, message: `this text cannot be read: ${reason}` }] };
    }
    if (!result.ok) return { kind: 'refused', problems: result.problems };
    const [segment, ...definitions] = withFreeNames([result.segment, ...result.definitions], this.deps.entries());
    return { kind: 'ready', segment: segment!, definitions, description: describeSegment(segment!) };
  }

  /** The library as it would be after Create: the named definitions as live segments. */
  private previewEntries(ready: Extract<PasteOutcome, { kind: 'ready' }>): LibraryEntry[] {
    const defined = ready.definitions.map((live, i): LibraryEntry => ({
      id: `${PASTE_PREVIEW_ID}:${i}`,
      status: 'live',
      live,
      updatedAt: 0,
    }));
    return [...this.deps.entries(), ...defined];
  }
}
