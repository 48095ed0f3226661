/** Import semantics of DYNAMICS.md "Import": what analysts paste, and located refusals. */
import { describe, expect, it } from 'vitest';
import { formatProblem, importDynamics } from '../../src/engine/dynamics/dynamics';
import type { Condition, InteractionQuery, Segment } from '../../src/engine/library-schema';
import { MICROSOFT_CATALOG } from './microsoft-catalog';

function imported(text: string, name?: string): { segment: Segment; definitions: Segment[] } {
  const result = importDynamics(text, MICROSOFT_CATALOG, name ? { name } : {});
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result;
}

function where(text: string): Condition | undefined {
  const { segment } = imported(`PROFILE(contact).FILTER(${text})`);
  if (segment.kind !== 'profile') throw new Error(`not a profile: ${segment.kind}`);
  return segment.query.groups[0]!.where;
}

function query(text: string): InteractionQuery {
  const { segment } = imported(text);
  if (segment.kind !== 'interaction') throw new Error(`not an interaction: ${segment.kind}`);
  return segment.query;
}

function refusals(text: string): string[] {
  const result = importDynamics(text, MICROSOFT_CATALOG);
  if (result.ok) throw new Error(`imported: ${JSON.stringify(result)}`);
  return result.problems.map(formatProblem);
}

const opened = (having: string, filter = '') => `INTERACTION(EmailOpened, EmailOpened_ContactLink)${filter}.HAVING(${having})`;

describe('import: conditions', () => {
  it('maps every comparison by field type', () => {
    expect(where("address1_city == 'Seattle'")).toEqual({ field: 'address1_city', op: 'eq', value: 'Seattle' });
    expect(where("address1_city != 'Seattle'")).toEqual({ field: 'address1_city', op: 'neq', value: 'Seattle' });
    for (const [op, name] of [
      ['==', 'eq'],
      ['!=', 'neq'],
      ['<', 'lt'],
      ['<=', 'lte'],
      ['>', 'gt'],
      ['>=', 'gte'],
    ])
      expect(where(`annualincome ${op} -2.5`)).toEqual({ field: 'annualincome', op: name, value: -2.5 });
    for (const [op, name] of [
      ['==', 'on'],
      ['<', 'before'],
      ['<=', 'onOrBefore'],
      ['>', 'after'],
      ['>=', 'onOrAfter'],
    ]) {
      expect(where(`birthdate ${op} '2026-03-01'`)).toEqual({ field: 'birthdate', op: name, value: '2026-03-01' });
      expect(where(`createdon ${op} '2026-03-01'`)).toEqual({ field: 'createdon', op: name, value: '2026-03-01' });
    }
    expect(where('donotemail == True')).toEqual({ field: 'donotemail', op: 'isTrue' });
    expect(where('donotemail == false')).toEqual({ field: 'donotemail', op: 'isFalse' });
    expect(where("emailaddress1 CONTAINS '@contoso'")).toEqual({ field: 'emailaddress1', op: 'contains', value: '@contoso' });
    expect(where("emailaddress1 STARTSWITH 'a'")).toEqual({ field: 'emailaddress1', op: 'beginsWith', value: 'a' });
    expect(where("emailaddress1 ENDSWITH '.com'")).toEqual({ field: 'emailaddress1', op: 'endsWith', value: '.com' });
    expect(where('ISNULL(address1_city)')).toEqual({ field: 'address1_city', op: 'isNull' });
    expect(where('ISNOTNULL(address1_city)')).toEqual({ field: 'address1_city', op: 'isNotNull' });
    expect(where("NOT(address1_city == 'x')")).toEqual({ not: { field: 'address1_city', op: 'eq', value: 'x' } });
  });

  it("reads escapes in strings: \\\\ is a backslash, \\' a quote", () => {
    expect(where("address1_city == '100% O\\'Brien_\\\\'")).toEqual({ field: 'address1_city', op: 'eq', value: "100% O'Brien_\\" });
  });

  it('binds && tighter than || and OR; parentheses group', () => {
    const a = { field: 'address1_city', op: 'eq', value: 'a' };
    const b = { field: 'address1_city', op: 'eq', value: 'b' };
    const c = { field: 'donotemail', op: 'isTrue' };
    expect(where("address1_city == 'a' || address1_city == 'b' && donotemail == True")).toEqual({ or: [a, { and: [b, c] }] });
    expect(where("(address1_city == 'a' OR address1_city == 'b') && donotemail == True")).toEqual({ and: [{ or: [a, b] }, c] });
  });

  it('takes any whitespace, line breaks, keyword case and name case; exact name match wins', () => {
    const text = "\n  profile ( CONTACT )\r\n\t. filter (\n ADDRESS1_CITY   ==\n'x' or\u00a0DoNotEmail == TRUE )\n";
    expect(imported(text).segment).toEqual({
      name: 'Imported',
      status: 'draft',
      timeZone: 'UTC',
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              or: [
                { field: 'address1_city', op: 'eq', value: 'x' },
                { field: 'donotemail', op: 'isTrue' },
              ],
            },
          },
        ],
      },
    });
  });

  it('resolves alias prefixes on the entity and after a TRAVERSE', () => {
    expect(
      imported(
        "PROFILE(account, account_1).FILTER(account_1.revenue > 5).TRAVERSE(contact_account_parentcustomerid, contact_1).FILTER(contact_1.address1_city == 'x')",
      ).segment,
    ).toMatchObject({
      kind: 'profile',
      query: {
        groups: [
          {
            where: {
              and: [
                { field: 'address1_city', op: 'eq', value: 'x' },
                { related: 'account', via: 'contact_account', where: { field: 'revenue', op: 'gt', value: 5 } },
              ],
            },
          },
        ],
      },
    });
    expect(imported("PROFILE(contact, contact_1).FILTER(contact_1.address1_city == 'x')").segment).toMatchObject({
      query: { groups: [{ where: { field: 'address1_city', op: 'eq', value: 'x' } }] },
    });
  });

  it('turns a chain from another entity to contact into related conditions; the catalog name works too', () => {
    const chain = "PROFILE(account).FILTER(revenue >= 10).TRAVERSE(contact_account).FILTER(address1_city == 'x')";
    expect(imported(chain).segment).toMatchObject({
      query: {
        groups: [
          {
            where: {
              and: [
                { field: 'address1_city', op: 'eq', value: 'x' },
                { related: 'account', via: 'contact_account', where: { field: 'revenue', op: 'gte', value: 10 } },
              ],
            },
          },
        ],
      },
    });
    expect(imported('PROFILE(account).TRAVERSE(account_contact_primarycontactid)').segment).toMatchObject({
      query: { groups: [{ where: { related: 'account', via: 'account_primary' } }] },
    });
  });

  it('follows a relation from contact to contact along its lookup', () => {
    expect(imported("PROFILE(contact).FILTER(address1_city == 'x').TRAVERSE(contact_contact_managerid)").segment).toMatchObject({
      query: {
        groups: [
          { where: { related: 'contact', via: 'contact_manager', reverse: true, where: { field: 'address1_city', op: 'eq', value: 'x' } } },
        ],
      },
    });
  });
});

