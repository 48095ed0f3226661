/**
 * What every definition editor component reads without prop drilling: the loaded data, the
 * services, the problems, and the segment's zone and evaluation time; and, inside one
 * condition tree, that tree's root, selection and edit function.
 */
import { getContext, setContext } from 'svelte';
import type { Catalog } from '../../engine/catalog';
import type { Condition, InteractionQuery } from '../../engine/library-schema';
import type { PathSegment, Problem } from '../../engine/problems';
import type { DesignerServices } from './designer-services';
import type { EditorSelection } from './editor-selection.svelte';

export interface EditorContext {
  readonly catalog: Catalog;
  readonly services: DesignerServices;
  /** Problems with paths relative to the segment. */
  readonly problems: readonly Problem[];
  readonly timeZone: string;
  /** Evaluation instant for previews such as the histogram, epoch milliseconds. */
  readonly now: number;
}

export interface TreeContext {
  readonly root: Condition | undefined;
  /** Path of the tree's root relative to the segment, for problems. */
  readonly base: readonly PathSegment[];
  readonly selection: EditorSelection;
  /** The interaction query whose restrictions this tree is, if it is one (for value suggestions). */
  readonly within?: InteractionQuery;
  edit(change: (root: Condition | undefined) => Condition | undefined): void;
}

/** What a value box's suggestions count: the interactions admitted by every restriction but its own. */
export interface SuggestionContext {
  readonly within: InteractionQuery | undefined;
}

const EDITOR = Symbol('segment-editor');
const SUGGESTIONS = Symbol('value-suggestions');
const TREE = Symbol('condition-tree');

export function setEditorContext(context: EditorContext): void {
  setContext(EDITOR, context);
}

export function editorContext(): EditorContext {
  const context = getContext<EditorContext | undefined>(EDITOR);
  if (!context) throw new Error('Editor components must be placed inside SegmentEditor');
  return context;
}

export function setTreeContext(context: TreeContext): void {
  setContext(TREE, context);
}

export function treeContext(): TreeContext {
  const context = getContext<TreeContext | undefined>(TREE);
  if (!context) throw new Error('Condition components must be placed inside ConditionTree');
  return context;
}

export function setSuggestionContext(context: SuggestionContext): void {
  setContext(SUGGESTIONS, context);
}

/** Undefined outside a clause (a value box elsewhere counts the whole table). */
export function suggestionContext(): SuggestionContext | undefined {
  return getContext<SuggestionContext | undefined>(SUGGESTIONS);
}
