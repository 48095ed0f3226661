/**
 * The same random dataset as the reference evaluator sees it, following SPEC §2 by hand:
 * per-type rows combined with the long table's rows of that type, the interaction type as a
 * field, relations from catalog.json plus the inferred `account_contactid`.
 */
import type { RefData, RefFieldType, RefInteractionType, RefRow } from '../reference/ref-data';
import {
  ACCOUNT_COLUMNS,
  CONTACT_COLUMNS,
  EMAIL_OPENED_COLUMNS,
  LEAD_COLUMNS,
  FIELD_TYPE,
  LONG_COLUMNS,
  LONG_TYPES,
  WEBSITE_VISITED_COLUMNS,
  type Columns,
  type Dataset,
} from './dataset';

const TYPE_FIELD = 'InteractionType';

function fieldTypes(...columnSets: Columns[]): Record<string, RefFieldType> {
  const fields: Record<string, RefFieldType> = {};
  for (const columns of columnSets) for (const [name, kind] of Object.entries(columns)) fields[name] = FIELD_TYPE[kind];
  return fields;
}

function interactionType(columnSets: Columns[], rows: RefRow[], type: string): RefInteractionType {
  const fields = { ...fieldTypes(...columnSets), [TYPE_FIELD]: 'text' as const };
  const links = ['ContactId', 'ReferrerContactId'].filter((l) => l in fields);
  return { fields, links, rows: rows.map((r) => ({ ...r, [TYPE_FIELD]: type })) };
}

export function datasetReference(dataset: Dataset): RefData {
  const longOf = (type: string) => dataset.interactions.filter((r) => r[TYPE_FIELD] === type);
  const types: Record<string, RefInteractionType> = {};
  for (const type of LONG_TYPES) types[type] = interactionType([LONG_COLUMNS], longOf(type), type);
  types.EmailOpened = interactionType(
    [LONG_COLUMNS, EMAIL_OPENED_COLUMNS],
    [...longOf('EmailOpened'), ...dataset.emailOpened],
    'EmailOpened',
  );
  types.WebsiteVisited = interactionType([WEBSITE_VISITED_COLUMNS], [...dataset.websiteVisited], 'WebsiteVisited');
  return {
    entities: {
      contact: { key: 'contactid', fields: fieldTypes(CONTACT_COLUMNS), rows: dataset.contacts },
      account: { key: 'accountid', fields: fieldTypes(ACCOUNT_COLUMNS), rows: dataset.accounts },
      // Keys are text whatever their stored type (SPEC §2), so the integer lead key is a text field.
      lead: {
        key: 'leadid',
        fields: { ...fieldTypes(LEAD_COLUMNS), leadid: 'text' },
        rows: dataset.leads.map((r) => ({ ...r, leadid: String(r.leadid) })),
      },
    },
    relations: [
      { name: 'contact_account', from: { entity: 'contact', field: 'parentcustomerid' }, to: { entity: 'account', field: 'accountid' } },
      { name: 'contact_parent', from: { entity: 'contact', field: 'parentcontactid' }, to: { entity: 'contact', field: 'contactid' } },
      { name: 'account_contactid', from: { entity: 'account', field: 'contactid' }, to: { entity: 'contact', field: 'contactid' } },
      // Inferred: a contact column named like lead's key, ignoring case, keeps its own spelling in the name.
      { name: 'contact_LeadId', from: { entity: 'contact', field: 'LeadId' }, to: { entity: 'lead', field: 'leadid' } },
    ],
    timestampField: 'Timestamp',
    interactionTypes: types,
  };
}
