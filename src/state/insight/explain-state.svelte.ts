/**
 * "Why is this contact (not) in the segment": the contact picked in the members table or found
 * by key or name, explained against the definition the preview last evaluated, and explained
 * again whenever that definition, the data or the instant changes.
 */
import type { Explanation } from '../../engine/explain/trace';
import type { ContactMatch, DesignerServices } from '../designer/designer-services';
import type { EvaluatedSegment } from '../preview/preview-state.svelte';
import type { InsightServices } from './insight-services';

export type ExplainStatus = 'idle' | 'running' | 'ready' | 'error';

export class ExplainState {
  /** The contact key being explained. */
  contact: string | undefined = $state();
  status: ExplainStatus = $state('idle');
  result: Explanation | undefined = $state.raw();
  error: string | undefined = $state();
  /** Contacts matching the lookup text (members and non-members alike). */
  matches: readonly ContactMatch[] = $state.raw([]);
  searching = $state(false);
  searchError: string | undefined = $state();
  private evaluated: EvaluatedSegment | undefined;
  private generation = 0;
  private searchGeneration = 0;

  constructor(
    private readonly services: Pick<InsightServices, 'explain'>,
    private readonly designer: Pick<DesignerServices, 'searchContacts'>,
  ) {}

  /** The preview evaluated a new definition (or none): the shown answer follows it. */
  follow(evaluated: EvaluatedSegment | undefined): void {
    const switched = evaluated?.id !== this.evaluated?.id;
    this.evaluated = evaluated;
    if (switched) [this.contact, this.result, this.status, this.error] = [undefined, undefined, 'idle', undefined];
    else if (this.contact !== undefined) void this.run(this.contact);
  }

  show(contact: string): Promise<void> {
    this.contact = contact;
    return this.run(contact);
  }

  async search(text: string): Promise<void> {
    const generation = ++this.searchGeneration;
    this.searching = true;
    try {
      const found = await this.designer.searchContacts(text);
      if (generation !== this.searchGeneration) return;
      [this.matches, this.searchError] = [found, undefined];
    } catch (error) {
      if (generation === this.searchGeneration) this.searchError = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this.searchGeneration) this.searching = false;
    }
  }

  private async run(contact: string): Promise<void> {
    const generation = ++this.generation;
    const evaluated = this.evaluated;
    if (!evaluated) {
      [this.status, this.error] = ['error', 'The segment is not evaluated yet: finish its definition first.'];
      return;
    }
    this.status = 'running';
    try {
      const result = await this.services.explain(evaluated.library, evaluated.segment.name, contact, evaluated.now);
      if (generation !== this.generation) return;
      [this.result, this.status, this.error] = [result, 'ready', undefined];
    } catch (error) {
      if (generation !== this.generation) return;
      [this.result, this.status, this.error] = [undefined, 'error', error instanceof Error ? error.message : String(error)];
    }
  }
}
