import { createHash, randomBytes } from 'node:crypto';
import type {
  CalendarEvent,
  DirectoryUser,
  MailboxMessage,
  MailFolderName,
  ResponseType,
  TenantData,
  WorkingHours,
} from '../model';
import { ChangeLog } from './changeLog';

/**
 * Every mailbox's mutable state: its calendar (each attendee has its own copy of a meeting, with its
 * own id and response) and its mail folders. Each change takes the mailbox's next sequence number
 * and is logged in its stream (the calendar, or one folder); deletions and moves leave the id in
 * the log as a tombstone, so delta queries can answer "what changed since N". Mailboxes are built
 * from the tenant data on first access.
 */
export interface CalendarItem {
  graphId: string;
  event: CalendarEvent;
  seq: number;
  deleted: boolean;
  /** This mailbox's own response (the organizer's copy says 'organizer'). */
  response: { response: ResponseType; time: string };
  transactionId?: string;
  /** Personal to this copy, as in Outlook: the organizer's categories and extensions stay on theirs. */
  categories?: string[];
  extensions?: OpenExtension[];
}

/**
 * An open extension (resources/opentypeextension.md) on one calendar item: its name plus the
 * client's own properties. Graph's id for it is `Microsoft.OutlookServices.OpenTypeExtension.{name}`.
 */
export interface OpenExtension {
  extensionName: string;
  [property: string]: unknown;
}

/** Graph's timeSlot as the store keeps it: instants in UTC (ISO). */
export interface ProposedTime {
  start: string;
  end: string;
}

/** What an invitee answers, when a test or demo decides it instead of the seeded roll. */
export interface AnswerPolicy {
  /** 'none': never answers. */
  response: 'accepted' | 'tentativelyAccepted' | 'declined' | 'none';
  /** How long after the invitation the answer arrives, in dev tenant time (default 0: at the next read). */
  delayMs?: number;
  /** With tentativelyAccepted or declined: propose the same meeting this many minutes later. */
  proposeShiftMinutes?: number;
}

export type AnswerResponse = 'accepted' | 'tentativelyAccepted' | 'declined';

export interface MailItem {
  graphId: string;
  entry: MailboxMessage;
  seq: number;
  deleted: boolean;
  /** The sequence number at which it entered its current folder (delta's changeType=created). */
  createdSeq: number;
  /** The folder it left in its latest move. */
  movedFrom?: MailFolderName;
}

export const MAIL_FOLDERS: readonly MailFolderName[] = ['inbox', 'sentitems', 'archive', 'deleteditems'];
export type Stream = 'calendar' | `mail:${MailFolderName}`;
export const STREAMS: readonly Stream[] = ['calendar', ...MAIL_FOLDERS.map((f) => `mail:${f}` as const)];
export const isStream = (s: string): s is Stream => (STREAMS as readonly string[]).includes(s);

export interface Mailbox {
  owner: DirectoryUser;
  seq: number;
  calendar: Map<string, CalendarItem>;
  mail: Map<string, MailItem>;
  logs: Map<Stream, ChangeLog>;
  /** Bumping a stream's generation invalidates its outstanding delta tokens (410 SyncStateNotFound). */
  generation: Map<Stream, number>;
}

export interface PendingResponse {
  dueAt: number;
  eventUid: string;
  attendeeId: string;
  response: ResponseType;
  proposedNewTime?: ProposedTime;
}

export interface MailboxStoreOptions {
  /** Seeds attendees' answers and answer delays, so a run is reproducible. */
  seed?: string;
  /** How long attendees take to answer an invitation, in dev tenant time. */
  responseDelayMs?: { min: number; max: number };
}

export const NO_TIME = '0001-01-01T00:00:00Z';

export abstract class MailboxStoreCore {
  /** An attendee answers (store.ts): the answer simulation here delivers through it. */
  abstract respond(
    attendeeId: string,
    eventUid: string,
    response: ResponseType,
    opts?: { proposedNewTime?: ProposedTime; sendResponse?: boolean },
  ): void;

  protected readonly boxes = new Map<string, Mailbox>();
  protected readonly byAddress = new Map<string, DirectoryUser>();
  protected readonly byId = new Map<string, DirectoryUser>();
  /** Due first. */
  protected pending: PendingResponse[] = [];
  /** Occurrence uids of series created through the API, so an answer to the series reaches them. */
  protected readonly occurrences = new Map<string, string[]>();
  protected delivering = false;
  /** Answers decided by tests and demos, per invitee (see setAnswerPolicy). */
  protected readonly policies = new Map<string, AnswerPolicy>();
  /** Signs delta tokens so clients cannot forge one. */
  readonly tokenKey = randomBytes(32);
  readonly seed: string;
  responseDelayMs: { min: number; max: number };

