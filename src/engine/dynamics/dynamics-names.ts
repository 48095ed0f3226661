/**
 * Dynamics 365's names for what the catalog names its own way: an interaction's link to
 * contacts is `<Type>_ContactLink` (the ContactId link) or `<Type>_<Column>`, a relationship
 * is `<from>_<to>_<lookup field>`. Import accepts these and the catalog's own names.
 */
import type { Catalog, RelationInfo } from '../catalog';

export const CONTACT_LINK = 'ContactId';

export function linkName(type: string, link: string): string {
  return link === CONTACT_LINK ? `${type}_ContactLink` : `${type}_${link}`;
}

export function relationshipName(relation: RelationInfo): string {
  return `${relation.from.entity}_${relation.to.entity}_${relation.from.field}`;
}

/** The one of `candidates` equal to `word`, an exact match first, else ignoring case. */
export function matchName(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  return list.find((c) => c === word) ?? list.find((c) => c.toLowerCase() === word.toLowerCase());
}

/** The relation a Dynamics relationship name or the catalog's own name designates. */
export function findRelation(catalog: Catalog, word: string): RelationInfo | undefined {
  const exact = (r: RelationInfo) => r.name === word || relationshipName(r) === word;
  const loose = (r: RelationInfo) =>
    r.name.toLowerCase() === word.toLowerCase() || relationshipName(r).toLowerCase() === word.toLowerCase();
  return catalog.relations.find(exact) ?? catalog.relations.find(loose);
}
