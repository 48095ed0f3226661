/**
 * The things interactions point at: customer journeys, marketing emails, events, forms and
 * subscription lists. Each has a short id (what interactions hold) and a readable name, so the
 * app can show "Newsletter – March 2026" instead of an id.
 */
import { Calendar, DAY, HOUR } from './calendar';
import type { Random } from './random';
import { CITIES, MONTH_NAMES } from './vocabulary';

export interface Journey {
  readonly id: string;
  readonly name: string;
  readonly start: number;
}
export interface Message {
  readonly id: string;
  readonly name: string;
  readonly subject: string;
  readonly sendTime: number;
  readonly journey: number;
}
export interface MarketingEvent {
  readonly id: string;
  readonly name: string;
  readonly eventType: string;
  readonly city: string;
  readonly start: number;
  /** Relative popularity: how many registrations it draws. */
  readonly draw: number;
}
export interface Form {
  readonly id: string;
  readonly name: string;
  readonly page: string;
}
export interface SubscriptionList {
  readonly id: string;
  readonly name: string;
}

export interface ReferenceData {
  readonly journeys: readonly Journey[];
  /** Sorted by send time. */
  readonly messages: readonly Message[];
  /** Sorted by start. */
  readonly events: readonly MarketingEvent[];
  readonly forms: readonly Form[];
  readonly lists: readonly SubscriptionList[];
}

const SEASONAL_CAMPAIGNS = [
  'New Year Kick-off',
  'Winter Webinar Series',
  'Spring Newsletter',
  'Spring Sale',
  'Customer Survey',
  'Summer Product Update',
  'Summer Reading List',
  'Back to Business',
  'Autumn Launch',
  'Black Friday Preview',
  'Black Friday Offers',
  'Holiday Greetings',
];

const EVENT_KINDS: readonly (readonly [string, (city: string) => string, number])[] = [
  ['Webinar', () => 'Webinar: AI in Marketing', 3],
  ['Webinar', () => 'Webinar: Getting Started with Analytics', 2],
  ['Meetup', (city) => `${city} Customer Meetup`, 1],
  ['Roadshow', (city) => `Product Roadshow – ${city}`, 1.5],
  ['Workshop', (city) => `Hands-on Workshop – ${city}`, 0.6],
];

const FORM_NAMES = [
  'Newsletter Sign-up',
  'Contact Us',
  'Request a Demo',
  'Download: Marketing Whitepaper',
  'Pricing Inquiry',
  'Webinar Registration',
  'Event Feedback Survey',
  'Support Request',
  'Trial Sign-up',
  'Preference Center',
  'Partner Program Application',
  'Career Application',
];

const LIST_NAMES = ['Monthly Newsletter', 'Product Updates', 'Event Announcements', 'Special Offers', 'Webinar Alerts', 'Partner News'];

function formPage(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `https://www.contoso.com/forms/${slug}`;
}

function code(prefix: string, n: number, width: number): string {
  return `${prefix}-${String(n).padStart(width, '0')}`;
}

export function generateReferenceData(calendar: Calendar, random: Random): ReferenceData {
  const journeys: Journey[] = [];
  const messages: Message[] = [];
  const addJourney = (name: string, start: number) => journeys.push({ id: code('CJ', journeys.length + 1, 3), name, start }) - 1;
  const addMessage = (name: string, subject: string, sendTime: number, journey: number) =>
    messages.push({ id: code('EM', messages.length + 1, 4), name, subject, sendTime, journey });

  const welcome = addJourney('Welcome Journey', calendar.start);
  const newsletter = addJourney('Monthly Newsletter', calendar.start);
  const reengage = addJourney('Re-engagement', calendar.start + 120 * DAY);
  // A newsletter at the start of every month, a seasonal campaign mid-month, a welcome email every few weeks.
  for (let t = calendar.start; t <= calendar.now; t += DAY) {
    const date = new Date(t);
    const day = date.getUTCDate();
    const month = date.getUTCMonth();
    const label = `${MONTH_NAMES[month]} ${date.getUTCFullYear()}`;
    const sendAt = t + 9 * HOUR + random.int(2 * HOUR);
    if (day === 2) addMessage(`Newsletter – ${label}`, `What's new at Contoso – ${label}`, sendAt, newsletter);
    if (day === 15) {
      const campaign = `${SEASONAL_CAMPAIGNS[month]} ${date.getUTCFullYear()}`;
      const journey = addJourney(campaign, t - 7 * DAY);
      addMessage(campaign, `${SEASONAL_CAMPAIGNS[month]}: don't miss out`, sendAt, journey);
      addMessage(`${campaign} – Reminder`, `Last chance: ${SEASONAL_CAMPAIGNS[month]}`, sendAt + 5 * DAY, journey);
    }
    if (day === 8 && month % 2 === 0) addMessage(`Welcome Email ${label}`, 'Welcome to Contoso', sendAt, welcome);
    if (day === 22 && month % 3 === 1) addMessage(`We miss you – ${label}`, 'Still interested?', sendAt, reengage);
  }
  messages.sort((a, b) => a.sendTime - b.sendTime);

  const events: MarketingEvent[] = [];
  // Roughly three events a month, and a few upcoming ones people already register for.
  for (let t = calendar.start + 20 * DAY; t <= calendar.now + 60 * DAY; t += random.between(6, 14) * DAY) {
    const [eventType, name, draw] = EVENT_KINDS[random.weighted(EVENT_KINDS.map((k) => k[2]))]!;
    const city = eventType === 'Webinar' ? 'Online' : random.pick(CITIES)[0];
    const year = new Date(t).getUTCFullYear();
    const start = t + (eventType === 'Webinar' ? 16 : 9) * HOUR;
    const popularity = draw * random.pareto(2.5);
    events.push({ id: code('EV', events.length + 1, 3), name: `${name(city)} ${year}`, eventType, city, start, draw: popularity });
  }

  const forms = FORM_NAMES.map((name, i) => ({ id: code('FM', i + 1, 3), name, page: formPage(name) }));
  const lists = LIST_NAMES.map((name, i) => ({ id: code('SL', i + 1, 3), name }));
  return { journeys, messages, events, forms, lists };
}