  constructor(
    readonly data: TenantData,
    readonly clock: () => Date,
    options: MailboxStoreOptions = {},
  ) {
    this.seed = options.seed ?? data.org.id;
    this.responseDelayMs = options.responseDelayMs ?? { min: 20_000, max: 110_000 };
    for (const u of data.users) this.index(u);
  }

  /** Someone joins the organisation (tests, demos): in the directory, with an empty mailbox. */
  addUser(u: DirectoryUser): void {
    if (this.byId.has(u.id)) throw new Error(`user ${u.id} exists`);
    this.data.users.push(u);
    this.index(u);
  }

  private index(u: DirectoryUser): void {
    this.byId.set(u.id, u);
    for (const a of [u.mail, u.userPrincipalName, ...u.proxyAddresses.map((p) => p.replace(/^smtp:/i, ''))])
      if (a) this.byAddress.set(a.toLowerCase(), u);
  }

  userByAddress(address: string): DirectoryUser | undefined {
    return this.byAddress.get(address.toLowerCase());
  }

  graphId(uid: string, ownerId: string): string {
    // Per-mailbox ids, shaped like Exchange immutable ids (base64url, case-sensitive).
    return `AAkALg${createHash('sha256').update(`${uid}|${ownerId}`).digest('base64url').slice(0, 60)}AAA=`;
  }

  hasMailbox(userId: string): boolean {
    const u = this.byId.get(userId);
    return !!u && u.userType === 'Member' && !!u.mail;
  }

  mailbox(userId: string): Mailbox {
    const hit = this.boxes.get(userId);
    if (hit) return hit;
    const owner = this.byId.get(userId);
    if (!owner) throw new Error(`no mailbox ${userId}`);
    const box: Mailbox = {
      owner,
      seq: 0,
      calendar: new Map(),
      mail: new Map(),
      logs: new Map(STREAMS.map((s) => [s, new ChangeLog()])),
      generation: new Map(),
    };
    this.boxes.set(userId, box);
    const content = this.data.mailbox(userId);
    for (const event of content.events) this.putEvent(box, event);
    for (const entry of content.messages) this.putMessage(box, { ...entry });
    return box;
  }

  protected log(box: Mailbox, stream: Stream, id: string): number {
    const seq = ++box.seq;
    box.logs.get(stream)!.record(id, seq);
    return seq;
  }

  protected ownResponse(event: CalendarEvent, owner: DirectoryUser): CalendarItem['response'] {
    const mine = (a: { address: string }) => this.userByAddress(a.address)?.id === owner.id;
    if (mine(event.organizer)) return { response: 'organizer', time: event.createdDateTime };
    const att = event.attendees.find((a) => mine(a.emailAddress));
    return att ? { ...att.status } : { response: 'none', time: NO_TIME };
  }

  protected putEvent(box: Mailbox, event: CalendarEvent, transactionId?: string): CalendarItem {
    const graphId = this.graphId(event.uid, box.owner.id);
    const item: CalendarItem = {
      graphId,
      event,
      seq: this.log(box, 'calendar', graphId),
      deleted: false,
      response: this.ownResponse(event, box.owner),
      ...(transactionId ? { transactionId } : {}),
    };
    box.calendar.set(graphId, item);
    return item;
  }

  protected putMessage(box: Mailbox, entry: MailboxMessage): MailItem {
    const graphId = this.graphId(entry.message.uid, box.owner.id);
    const seq = this.log(box, `mail:${entry.folder}`, graphId);
    const item: MailItem = { graphId, entry, seq, deleted: false, createdSeq: seq };
    box.mail.set(graphId, item);
    return item;
  }

  /** Lets answers that fell due (by the dev tenant clock) arrive before anyone reads. */
  protected tick(): void {
    if (this.pending.length && !this.delivering && this.pending[0]!.dueAt <= this.clock().getTime())
      this.deliverDueResponses();
  }

  /** Every calendar item of a mailbox, deleted ones included (they carry `deleted: true`). */
  calendar(userId: string): CalendarItem[] {
    this.tick();
    return [...this.mailbox(userId).calendar.values()];
  }

  calendarItem(userId: string, graphId: string): CalendarItem | undefined {
    this.tick();
    const item = this.mailbox(userId).calendar.get(graphId);
    return item && !item.deleted ? item : undefined;
  }

  /** Every message of a mailbox, deleted ones included (they carry `deleted: true`). */
  mail(userId: string): MailItem[] {
    return [...this.mailbox(userId).mail.values()];
  }

  mailItem(userId: string, graphId: string): MailItem | undefined {
    const item = this.mailbox(userId).mail.get(graphId);
    return item && !item.deleted ? item : undefined;
  }

  currentSeq(userId: string): number {
    this.tick();
    return this.mailbox(userId).seq;
  }

