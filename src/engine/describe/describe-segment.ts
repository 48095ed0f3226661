/** A whole segment definition in words, for the designer's summary line and outline view. */
import type { Combine, Condition } from '../library-schema';
import { describeCondition, describeInteractionHead, outlineCondition, type DescriptionLine } from './describe-condition';
import type { ProfileDraft, SegmentDraft } from '../designer/segment-draft';

const COMBINE_PHRASES: Record<Combine, string> = {
  union: 'add',
  intersect: 'keep only',
  exclude: 'remove',
};

function groupPhrase(where: Condition | undefined): string {
  if (!where) return 'all contacts';
  const sentence = describeCondition(where);
  return sentence.startsWith('has ') ? `contacts who ${sentence.replace(/^has /, 'have ')}` : `contacts where ${sentence}`;
}

export function describeSegment(segment: SegmentDraft): string {
  switch (segment.kind) {
    case 'profile':
      return segment.query.groups
        .map((group, i) => {
          const phrase = groupPhrase(group.where);
          if (i === 0) return capitalize(phrase);
          return `${COMBINE_PHRASES[group.combine ?? 'union']} ${phrase}`;
        })
        .join('; then ');
    case 'interaction': {
      const head = `Contacts who ${describeInteractionHead(segment.query).replace(/^has /, 'have ')}`;
      return segment.query.where ? `${head}, where ${describeCondition(segment.query.where)}` : head;
    }
    case 'compound':
      return segment.query.steps
        .map((step, i) =>
          i === 0 ? `Members of ${step.segment || '…'}` : `${COMBINE_PHRASES[step.combine ?? 'union']} members of ${step.segment || '…'}`,
        )
        .join('; then ');
    case 'static': {
      const n = new Set(segment.members).size;
      return `${n} listed contact${n === 1 ? '' : 's'}`;
    }
  }
}

/** One outline entry per profile group, each with the group's conditions. */
export function outlineGroups(segment: ProfileDraft): DescriptionLine[] {
  return segment.query.groups.map((group, i) => {
    const title = i === 0 ? `Group ${i + 1}: start with` : `Group ${i + 1}: ${COMBINE_PHRASES[group.combine ?? 'union']}`;
    if (!group.where) return { text: `${title} all contacts`, children: [] };
    return { text: `${title} contacts where`, children: [outlineCondition(group.where)] };
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