describe('import: interactions', () => {
  it('maps COUNT() comparisons as DYNAMICS.md fixes', () => {
    expect(query(opened('COUNT()>2')).count).toEqual({ op: 'atLeast', value: 3 });
    expect(query(opened('COUNT()>=2')).count).toEqual({ op: 'atLeast', value: 2 });
    expect(query(opened('COUNT()==2')).count).toEqual({ op: 'exactly', value: 2 });
    expect(query(opened('COUNT()<3')).count).toEqual({ op: 'between', value: [1, 2] });
    expect(query(opened('COUNT()<=3')).count).toEqual({ op: 'between', value: [1, 3] });
  });

  it('maps SUM/AVG/MIN/MAX with >=, <= and ==', () => {
    const visited = (having: string) => `INTERACTION(WebsiteVisited, WebsiteVisited_ContactLink).HAVING(${having})`;
    expect(query(visited('SUM(VisitDuration)>=600'))).toMatchObject({
      measure: { agg: 'sum', field: 'VisitDuration' },
      count: { op: 'atLeast', value: 600 },
    });
    expect(query(visited('AVG(VisitDuration)<=1.5'))).toMatchObject({
      measure: { agg: 'avg', field: 'VisitDuration' },
      count: { op: 'atMost', value: 1.5 },
    });
    expect(query(visited('MIN(VisitDuration)==0'))).toMatchObject({
      measure: { agg: 'min', field: 'VisitDuration' },
      count: { op: 'exactly', value: 0 },
    });
    expect(query(visited('max(visitduration)>=-1'))).toMatchObject({
      measure: { agg: 'max', field: 'VisitDuration' },
      count: { op: 'atLeast', value: -1 },
    });
  });

  it('reads windows, links, and FILTER before or after HAVING', () => {
    expect(query(opened('COUNT()>0, UTCDAYS(30)')).window).toEqual({ last: 30, unit: 'day' });
    expect(query(opened('COUNT()>0, UTCMONTHS(2)')).window).toEqual({ last: 2, unit: 'month' });
    expect(query(opened('COUNT()>0, UTCYEARS(1)')).window).toEqual({ last: 1, unit: 'year' });
    expect(query(opened('COUNT()>0')).window).toBeUndefined();
    expect(query('INTERACTION(EventRegistration, EventRegistration_ReferrerContactId).HAVING(COUNT()>0)').relation).toBe(
      'ReferrerContactId',
    );
    expect(query('INTERACTION(EventRegistration, ReferrerContactId).HAVING(COUNT()>0)').relation).toBe('ReferrerContactId');
    const after = query("INTERACTION(EmailOpened, EmailOpened_ContactLink).HAVING(COUNT()>0).FILTER(MessageId == 'm')");
    const before = query(opened('COUNT()>0', ".FILTER(MessageId == 'm')"));
    expect(after).toEqual(before);
    expect(before).toEqual({
      interaction: 'EmailOpened',
      relation: 'ContactId',
      where: { field: 'MessageId', op: 'eq', value: 'm' },
      count: { op: 'atLeast', value: 1 },
    });
  });
});

