/** The syntax tree the generated parser (dynamics.peggy) returns: plain objects with positions. */

/** Where a node starts: line and column counted from 1, offset from 0. */
export interface Loc {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface Name {
  readonly text: string;
  readonly loc: Loc;
}

export interface Word {
  /** The operator or keyword as written, keywords in capitals. */
  readonly word: string;
  readonly loc: Loc;
}

export interface QueryNode {
  readonly definitions: readonly DefinitionNode[];
  readonly expression: SetNode | null;
}

export interface DefinitionNode {
  readonly name: Name;
  readonly loc: Loc;
  readonly body: SetNode;
}

export interface SetNode {
  readonly kind: 'set';
  readonly loc: Loc;
  readonly head: OperandNode;
  readonly tail: readonly { readonly op: Word; readonly operand: OperandNode }[];
}

export type OperandNode = SegmentRefNode | ProfileNode | InteractionNode | BareNameNode;

export interface SegmentRefNode {
  readonly kind: 'segment';
  readonly loc: Loc;
  readonly name: Name;
}

export interface BareNameNode {
  readonly kind: 'bare';
  readonly loc: Loc;
  readonly name: Name;
}

export interface ProfileNode {
  readonly kind: 'profile';
  readonly loc: Loc;
  readonly entity: Name;
  readonly alias: Name | null;
  readonly steps: readonly (FilterNode | TraverseNode | OtherStepNode)[];
}

export interface FilterNode {
  readonly kind: 'filter';
  readonly loc: Loc;
  readonly condition: ConditionNode;
}

export interface TraverseNode {
  readonly kind: 'traverse';
  readonly loc: Loc;
  readonly relation: Name;
  readonly alias: Name | null;
  readonly relationFilter: Loc | null;
}

/** A step such as ORDERBY(…) or TAKE(…): parsed so it can be refused by name. */
export interface OtherStepNode {
  readonly kind: 'other';
  readonly loc: Loc;
  readonly name: Name;
}

export interface InteractionNode {
  readonly kind: 'interaction';
  readonly loc: Loc;
  readonly type: Name;
  readonly link: Name;
  readonly steps: readonly (FilterNode | HavingNode | OtherStepNode)[];
}

export interface CompareOp {
  readonly op: string;
  readonly loc: Loc;
}

export interface HavingNode {
  readonly kind: 'having';
  readonly loc: Loc;
  readonly left: ExprNode;
  readonly op: CompareOp;
  readonly right: ExprNode;
  readonly window: ExprNode | null;
}

export type ConditionNode =
  | { readonly kind: 'or' | 'and'; readonly loc: Loc; readonly items: readonly ConditionNode[]; readonly ops: readonly Word[] }
  | { readonly kind: 'not'; readonly loc: Loc; readonly condition: ConditionNode }
  | { readonly kind: 'null'; readonly loc: Loc; readonly test: 'ISNULL' | 'ISNOTNULL'; readonly operand: ExprNode }
  | { readonly kind: 'in'; readonly loc: Loc; readonly negated: boolean }
  | { readonly kind: 'text'; readonly loc: Loc; readonly op: Word; readonly left: ExprNode; readonly right: ExprNode }
  | { readonly kind: 'compare'; readonly loc: Loc; readonly op: CompareOp; readonly left: ExprNode; readonly right: ExprNode }
  | { readonly kind: 'bareCall'; readonly loc: Loc; readonly call: CallNode }
  | { readonly kind: 'textCall'; readonly loc: Loc; readonly word: string };

export interface CallNode {
  readonly kind: 'call';
  readonly loc: Loc;
  readonly name: Name;
  readonly args: readonly ExprNode[];
}

export type ExprNode =
  | CallNode
  | { readonly kind: 'number'; readonly loc: Loc; readonly text: string; readonly value: number }
  | { readonly kind: 'string'; readonly loc: Loc; readonly value: string }
  | { readonly kind: 'boolean'; readonly loc: Loc; readonly value: boolean }
  | { readonly kind: 'null-literal'; readonly loc: Loc }
  | { readonly kind: 'field'; readonly loc: Loc; readonly prefix: Name | null; readonly name: Name }
  | { readonly kind: 'arithmetic'; readonly loc: Loc };
