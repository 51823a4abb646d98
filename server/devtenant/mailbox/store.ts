import { createHash, randomBytes } from 'node:crypto';
import type {
  Attendee,
  CalendarEvent,
  DirectoryUser,
  EmailAddress,
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

interface Mailbox {
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

const NO_TIME = '0001-01-01T00:00:00Z';

export class MailboxStore {
  private readonly boxes = new Map<string, Mailbox>();
  private readonly byAddress = new Map<string, DirectoryUser>();
  private readonly byId = new Map<string, DirectoryUser>();
  /** Due first. */
  private pending: PendingResponse[] = [];
  /** Occurrence uids of series created through the API, so an answer to the series reaches them. */
  private readonly occurrences = new Map<string, string[]>();
  private delivering = false;
  /** Answers decided by tests and demos, per invitee (see setAnswerPolicy). */
  private readonly policies = new Map<string, AnswerPolicy>();
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
    for (const u of data.users) {
      this.byId.set(u.id, u);
      for (const a of [
        u.mail,
        u.userPrincipalName,
        ...u.proxyAddresses.map((p) => p.replace(/^smtp:/i, '')),
      ]) {
        if (a) this.byAddress.set(a.toLowerCase(), u);
      }
    }
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

  private log(box: Mailbox, stream: Stream, id: string): number {
    const seq = ++box.seq;
    box.logs.get(stream)!.record(id, seq);
    return seq;
  }

  private ownResponse(event: CalendarEvent, owner: DirectoryUser): CalendarItem['response'] {
    const mine = (a: { address: string }) => this.userByAddress(a.address)?.id === owner.id;
    if (mine(event.organizer)) return { response: 'organizer', time: event.createdDateTime };
    const att = event.attendees.find((a) => mine(a.emailAddress));
    return att ? { ...att.status } : { response: 'none', time: NO_TIME };
  }

  private putEvent(box: Mailbox, event: CalendarEvent, transactionId?: string): CalendarItem {
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

  private putMessage(box: Mailbox, entry: MailboxMessage): MailItem {
    const graphId = this.graphId(entry.message.uid, box.owner.id);
    const seq = this.log(box, `mail:${entry.folder}`, graphId);
    const item: MailItem = { graphId, entry, seq, deleted: false, createdSeq: seq };
    box.mail.set(graphId, item);
    return item;
  }

  /** Lets answers that fell due (by the dev tenant clock) arrive before anyone reads. */
  private tick(): void {
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
  private participants(event: CalendarEvent): DirectoryUser[] {
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
  private scheduleAnswer(event: CalendarEvent, userId: string): void {
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

  private schedule(p: PendingResponse): void {
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.dueAt > p.dueAt) i--;
    this.pending.splice(i, 0, p);
  }

  /** A deterministic number in [0, 1) per store seed, meeting, person and purpose. */
  private roll(eventUid: string, userId: string, purpose: string): number {
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
  private decide(userId: string, event: CalendarEvent): ResponseType {
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

  /**
   * An attendee answers: their own copy's responseStatus and, when the answer is sent (the meeting
   * requests responses and the attendee sends one), the attendee lists of the copies that list them
   * (each a new change in that mailbox). A proposed new time is kept on the organizer's copy only.
   * An answer to a series reaches its occurrences too.
   */
  respond(
    attendeeId: string,
    eventUid: string,
    response: ResponseType,
    opts: { proposedNewTime?: ProposedTime; sendResponse?: boolean } = {},
  ): void {
    const time = this.clock().toISOString();
    const attendee = this.byId.get(attendeeId);
    const own = attendee && this.mailbox(attendeeId).calendar.get(this.graphId(eventUid, attendeeId));
    if (!attendee || !own || own.deleted) return;
    const sent = opts.sendResponse !== false && own.event.responseRequested !== false;
    const proposal = opts.proposedNewTime;
    for (const uid of [eventUid, ...(this.occurrences.get(eventUid) ?? [])]) {
      for (const u of sent ? this.participants(own.event) : [attendee]) {
        const box = this.mailbox(u.id);
        const item = box.calendar.get(this.graphId(uid, u.id));
        if (!item || item.deleted) continue;
        const isOrganizerCopy = item.response.response === 'organizer';
        let listed = false;
        const attendees: Attendee[] = item.event.attendees.map((a) => {
          if (this.userByAddress(a.emailAddress.address)?.id !== attendeeId) return a;
          listed = true;
          const { proposedNewTime: _old, ...rest } = a;
          return {
            ...rest,
            status: { response, time },
            ...(isOrganizerCopy && proposal && uid === eventUid ? { proposedNewTime: proposal } : {}),
          };
        });
        if (!listed && u.id !== attendeeId) continue;
        if (sent) item.event = { ...item.event, attendees, lastModifiedDateTime: time };
        if (u.id === attendeeId) item.response = { response, time };
        item.seq = this.log(box, 'calendar', item.graphId);
      }
    }
  }

  /**
   * The organizer replaces a meeting's attendees (Graph's PATCH replaces the collection): people
   * who stay keep their answers, new internal invitees get the meeting on their calendar (and will
   * answer), removed ones keep a cancelled copy. Returns false when it is not the organizer's copy.
   */
  replaceAttendees(organizerId: string, graphId: string, next: Array<Omit<Attendee, 'status'>>): boolean {
    const org = this.calendarItem(organizerId, graphId);
    if (!org || org.response.response !== 'organizer') return false;
    const time = this.clock().toISOString();
    const key = (a: { address: string }) => a.address.toLowerCase();
    const before = new Map(org.event.attendees.map((a) => [key(a.emailAddress), a]));
    const attendees: Attendee[] = next.map((a) => {
      const kept = before.get(key(a.emailAddress));
      return kept
        ? { ...kept, type: a.type }
        : { emailAddress: a.emailAddress, type: a.type, status: { response: 'none', time: NO_TIME } };
    });
    const oldIds = new Set(this.participants(org.event).map((u) => u.id));
    const updated: CalendarEvent = { ...org.event, attendees, lastModifiedDateTime: time };
    const newPeople = this.participants(updated);
    const newIds = new Set(newPeople.map((u) => u.id));
    for (const uid of [org.event.uid, ...(this.occurrences.get(org.event.uid) ?? [])]) {
      for (const id of oldIds) {
        const box = this.mailbox(id);
        const item = box.calendar.get(this.graphId(uid, id));
        if (!item || item.deleted) continue;
        item.event = newIds.has(id)
          ? { ...item.event, attendees, lastModifiedDateTime: time }
          : { ...item.event, isCancelled: true, lastModifiedDateTime: time };
        item.seq = this.log(box, 'calendar', item.graphId);
      }
      for (const u of newPeople) if (!oldIds.has(u.id)) this.deliverCopy(u.id, uid, attendees, time);
    }
    this.pending = this.pending.filter((p) => p.eventUid !== org.event.uid || newIds.has(p.attendeeId));
    for (const u of newPeople) if (!oldIds.has(u.id)) this.scheduleAnswer(updated, u.id);
    return true;
  }

  /**
   * Puts (or puts back) a meeting on an invitee's calendar, unanswered, with the organizer's copy's
   * content and the given attendee list.
   */
  private deliverCopy(userId: string, uid: string, attendees: Attendee[], time: string): void {
    const source = this.findOrganizerCopy(uid);
    if (!source) return;
    const event: CalendarEvent = { ...source.event, attendees, lastModifiedDateTime: time };
    const box = this.mailbox(userId);
    const existing = box.calendar.get(this.graphId(uid, userId));
    if (!existing) {
      this.putEvent(box, event);
      return;
    }
    existing.event = event;
    existing.deleted = false;
    existing.response = { response: 'none', time: NO_TIME };
    existing.seq = this.log(box, 'calendar', existing.graphId);
  }

  private findOrganizerCopy(uid: string): CalendarItem | undefined {
    for (const box of this.boxes.values()) {
      const item = box.calendar.get(this.graphId(uid, box.owner.id));
      if (item && !item.deleted && item.response.response === 'organizer') return item;
    }
    return undefined;
  }

  /**
   * `userId` (the organizer or an attendee) forwards the meeting to `recipients`, as Exchange does
   * (api/event-forward.md): each new recipient is added to the organizer's copy and, if internal,
   * gets the meeting on their calendar and answers in time; when an attendee forwards, the
   * organizer gets a "Meeting Forward Notification" message. Other attendees' copies don't change.
   * Forwarded recipients are added as optional attendees (Outlook's behaviour as we understand it;
   * the docs don't say). Returns the recipients who were new to the meeting.
   */
  forwardEvent(userId: string, graphId: string, recipients: EmailAddress[], comment = ''): EmailAddress[] {
    const item = this.calendarItem(userId, graphId);
    if (!item) throw new Error('no such event');
    const uid = item.event.uid;
    const org = this.findOrganizerCopy(uid);
    const base = org?.event ?? item.event;
    const key = (a: { address: string }) => a.address.toLowerCase();
    const known = new Set([key(base.organizer), ...base.attendees.map((a) => key(a.emailAddress))]);
    const added: EmailAddress[] = [];
    for (const r of recipients) {
      if (known.has(key(r))) continue;
      known.add(key(r));
      added.push({
        name: r.name || this.userByAddress(r.address)?.displayName || r.address,
        address: r.address,
      });
    }
    if (!added.length) return [];
    const time = this.clock().toISOString();
    const attendees: Attendee[] = [
      ...base.attendees,
      ...added.map((emailAddress) => ({
        emailAddress,
        type: 'optional' as const,
        status: { response: 'none' as const, time: NO_TIME },
      })),
    ];
    const organizer = this.userByAddress(base.organizer.address);
    for (const u of [uid, ...(this.occurrences.get(uid) ?? [])]) {
      if (org && organizer) {
        const box = this.mailbox(organizer.id);
        const copy = box.calendar.get(this.graphId(u, organizer.id));
        if (copy && !copy.deleted) {
          copy.event = { ...copy.event, attendees, lastModifiedDateTime: time };
          copy.seq = this.log(box, 'calendar', copy.graphId);
        }
      }
      for (const r of added) {
        const ru = this.userByAddress(r.address);
        if (ru && this.hasMailbox(ru.id)) this.deliverCopy(ru.id, u, attendees, time);
      }
    }
    const updated: CalendarEvent = { ...base, attendees };
    for (const r of added) {
      const ru = this.userByAddress(r.address);
      if (ru && this.hasMailbox(ru.id) && ru.id !== organizer?.id) this.scheduleAnswer(updated, ru.id);
    }
    const forwarder = this.byId.get(userId)!;
    if (organizer && organizer.id !== userId && this.hasMailbox(organizer.id)) {
      const uidMsg = createHash('sha1')
        .update(`${uid}|fwd|${time}|${added.map(key).join(',')}`)
        .digest('hex');
      const me = { name: forwarder.displayName, address: forwarder.mail! };
      this.addMessage(organizer.id, {
        folder: 'inbox',
        isRead: false,
        message: {
          uid: uidMsg,
          internetMessageId: `<${uidMsg}@devtenant>`,
          conversationId: uid,
          subject: `Meeting Forward Notification: ${base.subject}`,
          from: { emailAddress: me },
          sender: { emailAddress: me },
          toRecipients: [{ emailAddress: base.organizer }],
          ccRecipients: [],
          bccRecipients: [],
          replyTo: [],
          sentDateTime: time,
          receivedDateTime: time,
          hasAttachments: false,
          importance: 'normal',
          isDraft: false,
        },
      });
    }
    // The comment travels in the forwarded request's body, which the dev tenant doesn't model.
    void comment;
    return added;
  }

  /** Changes the personal properties of one mailbox's copy (categories, extensions). */
  updateItem(
    userId: string,
    graphId: string,
    change: Pick<CalendarItem, 'categories' | 'extensions'>,
  ): boolean {
    const box = this.mailbox(userId);
    const item = box.calendar.get(graphId);
    if (!item || item.deleted) return false;
    if (change.categories !== undefined) item.categories = change.categories;
    if (change.extensions !== undefined) item.extensions = change.extensions;
    item.seq = this.log(box, 'calendar', graphId);
    return true;
  }

  /** Changes a meeting everywhere it lives (the organizer's update or cancellation). */
  updateEvent(eventUid: string, change: (e: CalendarEvent) => CalendarEvent, fromUserId?: string): void {
    const seen = this.findAnyCopy(eventUid, fromUserId);
    if (!seen) return;
    for (const u of this.participants(seen.event)) {
      const box = this.mailbox(u.id);
      const item = box.calendar.get(this.graphId(eventUid, u.id));
      if (!item || item.deleted) continue;
      item.event = change(item.event);
      item.seq = this.log(box, 'calendar', item.graphId);
    }
  }

  /** Changes one mailbox's copy only (an attendee's own edit). */
  updateOwnCopy(userId: string, graphId: string, change: (e: CalendarEvent) => CalendarEvent): boolean {
    const box = this.mailbox(userId);
    const item = box.calendar.get(graphId);
    if (!item || item.deleted) return false;
    item.event = change(item.event);
    item.seq = this.log(box, 'calendar', graphId);
    return true;
  }

  private findAnyCopy(eventUid: string, userId?: string): CalendarItem | undefined {
    if (userId) return this.mailbox(userId).calendar.get(this.graphId(eventUid, userId));
    for (const box of this.boxes.values()) {
      const item = box.calendar.get(this.graphId(eventUid, box.owner.id));
      if (item) return item;
    }
    return undefined;
  }

  /** The organizer cancels: attendees' copies stay, marked cancelled; the organizer's is deleted. */
  cancelEvent(organizerId: string, graphId: string): boolean {
    const item = this.calendarItem(organizerId, graphId);
    if (!item) return false;
    const time = this.clock().toISOString();
    for (const uid of [item.event.uid, ...(this.occurrences.get(item.event.uid) ?? [])]) {
      this.updateEvent(uid, (e) => ({ ...e, isCancelled: true, lastModifiedDateTime: time }), organizerId);
      this.deleteEvent(organizerId, this.graphId(uid, organizerId));
    }
    this.pending = this.pending.filter((p) => p.eventUid !== item.event.uid);
    return true;
  }

  /** Removes an item from one calendar (a tombstone for delta). */
  deleteEvent(userId: string, graphId: string): boolean {
    const box = this.mailbox(userId);
    const item = box.calendar.get(graphId);
    if (!item || item.deleted) return false;
    item.deleted = true;
    item.seq = this.log(box, 'calendar', graphId);
    return true;
  }

  addMessage(userId: string, entry: MailboxMessage): MailItem {
    return this.putMessage(this.mailbox(userId), { ...entry });
  }

  deleteMessage(userId: string, graphId: string): boolean {
    const box = this.mailbox(userId);
    const item = box.mail.get(graphId);
    if (!item || item.deleted) return false;
    item.deleted = true;
    item.seq = this.log(box, `mail:${item.entry.folder}`, graphId);
    return true;
  }

  /** Moves a message between folders: it leaves one folder's delta (@removed) and enters another's. */
  moveMessage(userId: string, graphId: string, folder: MailFolderName): boolean {
    const box = this.mailbox(userId);
    const item = box.mail.get(graphId);
    if (!item || item.deleted) return false;
    if (item.entry.folder === folder) return true;
    const from = item.entry.folder;
    item.entry = { ...item.entry, folder };
    item.movedFrom = from;
    // The old folder logs the departure (a removal there), the new one the arrival.
    this.log(box, `mail:${from}`, graphId);
    item.seq = this.log(box, `mail:${folder}`, graphId);
    item.createdSeq = item.seq;
    return true;
  }

  markRead(userId: string, graphId: string, isRead: boolean): boolean {
    const box = this.mailbox(userId);
    const item = box.mail.get(graphId);
    if (!item || item.deleted) return false;
    if (item.entry.isRead === isRead) return true;
    item.entry = { ...item.entry, isRead };
    item.seq = this.log(box, `mail:${item.entry.folder}`, graphId);
    return true;
  }
}

/** The meeting's own slot moved by `minutes` (a proposal). */
function shifted(event: CalendarEvent, minutes: number): ProposedTime {
  const by = minutes * 60_000;
  return {
    start: new Date(Date.parse(event.start) + by).toISOString(),
    end: new Date(Date.parse(event.end) + by).toISOString(),
  };
}
