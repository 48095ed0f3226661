/** Word lists the sample data is drawn from; weights make some values common and others rare. */

function words(list: string): readonly string[] {
  return list.split('|');
}

export const FIRST_NAMES = words(
  'Ana|Ben|Chloe|David|Elena|Farid|Grace|Hiro|Isabel|Jonas|Kavya|Liam|Maria|Noah|Olivia|Pedro|Quinn|Rosa|Samir|Tara|Umar|Valentina|William|Ximena|Yusuf|Zoe|Aiden|Beatriz|Carlos|Dana|Emma|Felix|Hannah|Ivan|Julia|Kenji|Lucas|Mia|Nadia|Oscar|Priya|Ravi|Sofia|Thomas|Uma|Victor|Wen|Yara|Amelie|Bjorn|Chen|Dmitri|Eva|Fatima|Gustav|Helena|Ingrid|Jamal|Karin|Lena|Mateo|Nora|Omar|Paula|Renée|Søren|Zoë|José|Łukasz',
);

export const LAST_NAMES = words(
  "Smith|Johnson|Garcia|Müller|Rossi|Nguyen|Kim|Patel|Silva|Novak|Kowalski|Andersson|Dubois|Martin|Schmidt|Tanaka|Wang|Li|Brown|Jones|Miller|Davis|Lopez|Gonzalez|Wilson|Anderson|Thomas|Taylor|Moore|Jackson|White|Harris|Clark|Lewis|Walker|Hall|Young|King|Wright|Scott|Green|Baker|Adams|Nelson|Hill|Campbell|Mitchell|Roberts|Carter|Phillips|O'Brien|Van der Berg|Nakamura|Haddad|Okafor|Fischer|Bianchi|Jensen|Larsen|Costa|Ferreira",
);

/** City, state or province, country, weight. */
export const CITIES: readonly (readonly [string, string, string, number])[] = [
  ['Seattle', 'WA', 'United States', 9],
  ['Redmond', 'WA', 'United States', 5],
  ['New York', 'NY', 'United States', 10],
  ['San Francisco', 'CA', 'United States', 7],
  ['Chicago', 'IL', 'United States', 6],
  ['Austin', 'TX', 'United States', 4],
  ['Boston', 'MA', 'United States', 4],
  ['Denver', 'CO', 'United States', 3],
  ['Toronto', 'ON', 'Canada', 5],
  ['Vancouver', 'BC', 'Canada', 3],
  ['London', 'England', 'United Kingdom', 8],
  ['Manchester', 'England', 'United Kingdom', 3],
  ['Dublin', 'Leinster', 'Ireland', 3],
  ['Paris', 'Île-de-France', 'France', 5],
  ['Berlin', 'Berlin', 'Germany', 5],
  ['München', 'Bayern', 'Germany', 3],
  ['Amsterdam', 'North Holland', 'Netherlands', 3],
  ['Madrid', 'Madrid', 'Spain', 3],
  ['São Paulo', 'SP', 'Brazil', 3],
  ['Sydney', 'NSW', 'Australia', 3],
  ['Tokyo', 'Tokyo', 'Japan', 2],
  ['Singapore', 'Singapore', 'Singapore', 2],
  ['Stockholm', 'Stockholm', 'Sweden', 2],
  ['Zürich', 'Zürich', 'Switzerland', 1],
  ['Kraków', 'Lesser Poland', 'Poland', 1],
];

export const JOB_TITLES = words(
  'Marketing Manager|Sales Director|CEO|CFO|IT Manager|Software Engineer|Product Manager|Analyst|Purchasing Manager|Operations Lead|Consultant|HR Business Partner|Office Manager|VP Marketing|Student',
);

export const INTERESTS = words('golf|wine|tech|travel|cooking|running|music|art|finance|gardening|cycling|photography');
export const INTEREST_WEIGHTS = [3, 4, 8, 7, 5, 4, 6, 2, 3, 2, 3, 2];

export const INDUSTRIES = words(
  'Accounting|Agriculture|Broadcasting|Consulting|Education|Financial Services|Healthcare|Manufacturing|Retail|Software|Telecommunications|Transportation|Hospitality|Pharmaceuticals',
);

export const COMPANY_WORDS = words(
  'Contoso|Fabrikam|Northwind|Adventure Works|Tailspin|Litware|Proseware|Wingtip|Woodgrove|Alpine|Blue Yonder|Coho|Fourth Coffee|Graphic Design|Humongous|Lucerne|Margie|Nod|Relecloud|Southridge|Trey|VanArsdel|Wide World|Datum|Bellows|Consolidated|Munson|Olympia|Phoenix|Tasmanian',
);
export const COMPANY_SUFFIXES = words('Ltd|Inc|GmbH|Group|Partners|Labs|Holdings|Systems|Pharmaceuticals|Traders');

export const EMAIL_DOMAINS = words('outlook.com|gmail.com|contoso.com|fabrikam.com|example.org|mail.de|yahoo.co.uk');

export const LEAD_SOURCES = words('Web|Event|Referral|Partner|Advertisement|Trade show');
export const LEAD_SOURCE_WEIGHTS = [10, 4, 3, 2, 3, 1];
export const LEAD_STATUSES = words('New|Contacted|Qualified|Disqualified');
export const LEAD_STATUS_WEIGHTS = [5, 4, 2, 2];

export const DEVICE_TYPES = words('Desktop|Mobile|Tablet');
export const DEVICE_WEIGHTS = [6, 5, 1];

export const TRAFFIC_SOURCES = words('(direct)|google|bing|linkedin|newsletter|partner site');
export const TRAFFIC_WEIGHTS = [6, 8, 2, 2, 3, 1];

/** Website pages; weights make the home page and pricing popular. */
export const PAGES: readonly (readonly [string, number])[] = [
  ['https://www.contoso.com/', 20],
  ['https://www.contoso.com/pricing', 8],
  ['https://www.contoso.com/products', 9],
  ['https://www.contoso.com/products/analytics', 5],
  ['https://www.contoso.com/products/crm', 4],
  ['https://www.contoso.com/blog', 6],
  ['https://www.contoso.com/blog/spring-trends', 3],
  ['https://www.contoso.com/blog/ai-in-marketing', 4],
  ['https://www.contoso.com/events', 3],
  ['https://www.contoso.com/about', 2],
  ['https://www.contoso.com/careers', 2],
  ['https://www.contoso.com/contact', 3],
  ['https://www.contoso.com/support', 4],
  ['https://www.contoso.com/webinars', 2],
];

export const BOUNCE_REASONS = words('Mailbox does not exist|Domain not found|Address rejected');
export const REGISTRATION_SOURCES = words('Event portal|Email invitation|Manual');
export const CHECK_IN_METHODS = words('QR code|Manual|Self-service kiosk');

export const MONTH_NAMES = words('January|February|March|April|May|June|July|August|September|October|November|December');

/** Relative interaction volume per month: quiet summers and holidays, busy spring and autumn. */
export const MONTH_SEASONALITY = [0.95, 1.05, 1.2, 1.1, 1.05, 0.85, 0.6, 0.55, 1.1, 1.25, 1.3, 0.75];
