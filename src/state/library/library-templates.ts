/** The definition a new segment starts from: the smallest valid one of its kind for the loaded data. */
import { defaultLink, type Catalog } from '../../engine/catalog';
import type { Library, SegmentInput, SegmentKind } from '../../engine/library-schema';

export const KIND_LABELS: Record<SegmentKind, string> = {
  profile: 'Profile',
  interaction: 'Interaction',
  compound: 'Compound',
  static: 'Static',
};

export const KIND_HINTS: Record<SegmentKind, string> = {
  profile: 'Contacts whose fields, or related records, match query groups',
  interaction: 'Contacts with a number of interactions of one type, e.g. opened 3 emails',
  compound: 'Other live segments combined by union, intersect or exclude',
  static: 'A fixed list of contacts',
};

function firstInteraction(catalog: Catalog | undefined): string {
  const types = Object.entries(catalog?.interactions.types ?? {});
  const usable = types.find(([, type]) => defaultLink(type) !== undefined) ?? types[0];
  return usable?.[0] ?? 'EmailOpened';
}

export function newDefinition(kind: SegmentKind, name: string, catalog: Catalog | undefined, library: Library): SegmentInput {
  const common = { name, status: 'draft' as const, timeZone: 'UTC' };
  switch (kind) {
    case 'profile':
      return { ...common, kind, query: { groups: [{}] } };
    case 'interaction':
      return { ...common, kind, query: { interaction: firstInteraction(catalog), count: { op: 'atLeast', value: 1 } } };
    case 'compound': {
      const live = library.segments.find((s) => s.status === 'live' && s.name !== name);
      return { ...common, kind, query: { steps: [{ segment: live?.name ?? '' }] } };
    }
    case 'static':
      return { ...common, kind, members: [] };
  }
}
