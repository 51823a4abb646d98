import type { Person } from '../directory';
import type { Rng } from '../random';
import { DAY, localToUtc } from '../time';
import { EXT, type PlannedEvent, type PlannedMessage } from './types';

/**
 * The plan being written: events and messages in the order they are drawn, one id counter for
 * both and one for conversations. Each phase of the history adds to it through these helpers, so
 * every draw from the random stream happens in one fixed order.
 */

type EventDefaults = 'seriesMaster' | 'isSeriesMaster' | 'isAllDay' | 'isCancelled' | 'showAs' | 'online';
export type NewEvent = Omit<PlannedEvent, 'uid' | 'responses' | 'created' | EventDefaults> &
  Partial<Pick<PlannedEvent, EventDefaults>> & {
    /** The tie's strength, which makes attendees decline less. */
    strength?: number;
    responses?: PlannedEvent['responses'];
  };

export interface RecurringSeries {
  kind: string;
  subject: string;
  organizer: number;
  attendees: number[];
  day: number;
  hour: number;
  minutes: number;
  everyWeeks: number;
  strengthOf?: (week: number) => number;
}

export class HistoryPlan {
  readonly events: PlannedEvent[] = [];
  readonly messages: PlannedMessage[] = [];
  private uid = 1;
  private conversation = 1;

  constructor(
    private readonly rng: Rng,
    private readonly people: Person[],
    private readonly weeks: number[],
    private readonly available: (i: number, week: number) => boolean,
  ) {}

  /** A local time in the person's zone (externals use the first person's), as UTC ms. */
  when(person: number, week: number, dayOffset: number, hour: number, minute = 0): number {
    const p = this.people[person >= EXT ? 0 : person]!;
    return localToUtc(p.zone, week + dayOffset * DAY, hour, minute);
  }

  private respond(strength: number): PlannedEvent['responses'][number] {
    const r = this.rng.next();
    if (r < 0.05 + (1 - strength) * 0.08) return 'declined';
    if (r < 0.15) return 'tentativelyAccepted';
    if (r < 0.25) return 'none';
    return 'accepted';
  }

  addEvent(e: NewEvent): PlannedEvent {
    const ev: PlannedEvent = {
      seriesMaster: null,
      isSeriesMaster: false,
      isAllDay: false,
      isCancelled: false,
      showAs: 'busy',
      online: true,
      ...e,
      uid: this.uid++,
      responses: e.responses ?? e.attendees.map((a) => (a >= EXT ? 'none' : this.respond(e.strength ?? 0.6))),
      created: e.start - this.rng.int(1, 14) * DAY,
    };
    this.events.push(ev);
    return ev;
  }

  nextConversation(): number {
    return this.conversation++;
  }

  addMessage(m: Omit<PlannedMessage, 'uid'>): void {
    this.messages.push({ uid: this.uid++, ...m });
  }

  /** A series master and its occurrences every `everyWeeks` weeks, some cancelled. */
  recurring(opts: RecurringSeries): void {
    const master = this.addEvent({
      kind: opts.kind,
      subject: opts.subject,
      start: this.when(opts.organizer, this.weeks[0]!, opts.day, opts.hour),
      minutes: opts.minutes,
      organizer: opts.organizer,
      attendees: opts.attendees,
      seriesMaster: null,
      isSeriesMaster: true,
      isAllDay: false,
      isCancelled: false,
      showAs: 'busy',
      online: true,
    });
    this.weeks.forEach((week, w) => {
      if (w % opts.everyWeeks !== 0) return;
      const strength = opts.strengthOf?.(week) ?? 0.6;
      // Weak or cooling relationships let recurring meetings lapse: cancelled occurrences.
      const cancelled =
        !this.available(opts.organizer, week) || this.rng.chance(0.04 + (1 - strength) * 0.25);
      this.addEvent({
        kind: opts.kind,
        subject: opts.subject,
        start: this.when(opts.organizer, week, opts.day, opts.hour),
        minutes: opts.minutes,
        organizer: opts.organizer,
        attendees: opts.attendees,
        seriesMaster: master.uid,
        isSeriesMaster: false,
        isAllDay: false,
        isCancelled: cancelled,
        showAs: 'busy',
        online: true,
        strength,
      });
    });
  }
}
