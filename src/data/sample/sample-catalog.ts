/** The catalog.json of the sample data: the lookups Dynamics has that names alone do not reveal. */
import type { CatalogFile } from '../catalog-file';

export const SAMPLE_CATALOG: CatalogFile = {
  entities: {
    contact: { key: 'contactid' },
    account: { key: 'accountid' },
    lead: { key: 'leadid' },
  },
  relations: [
    { name: 'contact_account', from: 'contact.parentcustomerid', to: 'account.accountid' },
    { name: 'account_primarycontact', from: 'account.primarycontactid', to: 'contact.contactid' },
    { name: 'lead_contact', from: 'lead.parentcontactid', to: 'contact.contactid' },
    { name: 'lead_account', from: 'lead.parentaccountid', to: 'account.accountid' },
    { name: 'message_journey', from: 'message.customerjourneyid', to: 'customerjourney.customerjourneyid' },
  ],
  interactions: {
    typeField: 'InteractionType',
    timestampField: 'Timestamp',
    contactLinks: ['ContactId', 'ReferrerContactId'],
  },
};
