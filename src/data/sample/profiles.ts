/**
 * Profile records in Dynamics 365 style: contacts, the accounts they work for and leads.
 * Column names follow Dynamics (contactid, emailaddress1, address1_city, parentcustomerid …).
 */
import { DAY, type Calendar } from './calendar';
import { textValues, type Columns, type DictionaryColumn } from './arrow-columns';
import { Random, WeightedIndex } from './random';
import {
  CITIES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  INDUSTRIES,
  INTEREST_WEIGHTS,
  INTERESTS,
  JOB_TITLES,
  LAST_NAMES,
  LEAD_SOURCE_WEIGHTS,
  LEAD_SOURCES,
  LEAD_STATUS_WEIGHTS,
  LEAD_STATUSES,
} from './vocabulary';

export interface Profiles {
  readonly contact: Columns;
  readonly account: Columns;
  readonly lead: Columns;
  /** The contact ids, as the dictionary interactions point into. */
  readonly contactIds: DictionaryColumn['values'];
}

export function recordId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(7, '0')}`;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** A column of indices into a list of words, one draw per row. */
class Draws {
  readonly indices: Int32Array;
  constructor(length: number) {
    this.indices = new Int32Array(length);
  }
  column(values: readonly string[]): DictionaryColumn {
    return { kind: 'dictionary', indices: this.indices, values: textValues(values) };
  }
}

const CITY_WEIGHTS = new WeightedIndex(CITIES.map((c) => c[3]));

function lognormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * random.normal());
}

export function generateProfiles(contactCount: number, calendar: Calendar, random: Random): Profiles {
  const accountCount = Math.max(5, Math.round(contactCount / 10));
  const leadCount = Math.max(5, Math.round(contactCount / 4));
  const contactIdList = Array.from({ length: contactCount }, (_, i) => recordId('CT', i + 1));
  const accountIdList = Array.from({ length: accountCount }, (_, i) => recordId('AC', i + 1));
  const contactIds = textValues(contactIdList);
  const accountIds = textValues(accountIdList);
  const firstOf = (r: Random) => r.int(FIRST_NAMES.length);
  const lastOf = (r: Random) => r.int(LAST_NAMES.length);
  // Companies differ in size: a few large accounts hold many contacts.
  const accountSize = new WeightedIndex(Array.from({ length: accountCount }, () => random.pareto(1.3)));
  const interestWeights = INTEREST_WEIGHTS;

  const contact = (() => {
    const r = random.fork();
    const first = new Draws(contactCount);
    const last = new Draws(contactCount);
    const city = new Draws(contactCount);
    const state = new Draws(contactCount);
    const country = new Draws(contactCount);
    const job = new Draws(contactCount);
    const method = new Draws(contactCount);
    const status = new Draws(contactCount);
    const account = new Draws(contactCount);
    const fullname: string[] = new Array(contactCount);
    const email: (string | null)[] = new Array(contactCount);
    const birthdate = new Int32Array(contactCount);
    const birthNull = new Uint8Array(contactCount);
    const createdon = new Float64Array(contactCount);
    const donotemail = new Uint8Array(contactCount);
    const income = new Float64Array(contactCount);
    const incomeNull = new Uint8Array(contactCount);
    const interests: (string[] | null)[] = new Array(contactCount);
    const countries = [...new Set(CITIES.map((c) => c[2]))];
    const states = [...new Set(CITIES.map((c) => c[1]))];
    for (let i = 0; i < contactCount; i++) {
      const f = firstOf(r);
      const l = lastOf(r);
      first.indices[i] = f;
      last.indices[i] = l;
      fullname[i] = `${FIRST_NAMES[f]} ${LAST_NAMES[l]}`;
      email[i] = r.chance(0.03) ? null : `${ascii(FIRST_NAMES[f]!)}.${ascii(LAST_NAMES[l]!)}${i + 1}@${r.pick(EMAIL_DOMAINS)}`;
      if (r.chance(0.04)) {
        city.indices[i] = state.indices[i] = country.indices[i] = -1;
      } else {
        const c = CITY_WEIGHTS.draw(r);
        city.indices[i] = c;
        state.indices[i] = states.indexOf(CITIES[c]![1]);
        country.indices[i] = countries.indexOf(CITIES[c]![2]);
      }
      job.indices[i] = r.chance(0.15) ? -1 : r.int(JOB_TITLES.length);
      method.indices[i] = r.weighted([5, 3, 1, 1]);
      status.indices[i] = r.chance(0.05) ? 1 : 0;
      account.indices[i] = r.chance(0.3) ? -1 : accountSize.draw(r);
      birthNull[i] = r.chance(0.2) ? 1 : 0;
      birthdate[i] = Math.floor(Date.UTC(1950, 0, 1) / DAY) + r.int(55 * 365);
      // Contacts keep arriving: more were created recently.
      createdon[i] = calendar.now - Math.pow(r.next(), 1.6) * 5 * 365 * DAY;
      donotemail[i] = r.chance(0.08) ? 1 : 0;
      incomeNull[i] = r.chance(0.3) ? 1 : 0;
      income[i] = Math.round(lognormal(r, 62_000, 0.5) / 1000) * 1000;
      const kind = r.next();
      if (kind < 0.1) interests[i] = null;
      else if (kind < 0.25) interests[i] = [];
      else {
        const picked = new Set<string>();
        const n = r.between(1, 4);
        while (picked.size < n) picked.add(INTERESTS[r.weighted(interestWeights)]!);
        interests[i] = [...picked];
      }
    }
    const columns: Columns = {
      contactid: { kind: 'dictionary', indices: Int32Array.from({ length: contactCount }, (_, i) => i), values: contactIds },
      firstname: first.column(FIRST_NAMES),
      lastname: last.column(LAST_NAMES),
      fullname: { kind: 'text', values: fullname },
      emailaddress1: { kind: 'text', values: email },
      jobtitle: job.column(JOB_TITLES),
      address1_city: city.column(CITIES.map((c) => c[0])),
      address1_stateorprovince: state.column(states),
      address1_country: country.column(countries),
      birthdate: { kind: 'date', values: birthdate, nulls: birthNull },
      createdon: { kind: 'timestamp', values: createdon },
      donotemail: { kind: 'bool', values: donotemail },
      annualincome: { kind: 'float', values: income, nulls: incomeNull },
      preferredcontactmethodcode: method.column(['Any', 'Email', 'Phone', 'Mail']),
      statecode: status.column(['Active', 'Inactive']),
      parentcustomerid: { kind: 'dictionary', indices: account.indices, values: accountIds },
      interests: { kind: 'textList', values: interests },
    };
    return { columns, account: account.indices };
  })();

  const account = (() => {
    const r = random.fork();
    const names: string[] = new Array(accountCount);
    const industry = new Draws(accountCount);
    const city = new Draws(accountCount);
    const revenue = new Float64Array(accountCount);
    const employees = new Int32Array(accountCount);
    const createdon = new Float64Array(accountCount);
    const primary = new Int32Array(accountCount).fill(-1);
    for (let i = contactCount - 1; i >= 0; i--) if (contact.account[i]! >= 0) primary[contact.account[i]!] = i;
    for (let i = 0; i < accountCount; i++) {
      names[i] = `${r.pick(COMPANY_WORDS)} ${r.pick(COMPANY_SUFFIXES)}`;
      industry.indices[i] = r.int(INDUSTRIES.length);
      city.indices[i] = CITY_WEIGHTS.draw(r);
      employees[i] = Math.max(1, Math.round(lognormal(r, 120, 1.4)));
      revenue[i] = Math.round((employees[i]! * lognormal(r, 150_000, 0.5)) / 1000) * 1000;
      createdon[i] = calendar.now - Math.pow(r.next(), 1.3) * 6 * 365 * DAY;
    }
    return {
      accountid: { kind: 'dictionary', indices: Int32Array.from({ length: accountCount }, (_, i) => i), values: accountIds },
      name: { kind: 'text', values: names },
      industry: industry.column(INDUSTRIES),
      revenue: { kind: 'float', values: revenue },
      numberofemployees: { kind: 'int', values: employees },
      address1_city: city.column(CITIES.map((c) => c[0])),
      createdon: { kind: 'timestamp', values: createdon },
      primarycontactid: { kind: 'dictionary', indices: primary, values: contactIds },
    } satisfies Columns;
  })();

  const lead = (() => {
    const r = random.fork();
    const first = new Draws(leadCount);
    const last = new Draws(leadCount);
    const source = new Draws(leadCount);
    const status = new Draws(leadCount);
    const company: string[] = new Array(leadCount);
    const topic: string[] = new Array(leadCount);
    const value = new Float64Array(leadCount);
    const valueNull = new Uint8Array(leadCount);
    const createdon = new Float64Array(leadCount);
    const parentContact = new Int32Array(leadCount);
    const parentAccount = new Int32Array(leadCount);
    const products = ['Contoso Analytics', 'Contoso CRM', 'Contoso Cloud', 'Consulting services'];
    for (let i = 0; i < leadCount; i++) {
      first.indices[i] = firstOf(r);
      last.indices[i] = lastOf(r);
      source.indices[i] = r.weighted(LEAD_SOURCE_WEIGHTS);
      status.indices[i] = r.weighted(LEAD_STATUS_WEIGHTS);
      company[i] = `${r.pick(COMPANY_WORDS)} ${r.pick(COMPANY_SUFFIXES)}`;
      topic[i] = `Interested in ${r.pick(products)}`;
      valueNull[i] = r.chance(0.4) ? 1 : 0;
      value[i] = Math.round(lognormal(r, 20_000, 0.9) / 100) * 100;
      createdon[i] = calendar.now - Math.pow(r.next(), 1.5) * 2 * 365 * DAY;
      parentContact[i] = r.chance(0.6) ? r.int(contactCount) : -1;
      parentAccount[i] = r.chance(0.4) ? accountSize.draw(r) : -1;
    }
    return {
      leadid: { kind: 'text', values: Array.from({ length: leadCount }, (_, i) => recordId('LD', i + 1)) },
      subject: { kind: 'text', values: topic },
      firstname: first.column(FIRST_NAMES),
      lastname: last.column(LAST_NAMES),
      companyname: { kind: 'text', values: company },
      leadsourcecode: source.column(LEAD_SOURCES),
      statuscode: status.column(LEAD_STATUSES),
      estimatedvalue: { kind: 'float', values: value, nulls: valueNull },
      createdon: { kind: 'timestamp', values: createdon },
      parentcontactid: { kind: 'dictionary', indices: parentContact, values: contactIds },
      parentaccountid: { kind: 'dictionary', indices: parentAccount, values: accountIds },
    } satisfies Columns;
  })();

  return { contact: contact.columns, account, lead, contactIds };
}
