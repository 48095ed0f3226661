/**
 * A small data folder with every column type, boundary timestamps around NOW, hostile text,
 * a self relation, a long interactions table, a per-type table and an empty per-type table.
 * The expected members of the golden tests are worked out by hand from these rows.
 */
import { arrowFile, bool, date, jsonFile, list, num, text, ts } from './arrow-files';
import type { InputFile } from '../../src/data/decode-file';

export const NOW = Date.parse('2026-03-31T12:00:00Z');

export const HOSTILE_CITY = `100% O'Brien_\\`;

export function fixtureFiles(): InputFile[] {
  return [
    jsonFile('catalog.json', {
      entities: { contact: { key: 'contactid' }, account: { key: 'accountid' } },
      relations: [
        { name: 'contact_account', from: 'contact.parentcustomerid', to: 'account.accountid' },
        { name: 'contact_manager', from: 'contact.managerid', to: 'contact.contactid' },
      ],
      interactions: { contactLinks: ['ContactId', 'ReferrerContactId'] },
    }),
    arrowFile('contact', {
      contactid: text('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'),
      firstname: text('Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus'),
      address1_city: text('Seattle', 'seattle', 'Paris', null, HOSTILE_CITY, 'SEATTLE', 'Berlin'),
      donotemail: bool(false, true, false, null, false, null, true),
      birthdate: date('1980-03-15', '1990-12-31', null, '2026-03-31', '1975-06-01', '2026-03-01', '2026-02-28'),
      createdon: ts(
        '2026-03-01T12:00:00',
        '2026-02-28T23:59:59',
        '2025-12-31T12:00:00',
        '2026-03-20T15:00:00',
        '2025-01-01T00:00:00',
        '2026-03-31T12:00:00',
        '2026-04-01T00:00:00',
      ),
      parentcustomerid: text('a1', 'a2', 'a1', null, 'a3', 'a9', 'a2'),
      managerid: text(null, 'c1', 'c1', 'c2', null, 'c9', 'c6'),
      interests: list(['golf', 'Wine'], ['tech'], [], null, ['GOLF', null], ['wine', 'travel'], ['travel']),
      annualincome: num(120000, 55000.5, null, -10, 0, 75000, 1000000),
    }),
    arrowFile('account', {
      accountid: text('a1', 'a2', 'a3'),
      name: text('Contoso Pharmaceuticals', 'Fabrikam', 'Adatum'),
      revenue: num(25000000, 4000000, null),
      industrycode: num(3, 1, 3),
    }),
    arrowFile('interactions', {
      InteractionId: text('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10', 'e11', 'e12', 'e13', 'e14', 'e15', 'e16'),
      InteractionType: text(
        'EmailOpened',
        'EmailOpened',
        'EmailOpened',
        'EmailOpened',
        'EmailOpened',
        'EmailOpened',
        'EmailOpened',
        'EmailOpened',
        'EventRegistration',
        'EventRegistration',
        'EventRegistration',
        'WebsiteVisited',
        'WebsiteVisited',
        'WebsiteVisited',
        'WebsiteVisited',
        'WebsiteVisited',
      ),
      Timestamp: ts(
        '2026-03-30T10:00:00',
        '2026-03-20T10:00:00',
        '2026-03-01T12:00:00',
        '2026-03-01T11:59:59',
        '2026-03-25T00:00:00',
        '2026-04-01T00:00:00',
        '2026-03-10T00:00:00',
        '2026-03-11T00:00:00',
        '2026-02-02T00:00:00',
        '2026-02-03T00:00:00',
        '2026-02-04T00:00:00',
        '2026-03-02T00:00:00',
        '2026-03-03T00:00:00',
        '2026-03-04T00:00:00',
        '2026-03-05T00:00:00',
        '2026-03-06T00:00:00',
      ),
      ContactId: text('c1', 'c1', 'c1', 'c2', 'c2', 'c3', 'c99', null, 'c4', 'c6', 'c6', 'c2', 'c2', 'c5', 'c5', 'c4'),
      ReferrerContactId: text(null, null, null, null, null, null, null, null, 'c1', 'c1', null, null, null, null, null, null),
      MessageId: text(
        'msg-1',
        'msg-2',
        'msg-1',
        'msg-1',
        'msg-3',
        'msg-1',
        'msg-1',
        'msg-1',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ),
      VisitDuration: num(null, null, null, null, null, null, null, null, null, null, null, 400, 250, 590, null, null),
    }),
    arrowFile('EmailClicked', {
      InteractionId: text('k1', 'k2', 'k3'),
      Timestamp: ts('2026-03-29T00:00:00', '2025-01-15T00:00:00', '2026-03-30T00:00:00'),
      ContactId: text('c3', 'c5', 'c3'),
      MessageId: text('msg-1', 'MSG-1', 'msg-2'),
      Tags: list(null, ['vip'], null),
    }),
    arrowFile('FormSubmitted', { InteractionId: text(), Timestamp: ts(), ContactId: text(), FormId: text() }),
  ];
}