describe('import: definitions and set expressions', () => {
  it('imports named definitions live and the set expression as a draft compound', () => {
    const text =
      "Seattle = PROFILE(contact).FILTER(address1_city == 'Seattle') Opened = " +
      opened('COUNT()>0') +
      '\nSEGMENT(seattle) EXCEPT SEGMENT(Opened)';
    const { segment, definitions } = imported(text, 'SeattleNeverOpened');
    expect(segment).toEqual({
      name: 'SeattleNeverOpened',
      status: 'draft',
      timeZone: 'UTC',
      kind: 'compound',
      query: { steps: [{ segment: 'Seattle' }, { combine: 'exclude', segment: 'Opened' }] },
    });
    expect(definitions.map((d) => [d.name, d.kind, d.status])).toEqual([
      ['Seattle', 'profile', 'live'],
      ['Opened', 'interaction', 'live'],
    ]);
  });

  it('makes one group per profile chain and keeps undefined SEGMENT names as references', () => {
    const { segment } = imported(
      "PROFILE(contact).FILTER(address1_city == 'a') INTERSECT PROFILE(contact) EXCEPT PROFILE(contact).FILTER(donotemail == True)",
    );
    expect(segment).toMatchObject({
      kind: 'profile',
      query: {
        groups: [
          { where: { field: 'address1_city' } },
          { combine: 'intersect' },
          { combine: 'exclude', where: { field: 'donotemail', op: 'isTrue' } },
        ],
      },
    });
    expect(imported('SEGMENT(Elsewhere)').segment).toMatchObject({ kind: 'compound', query: { steps: [{ segment: 'Elsewhere' }] } });
  });

  it('gives the profile operands of a mixed set expression segments of their own', () => {
    const { segment, definitions } = imported('Did = ' + opened('COUNT()>0') + ' PROFILE(contact) EXCEPT SEGMENT(Did)', 'Never');
    expect(segment).toMatchObject({ kind: 'compound', query: { steps: [{ segment: 'Never_1' }, { combine: 'exclude', segment: 'Did' }] } });
    expect(definitions.map((d) => [d.name, d.kind, d.status])).toEqual([
      ['Never_1', 'profile', 'live'],
      ['Did', 'interaction', 'live'],
    ]);
  });
});

