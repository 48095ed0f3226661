/**
 * Interactions of eleven types, generated as the episodes they come from in real life: an
 * email is opened (maybe again, maybe clicked) or bounces; a website session visits a few
 * pages and sometimes a form; an event registration may be cancelled or end in a check-in.
 * Who acts is heavily skewed: a few contacts are very active, many are quiet, some never act.
 */
import { Calendar, HOUR, MINUTE, DAY } from './calendar';
import { dictionaryField, InteractionBuffer } from './interaction-buffer';
import type { Columns, DictionaryColumn } from './arrow-columns';
import type { ReferenceData } from './reference-data';
import { Random, WeightedIndex } from './random';
import {
  BOUNCE_REASONS,
  CHECK_IN_METHODS,
  DEVICE_TYPES,
  DEVICE_WEIGHTS,
  PAGES,
  REGISTRATION_SOURCES,
  TRAFFIC_SOURCES,
  TRAFFIC_WEIGHTS,
} from './vocabulary';

export const INTERACTION_TYPES = [
  'EmailOpened',
  'EmailClicked',
  'EmailHardBounced',
  'EventRegistration',
  'EventRegistrationCanceled',
  'EventCheckIn',
  'FormVisited',
  'FormSubmitted',
  'SegmentSubscribed',
  'SegmentUnsubscribed',
  'WebsiteVisited',
] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

/** Share of episodes by kind: email, web session, event, subscription. */
const EPISODE_WEIGHTS = [0.5, 0.38, 0.07, 0.05];
const RECENT_MESSAGE_WEIGHTS = [6, 3, 1];
const CHECK_IN_WEIGHTS = [6, 3, 1];
const REGISTRATION_SOURCE_WEIGHTS = [5, 4, 1];
const LIST_WEIGHTS = [6, 3, 3, 2, 2, 1];
/** The share of rows each type ends up with (measured), to size buffers up front. */
const EXPECTED_SHARE: Record<InteractionType, number> = {
  EmailOpened: 0.34,
  EmailClicked: 0.1,
  EmailHardBounced: 0.004,
  EventRegistration: 0.031,
  EventRegistrationCanceled: 0.003,
  EventCheckIn: 0.015,
  FormVisited: 0.023,
  FormSubmitted: 0.009,
  SegmentSubscribed: 0.025,
  SegmentUnsubscribed: 0.004,
  WebsiteVisited: 0.46,
};
const QUIET_SHARE = 0.3;
const ANONYMOUS_VISITS = 0.2;

/** How active each contact is: a third never act, the rest follow a heavy-tailed (Pareto) law. */
export function activityWeights(contactCount: number, random: Random): Float64Array {
  const weights = new Float64Array(contactCount);
  for (let i = 0; i < contactCount; i++) weights[i] = random.chance(QUIET_SHARE) ? 0 : Math.min(random.pareto(1.2), 150);
  if (contactCount > 0 && weights.every((w) => w === 0)) weights[0] = 1;
  return weights;
}

class InteractionGenerator {
  private total = 0;
  private readonly buffers: Record<InteractionType, InteractionBuffer>;
  private readonly contactsByActivity: WeightedIndex;
  private readonly pages = new WeightedIndex(PAGES.map((p) => p[1]));
  private readonly events: WeightedIndex;
  private readonly formWeights: WeightedIndex;

  constructor(
    private readonly target: number,
    private readonly calendar: Calendar,
    private readonly reference: ReferenceData,
    contactIds: DictionaryColumn['values'],
    weights: Float64Array,
    private readonly random: Random,
  ) {
    this.contactsByActivity = new WeightedIndex(weights);
    this.events = new WeightedIndex(reference.events.map((e) => e.draw));
    this.formWeights = new WeightedIndex(reference.forms.map((_, i) => 1 / (i + 1)));
    const ids = (name: string, items: readonly { id: string }[]) =>
      dictionaryField(
        name,
        items.map((item) => item.id),
      );
    const pageField = dictionaryField(
      'PageAddress',
      PAGES.map((p) => p[0]),
    );
    const message = ids('MessageId', reference.messages);
    const journey = ids('CustomerJourneyId', reference.journeys);
    const device = dictionaryField('DeviceType', DEVICE_TYPES);
    const event = ids('EventId', reference.events);
    const form = ids('FormId', reference.forms);
    const formPage = dictionaryField(
      'PageAddress',
      reference.forms.map((f) => f.page),
    );
    const list = ids('SubscriptionListId', reference.lists);
    const fields: Record<InteractionType, ReturnType<typeof dictionaryField>[]> = {
      EmailOpened: [message, journey, device],
      EmailClicked: [message, journey, { ...pageField, name: 'LinkUrl' }, device],
      EmailHardBounced: [message, journey, dictionaryField('BounceReason', BOUNCE_REASONS)],
      EventRegistration: [
        event,
        dictionaryField('ReferrerContactId', contactIds),
        dictionaryField('RegistrationSource', REGISTRATION_SOURCES),
      ],
      EventRegistrationCanceled: [event],
      EventCheckIn: [event, dictionaryField('CheckInMethod', CHECK_IN_METHODS)],
      FormVisited: [form, formPage],
      FormSubmitted: [form, formPage, journey],
      SegmentSubscribed: [list],
      SegmentUnsubscribed: [list],
      WebsiteVisited: [pageField, { name: 'VisitDuration', kind: 'int' }, dictionaryField('TrafficSource', TRAFFIC_SOURCES), device],
    };
    this.buffers = Object.fromEntries(
      INTERACTION_TYPES.map((t) => [t, new InteractionBuffer(t, fields[t], target * EXPECTED_SHARE[t] * 1.05)]),
    ) as typeof this.buffers;
  }