  /**
   * Ids changed in a stream in (after, upTo], oldest first, at most `limit` (see ChangeLog).
   * Callers decide from the item whether a change is live or a removal.
   */
  changes(
    userId: string,
    stream: Stream,
    after: number,
    upTo: number,
    limit: number,
    accept?: (id: string) => boolean,
  ): { ids: string[]; seqs: number[]; more: boolean } {
    this.tick();
    return this.mailbox(userId).logs.get(stream)!.changes(after, upTo, limit, accept);
  }

  generation(userId: string, stream: Stream): number {
    return this.mailbox(userId).generation.get(stream) ?? 0;
  }

  /** Invalidates outstanding delta tokens: of one mailbox (or all built ones), one stream (or all). */
  expireDeltaTokens(userId?: string, stream?: Stream): void {
    for (const box of userId ? [this.mailbox(userId)] : this.boxes.values()) {
      for (const s of stream ? [stream] : STREAMS) box.generation.set(s, (box.generation.get(s) ?? 0) + 1);
    }
  }

  /** The internal mailboxes a meeting lives in: organizer and every internal attendee. */
  protected participants(event: CalendarEvent): DirectoryUser[] {
    const out = new Map<string, DirectoryUser>();
    for (const a of [event.organizer, ...event.attendees.map((x) => x.emailAddress)]) {
      const u = this.userByAddress(a.address);
      if (u && this.hasMailbox(u.id)) out.set(u.id, u);
    }
    return [...out.values()];
  }

  findByTransaction(userId: string, transactionId: string): CalendarItem | undefined {
    for (const i of this.mailbox(userId).calendar.values())
      if (!i.deleted && i.transactionId === transactionId) return i;
    return undefined;
  }

  /**
   * A new meeting from `organizerId`: it lands in the organizer's calendar and in every internal
   * attendee's, with response 'none'; each attendee's answer is scheduled to arrive later.
   * Occurrences pass `seriesMasterUid` and are answered together with their series.
   */
  createEvent(
    organizerId: string,
    event: CalendarEvent,
    transactionId?: string,
    personal: Pick<CalendarItem, 'categories' | 'extensions'> = {},
  ): CalendarItem {
    let created: CalendarItem | undefined;
    for (const u of this.participants(event)) {
      const item = this.putEvent(this.mailbox(u.id), event, u.id === organizerId ? transactionId : undefined);
      if (u.id === organizerId) {
        created = item;
        if (personal.categories) item.categories = personal.categories;
        if (personal.extensions) item.extensions = personal.extensions;
      }
    }
    if (!created) throw new Error('the organizer is not an internal user with a mailbox');
    if (event.type === 'occurrence' && event.seriesMasterUid) {
      const list = this.occurrences.get(event.seriesMasterUid) ?? [];
      list.push(event.uid);
      this.occurrences.set(event.seriesMasterUid, list);
      return created;
    }
    for (const a of event.attendees) {
      const u = this.userByAddress(a.emailAddress.address);
      if (!u || u.id === organizerId || !this.hasMailbox(u.id)) continue;
      this.scheduleAnswer(event, u.id);
    }
    return created;
  }

  /** Schedules an invitee's answer: the policy a test set for them, else the seeded roll. */
  protected scheduleAnswer(event: CalendarEvent, userId: string): void {
    const now = this.clock().getTime();
    const policy = this.policies.get(userId);
    if (policy) {
      if (policy.response === 'none') return;
      const proposal =
        policy.proposeShiftMinutes !== undefined && policy.response !== 'accepted'
          ? shifted(event, policy.proposeShiftMinutes)
          : undefined;
      this.schedule({
        dueAt: now + (policy.delayMs ?? 0),
        eventUid: event.uid,
        attendeeId: userId,
        response: policy.response,
        ...(proposal && event.allowNewTimeProposals !== false ? { proposedNewTime: proposal } : {}),
      });
      return;
    }
    const roll = this.roll(event.uid, userId, 'delay');
    const { min, max } = this.responseDelayMs;
    this.schedule({
      dueAt: now + min + Math.floor(roll * (max - min)),
      eventUid: event.uid,
      attendeeId: userId,
      response: this.decide(userId, event),
    });
  }

  /**
   * Decides how `userId` answers the invitations they get from now on (null: back to the seeded
   * roll). Answers already scheduled are not changed; use respondAs for a meeting already sent.
   */
  setAnswerPolicy(userId: string, policy: AnswerPolicy | null): void {
    if (!this.byId.has(userId)) throw new Error(`no user ${userId}`);
    if (policy) this.policies.set(userId, { ...policy });
    else this.policies.delete(userId);
  }

