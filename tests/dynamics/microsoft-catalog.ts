/** A catalog with the names DYNAMICS.md's worked examples assume (Microsoft's documentation). */
import type { Catalog, Fields } from '../../src/engine/catalog';

const interaction = (table: string, fields: Fields, links = ['ContactId']) => ({
  table,
  fields: { InteractionId: 'text', Timestamp: 'timestamp', ...Object.fromEntries(links.map((l) => [l, 'text'])), ...fields } as Fields,
  links,
});

export const MICROSOFT_CATALOG: Catalog = {
  contactEntity: 'contact',
  entities: {
    contact: {
      table: 'contact',
      key: 'contactid',
      fields: {
        contactid: 'text',
        emailaddress1: 'text',
        address1_city: 'text',
        donotemail: 'boolean',
        birthdate: 'date',
        createdon: 'timestamp',
        parentcustomerid: 'text',
        managerid: 'text',
        interests: 'textList',
        annualincome: 'number',
      },
    },
    account: {
      table: 'account',
      key: 'accountid',
      fields: { accountid: 'text', name: 'text', revenue: 'number', primarycontactid: 'text' },
    },
    Subscription: {
      table: 'Subscription',
      key: 'subscriptionid',
      fields: { subscriptionid: 'text', SubscriptionEndDate: 'date', contactid: 'text' },
    },
  },
  relations: [
    { name: 'contact_account', from: { entity: 'contact', field: 'parentcustomerid' }, to: { entity: 'account', field: 'accountid' } },
    { name: 'contact_manager', from: { entity: 'contact', field: 'managerid' }, to: { entity: 'contact', field: 'contactid' } },
    { name: 'account_primary', from: { entity: 'account', field: 'primarycontactid' }, to: { entity: 'contact', field: 'contactid' } },
    { name: 'InSubscription', from: { entity: 'Subscription', field: 'contactid' }, to: { entity: 'contact', field: 'contactid' } },
  ],
  interactions: {
    typeField: 'InteractionType',
    timestampField: 'Timestamp',
    contactLinks: ['ContactId', 'ReferrerContactId'],
    types: {
      EmailSoftBounced: interaction('EmailSoftBounced', {}),
      RedirectLinkClicked: interaction('RedirectLinkClicked', { EmailId: 'text' }),
      EmailOpened: interaction('EmailOpened', { MessageId: 'text', SentOn: 'date' }),
      EventRegistration: interaction('EventRegistration', {}, ['ContactId', 'ReferrerContactId']),
      WebsiteVisited: interaction('WebsiteVisited', { VisitDuration: 'number', Url: 'text' }),
    },
  },
};