  get done(): boolean {
    return this.total >= this.target;
  }

  /** Adds one row unless the target is reached or it would lie in the future. */
  private emit(type: InteractionType, timestamp: number, contact: number, a?: number, b?: number, c?: number, d?: number): boolean {
    if (this.done || timestamp > this.calendar.now) return false;
    this.buffers[type].push(timestamp, contact, a, b, c, d);
    this.total++;
    return true;
  }

  /** Runs episodes until `target` rows exist or `budget` episodes ran; returns the rows so far. */
  run(budget: number): number {
    for (let n = 0; n < budget && !this.done; n++) {
      const contact = this.contactsByActivity.draw(this.random);
      switch (this.random.weighted(EPISODE_WEIGHTS)) {
        case 0:
          this.email(contact);
          break;
        case 1:
          this.webSession(this.random.chance(ANONYMOUS_VISITS) ? -1 : contact);
          break;
        case 2:
          this.event(contact);
          break;
        default:
          this.subscription(contact);
      }
    }
    return this.total;
  }

  private latestMessageBefore(t: number): number {
    const messages = this.reference.messages;
    let lo = 0;
    let hi = messages.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (messages[mid]!.sendTime <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private email(contact: number): void {
    const r = this.random;
    const opened = this.calendar.moment(r);
    const m = this.latestMessageBefore(opened) - r.weighted(RECENT_MESSAGE_WEIGHTS);
    if (m < 0) return;
    const message = this.reference.messages[m]!;
    const journey = message.journey;
    if (r.chance(0.015)) {
      this.emit('EmailHardBounced', message.sendTime + r.int(10 * MINUTE), contact, m, journey, r.int(3));
      return;
    }
    const device = r.weighted(DEVICE_WEIGHTS);
    let t = Math.max(opened, message.sendTime + MINUTE);
    if (!this.emit('EmailOpened', t, contact, m, journey, device)) return;
    while (r.chance(0.3)) {
      t += r.exponential(8 * HOUR);
      if (!this.emit('EmailOpened', t, contact, m, journey, device)) return;
    }
    let clicks = r.chance(0.3) ? 1 : 0;
    while (clicks > 0 && clicks < 4 && r.chance(0.25)) clicks++;
    for (let c = 0; c < clicks; c++) {
      t += r.exponential(3 * MINUTE);
      if (!this.emit('EmailClicked', t, contact, m, journey, this.pages.draw(r), device)) return;
    }
  }

  private webSession(contact: number): void {
    const r = this.random;
    let t = this.calendar.moment(r);
    const source = r.weighted(TRAFFIC_WEIGHTS);
    const device = r.weighted(DEVICE_WEIGHTS);
    do {
      const duration = Math.min(3600, Math.max(1, Math.round(45 * Math.exp(r.normal()))));
      if (!this.emit('WebsiteVisited', t, contact, this.pages.draw(r), duration, source, device)) return;
      t += duration * 1000 + r.int(20_000);
    } while (r.chance(0.6));
    if (!r.chance(0.12)) return;
    // A form's PageAddress is the page it sits on, whose index matches the form's.
    const f = this.formWeights.draw(r);
    if (!this.emit('FormVisited', t, contact, f, f)) return;
    if (r.chance(0.4)) {
      const journey = r.chance(0.3) ? r.int(this.reference.journeys.length) : -1;
      this.emit('FormSubmitted', t + 30_000 + r.exponential(2 * MINUTE), contact, f, f, journey);
    }
  }

  private event(contact: number): void {
    const r = this.random;
    if (this.reference.events.length === 0) return;
    const e = this.events.draw(r);
    const event = this.reference.events[e]!;
    const registered = event.start - HOUR - r.exponential(12 * DAY);
    if (registered < this.calendar.start) return;
    const referrer = r.chance(0.12) ? this.contactsByActivity.draw(r) : -1;
    const source = r.weighted(REGISTRATION_SOURCE_WEIGHTS);
    if (!this.emit('EventRegistration', registered, contact, e, referrer === contact ? -1 : referrer, source)) return;
    if (r.chance(0.1)) {
      this.emit('EventRegistrationCanceled', registered + r.next() * (event.start - registered), contact, e);
      return;
    }
    if (r.chance(event.eventType === 'Webinar' ? 0.5 : 0.7)) {
      this.emit('EventCheckIn', event.start - 20 * MINUTE + r.int(60 * MINUTE), contact, e, r.weighted(CHECK_IN_WEIGHTS));
    }
  }

  private subscription(contact: number): void {
    const r = this.random;
    const t = this.calendar.moment(r);
    const list = r.weighted(LIST_WEIGHTS.slice(0, this.reference.lists.length));
    if (!this.emit('SegmentSubscribed', t, contact, list)) return;
    if (r.chance(0.2)) this.emit('SegmentUnsubscribed', t + r.exponential(90 * DAY), contact, list);
  }

  /** One type's rows as columns; its buffer is freed. */
  take(type: InteractionType, contactIds: DictionaryColumn['values']): Columns {
    return this.buffers[type].takeColumns(contactIds, this.calendar.start);
  }
}

/** Generates `target` interactions; `take` then hands out one type's columns at a time. */
export function generateInteractions(
  target: number,
  calendar: Calendar,
  reference: ReferenceData,
  contactIds: DictionaryColumn['values'],
  random: Random,
  onRows?: (rows: number) => void,
): { take(type: InteractionType): Columns } {
  const weights = activityWeights(contactIds.length, random);
  const generator = new InteractionGenerator(target, calendar, reference, contactIds, weights, random);
  // Episodes can fail to add rows (an event outside the span), so run until the target is met.
  while (!generator.done) onRows?.(generator.run(200_000));
  return { take: (type) => generator.take(type, contactIds) };
}
