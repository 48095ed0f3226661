/** Queries the static-segment editor needs: find contacts by text, and which ids exist. */
import { contactEntity, type Catalog } from '../catalog';
import { compileSegment } from '../compile/compile-segment';
import type { Condition } from '../library-schema';
import type { Query } from '../sql/ast';
import * as q from '../sql/build';
import { labelField } from '../designer/record-label';

export const CONTACT_SEARCH_LIMIT = 20;

/** Columns `id` and `label`: contacts whose key or any text field contains `search`, ignoring case. */
export function contactSearchQuery(catalog: Catalog, search: string, limit = CONTACT_SEARCH_LIMIT): Query {
  const contact = contactEntity(catalog);
  const nameField = labelField('contact', contact);
  const needle = q.lower(q.text(search));
  const textFields = Object.entries(contact.fields)
    .filter(([, type]) => type === 'text')
    .map(([name]) => name);
  const key = q.col('c', contact.key);
  return q.select([q.as(key, 'id'), q.as(nameField ? q.col('c', nameField) : q.NULL, 'label')], {
    from: q.table(contact.table, 'c'),
    where: q.or(
      ...[...new Set([contact.key, ...textFields])].map((f) => q.coalesce(q.call('contains', q.lower(q.col('c', f)), needle), q.FALSE)),
    ),
    orderBy: [key],
    limit,
  });
}

/** Column `id`: those of `ids` that are contact keys. */
export function knownContactsQuery(catalog: Catalog, ids: readonly string[]): Query {
  const contact = contactEntity(catalog);
  const key = q.col('c', contact.key);
  return q.select([q.as(key, 'id')], {
    from: q.table(contact.table, 'c'),
    where: ids.length ? q.inList(key, ids.map(q.text)) : q.FALSE,
  });
}

/** Column `id`: contacts matching a condition on contacts (validate it first). */
export function matchingContactsQuery(catalog: Catalog, condition: Condition, timeZone: string, now: number): Query {
  return compileSegment(
    { name: 'ByQuery', kind: 'profile', status: 'draft', timeZone, query: { groups: [{ where: condition }] } },
    {
      catalog,
      now,
      segmentQuery: (name) => {
        throw new Error(`a condition cannot refer to segment ${name}`);
      },
    },
  );
}