  /** The uid of a meeting named by any copy's Graph id (in any mailbox) or by its iCalUId. */
  eventUidOf(ref: string): string | undefined {
    for (const box of this.boxes.values()) {
      const hit = box.calendar.get(ref);
      if (hit) return hit.event.uid;
    }
    for (const box of this.boxes.values())
      for (const item of box.calendar.values()) if (item.event.iCalUId === ref) return item.event.uid;
    return undefined;
  }

  /**
   * `attendeeId` answers the meeting `eventRef` (any copy's Graph id, or its iCalUId) now, instead of
   * whatever answer was scheduled for them (which is dropped). A proposal (tentativelyAccepted or
   * declined only) reaches the organizer's copy as the attendee's proposedNewTime, when the meeting
   * allows new time proposals. Returns false when the attendee has no copy of that meeting.
   */
  respondAs(
    attendeeId: string,
    eventRef: string,
    response: AnswerResponse,
    opts: { proposedNewTime?: ProposedTime; sendResponse?: boolean } = {},
  ): boolean {
    const uid = this.eventUidOf(eventRef);
    if (!uid || !this.hasMailbox(attendeeId)) return false;
    const own = this.mailbox(attendeeId).calendar.get(this.graphId(uid, attendeeId));
    if (!own || own.deleted || own.response.response === 'organizer') return false;
    if (opts.proposedNewTime) {
      if (response === 'accepted')
        throw new Error('only tentativelyAccepted or declined can propose a new time');
      if (own.event.allowNewTimeProposals === false)
        throw new Error('the organizer does not allow new time proposals for this meeting');
    }
    this.pending = this.pending.filter((p) => !(p.eventUid === uid && p.attendeeId === attendeeId));
    this.respond(attendeeId, uid, response, opts);
    return true;
  }

  /** Replaces a user's working hours (and so their mailboxSettings), e.g. with a custom time zone. */
  setWorkingHours(userId: string, workingHours: WorkingHours): void {
    const u = this.byId.get(userId);
    if (!u) throw new Error(`no user ${userId}`);
    // The directory objects are shared with the Graph routes, so mailboxSettings reads see it too.
    u.mailboxSettings = { ...u.mailboxSettings, workingHours };
  }

  protected schedule(p: PendingResponse): void {
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.dueAt > p.dueAt) i--;
    this.pending.splice(i, 0, p);
  }

  /** A deterministic number in [0, 1) per store seed, meeting, person and purpose. */
  protected roll(eventUid: string, userId: string, purpose: string): number {
    return (
      createHash('sha256').update(`${this.seed}|${eventUid}|${userId}|${purpose}`).digest().readUInt32BE(0) /
      2 ** 32
    );
  }

  /** Whether the user already has something busy (and not declined) overlapping [start, end). */
  isBusy(userId: string, start: number, end: number, exceptUid?: string): boolean {
    for (const i of this.mailbox(userId).calendar.values()) {
      const e = i.event;
      if (i.deleted || e.uid === exceptUid || e.isCancelled || e.type === 'seriesMaster') continue;
      if (e.showAs === 'free' || i.response.response === 'declined') continue;
      if (Date.parse(e.start) < end && Date.parse(e.end) > start) return true;
    }
    return false;
  }

  /** Attendees mostly accept; they decline far more often when they are busy then. */
  protected decide(userId: string, event: CalendarEvent): ResponseType {
    const busy = this.isBusy(userId, Date.parse(event.start), Date.parse(event.end), event.uid);
    const r = this.roll(event.uid, userId, 'answer');
    if (busy) return r < 0.7 ? 'declined' : r < 0.9 ? 'tentativelyAccepted' : 'accepted';
    return r < 0.8 ? 'accepted' : r < 0.92 ? 'tentativelyAccepted' : 'declined';
  }

  /** Delivers attendee answers that are due (by the dev tenant clock unless `now` is given); returns how many. */
  deliverDueResponses(now = this.clock().getTime()): number {
    let delivered = 0;
    this.delivering = true;
    try {
      while (this.pending.length && this.pending[0]!.dueAt <= now) {
        const p = this.pending.shift()!;
        this.respond(
          p.attendeeId,
          p.eventUid,
          p.response,
          p.proposedNewTime ? { proposedNewTime: p.proposedNewTime } : {},
        );
        delivered++;
      }
    } finally {
      this.delivering = false;
    }
    return delivered;
  }

  pendingResponses(): number {
    return this.pending.length;
  }

  /** Answers still to come (for demos and tests), due first. */
  scheduledResponses(): readonly PendingResponse[] {
    return this.pending;
  }
}

/** The meeting's own slot moved by `minutes` (a proposal). */
export function shifted(event: CalendarEvent, minutes: number): ProposedTime {
  const by = minutes * 60_000;
  return {
    start: new Date(Date.parse(event.start) + by).toISOString(),
    end: new Date(Date.parse(event.end) + by).toISOString(),
  };
}