describe('import: refusals name line, column and cause', () => {
  it('refuses constructs with no Segment Studio meaning', () => {
    expect(refusals('PROFILE(contact).FILTER(DATEDIFF(day, createdon, DATETIMEUTCNOW()) > 3)')).toEqual([
      "line 1, column 25: DATEDIFF(…) has no Segment Studio meaning: compare the field with a date such as '2026-01-31'",
    ]);
    expect(refusals('PROFILE(contact).FILTER(annualincome + 1 > 3)')[0]).toMatch(/^line 1, column 25: arithmetic/);
    expect(refusals('PROFILE(contact).FILTER(annualincome > birthdate)')[0]).toMatch(/^line 1, column 25: a field compared with a field/);
    expect(refusals('PROFILE(contact).ORDERBY(createdon)')[0]).toMatch(/^line 1, column 18: ORDERBY has no Segment Studio meaning/);
    expect(refusals('PROFILE(contact).TAKE(10)')[0]).toMatch(/^line 1, column 18: TAKE/);
    expect(refusals("PROFILE(contact).FILTER(createdon > Date('2026-01-01'))")[0]).toMatch(/^line 1, column 37: Date\(…\)/);
  });

  it('refuses forbidden HAVING forms quoting the rule', () => {
    expect(refusals(opened('COUNT()==0'))[0]).toMatch(/^line 1, column 58: Dynamics 365 forbids COUNT\(\) == 0/);
    expect(refusals(opened('COUNT()!=2'))[0]).toMatch(/^line 1, column 65: Dynamics 365 forbids/);
    expect(refusals(opened('COUNT()>-1'))[0]).toMatch(/whole number/);
    expect(refusals(opened('COUNT()>1.5'))[0]).toMatch(/whole number/);
    expect(refusals(opened('COUNTDISTINCT(MessageId)>1'))[0]).toMatch(/COUNTDISTINCT is not a Dynamics aggregate/);
    expect(refusals(opened('COUNT()>1, UTCWEEKS(2)'))[0]).toMatch(/UTCWEEKS is not Dynamics: write UTCDAYS/);
  });

  it('refuses unknown names with the closest one, and links that do not lead to contacts', () => {
    expect(refusals('PROFILE(contcat)')).toEqual(['line 1, column 9: unknown entity "contcat"; did you mean "contact"?']);
    expect(refusals("PROFILE(contact).FILTER(adress1_city == 'x')")).toEqual([
      'line 1, column 25: unknown field "adress1_city" of contact; did you mean "address1_city"?',
    ]);
    expect(refusals('INTERACTION(EmailOpend, EmailOpened_ContactLink).HAVING(COUNT()>0)')).toEqual([
      'line 1, column 13: unknown interaction type "EmailOpend"; did you mean "EmailOpened"?',
    ]);
    expect(refusals('PROFILE(account).TRAVERSE(contact_account_parentcustomeid)')[0]).toMatch(
      /^line 1, column 27: unknown relationship "contact_account_parentcustomeid"; did you mean "contact_account_parentcustomerid"\?/,
    );
    expect(refusals('INTERACTION(EmailOpened, EmailOpened_MessageId).HAVING(COUNT()>0)')[0]).toMatch(
      /^line 1, column 26: MessageId is a field of EmailOpened, not a link to contacts/,
    );
    expect(refusals('PROFILE(contact).TRAVERSE(contact_account_parentcustomerid)')[0]).toMatch(
      /^line 1, column 1: this chain ends at account: it selects account records, not contacts/,
    );
  });

  it('refuses bare names, MINUS, AND, IN and function-form CONTAINS, and finds problems on later lines', () => {
    expect(refusals('SEGMENT(a) UNION b')).toEqual(['line 1, column 18: a bare name "b" where SEGMENT(b) is meant']);
    expect(refusals('SEGMENT(a) MINUS SEGMENT(b)')).toEqual(['line 1, column 12: MINUS is not Dynamics syntax: write EXCEPT']);
    expect(refusals("PROFILE(contact).FILTER(address1_city == 'a'\n  AND donotemail == True)")).toEqual([
      'line 2, column 3: AND is not Dynamics syntax: write &&',
    ]);
    expect(refusals("PROFILE(contact).FILTER(address1_city IN ('a', 'b'))")[0]).toMatch(
      /^line 1, column 25: IN \(…\) is not Dynamics syntax/,
    );
    expect(refusals("PROFILE(contact).FILTER(CONTAINS(address1_city, 'a'))")[0]).toMatch(/^line 1, column 25: function-form CONTAINS/);
    expect(refusals("PROFILE(contact)\n.FILTER(address1_city == 'a'")).toEqual([
      "line 2, column 29: expected ')', && or ||, found the end of the text",
    ]);
  });
});
