import { createHash, randomBytes } from 'node:crypto';
import type {
  Attendee,
  CalendarEvent,
  DirectoryUser,
  MailboxMessage,
  MailFolderName,
  ResponseType,
  TenantData,
} from '../model';

/**
 * Every mailbox's mutable state: its calendar (each attendee has its own copy of a meeting, with its
 * own id and response) and its mail folders. Each change takes the next sequence number of the
 * mailbox, and deletions leave tombstones, so delta queries can answer "what changed since N".
 * Mailboxes are built from the tenant data on first access.
 */
export interface CalendarItem {
  graphId: string;
  event: CalendarEvent;
  seq: number;
  deleted: boolean;
  /** This mailbox's own response (the organizer's copy says 'organizer'). */
  response: { response: ResponseType; time: string };
  transactionId?: string;
}

export interface MailItem {
  graphId: string;
  entry: MailboxMessage;
  seq: number;
  deleted: boolean;
  /** The folder it left in its latest change: that folder's delta reports it as removed. */
  movedFrom?: MailFolderName;
}

export type Stream = 'calendar' | `mail:${MailFolderName}`;

interface Mailbox {
  owner: DirectoryUser;
  seq: number;
  calendar: Map<string, CalendarItem>;
  mail: Map<string, MailItem>;
  /** Bumping a stream's generation invalidates its outstanding delta tokens (410 SyncStateNotFound). */
  generation: Map<Stream, number>;
}

interface PendingResponse {
  dueAt: number;
  eventUid: string;
  attendeeId: string;
  response: ResponseType;
}

const NO_TIME = '0001-01-01T00:00:00Z';

export class MailboxStore {
  private readonly boxes = new Map<string, Mailbox>();
  private readonly byAddress = new Map<string, DirectoryUser>();
  private readonly pending: PendingResponse[] = [];
  /** Signs delta tokens so clients cannot forge one. */
  readonly tokenKey = randomBytes(16);
  /** How long attendees take to answer a new invitation (dev tenant clock). */
  responseDelayMs = 60_000;

  constructor(
    readonly data: TenantData,
    readonly clock: () => Date,
  ) {
    for (const u of data.users) {
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
    // Per-mailbox ids, shaped like Exchange immutable ids (base64, case-sensitive).
    return `AAkALg${createHash('sha256').update(`${uid}|${ownerId}`).digest('base64').replace(/\//g, '_').replace(/\+/g, '-').slice(0, 60)}AAA=`;
  }

  mailbox(userId: string): Mailbox {
    const hit = this.boxes.get(userId);
    if (hit) return hit;
    const owner = this.data.users.find((u) => u.id === userId);
    if (!owner) throw new Error(`no mailbox ${userId}`);
    const box: Mailbox = { owner, seq: 0, calendar: new Map(), mail: new Map(), generation: new Map() };
    const content = this.data.mailbox(userId);
    for (const event of content.events) this.putEvent(box, event);
    for (const entry of content.messages) {
      const graphId = this.graphId(entry.message.uid, userId);
      box.mail.set(graphId, { graphId, entry: { ...entry }, seq: ++box.seq, deleted: false });
    }
    this.boxes.set(userId, box);
    return box;
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
      seq: ++box.seq,
      deleted: false,
      response: this.ownResponse(event, box.owner),
      transactionId,
    };
    box.calendar.set(graphId, item);
    return item;
  }

  calendar(userId: string): CalendarItem[] {
    return [...this.mailbox(userId).calendar.values()];
  }

  mail(userId: string): MailItem[] {
    return [...this.mailbox(userId).mail.values()];
  }

  currentSeq(userId: string): number {
    return this.mailbox(userId).seq;
  }

  generation(userId: string, stream: Stream): number {
    return this.mailbox(userId).generation.get(stream) ?? 0;
  }

  expireDeltaTokens(userId?: string, stream?: Stream): void {
    for (const box of userId ? [this.mailbox(userId)] : this.boxes.values()) {
      for (const s of stream
        ? [stream]
        : (['calendar', 'mail:inbox', 'mail:sentitems', 'mail:archive', 'mail:deleteditems'] as Stream[])) {
        box.generation.set(s, (box.generation.get(s) ?? 0) + 1);
      }
    }
  }

  /** The internal mailboxes a meeting lands in: organizer and every internal attendee. */
  private participants(event: CalendarEvent): DirectoryUser[] {
    const out = new Map<string, DirectoryUser>();
    for (const a of [event.organizer, ...event.attendees.map((x) => x.emailAddress)]) {
      const u = this.userByAddress(a.address);
      if (u && u.userType === 'Member') out.set(u.id, u);
    }
    return [...out.values()];
  }

  findByTransaction(userId: string, transactionId: string): CalendarItem | undefined {
    return this.calendar(userId).find((i) => !i.deleted && i.transactionId === transactionId);
  }

  /** A new meeting from `organizerId`: it lands on every internal attendee's calendar; they answer later. */
  createEvent(organizerId: string, event: CalendarEvent, transactionId?: string): CalendarItem {
    let created: CalendarItem | undefined;
    for (const u of this.participants(event)) {
      const item = this.putEvent(this.mailbox(u.id), event, u.id === organizerId ? transactionId : undefined);
      if (u.id === organizerId) created = item;
    }
    if (!created) throw new Error('the organizer is not an internal user');
    const now = this.clock().getTime();
    for (const a of event.attendees) {
      const u = this.userByAddress(a.emailAddress.address);
      if (!u || u.id === organizerId || u.userType !== 'Member') continue;
      this.pending.push({
        dueAt: now + this.responseDelayMs,
        eventUid: event.uid,
        attendeeId: u.id,
        response: this.decide(u.id, event),
      });
    }
    return created;
  }

  /** Attendees decline when they are busy then, otherwise mostly accept (deterministic per meeting). */
  private decide(userId: string, event: CalendarEvent): ResponseType {
    const start = Date.parse(event.start);
    const end = Date.parse(event.end);
    const busy = this.calendar(userId).some(
      (i) =>
        !i.deleted &&
        i.event.uid !== event.uid &&
        !i.event.isCancelled &&
        i.event.showAs !== 'free' &&
        i.response.response !== 'declined' &&
        Date.parse(i.event.start) < end &&
        Date.parse(i.event.end) > start,
    );
    if (busy) return 'declined';
    const h = createHash('sha256').update(`${event.uid}|${userId}`).digest()[0]!;
    return h < 26 ? 'tentativelyAccepted' : 'accepted';
  }

  /** Delivers attendee responses that are due by the dev tenant clock; returns how many. */
  deliverDueResponses(now = this.clock().getTime()): number {
    let delivered = 0;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const p = this.pending[i]!;
      if (p.dueAt > now) continue;
      this.pending.splice(i, 1);
      this.respond(p.attendeeId, p.eventUid, p.response);
      delivered++;
    }
    return delivered;
  }

  pendingResponses(): number {
    return this.pending.length;
  }

  /** An attendee answers: their copy and the organizer's attendee list change. */
  respond(attendeeId: string, eventUid: string, response: ResponseType): void {
    const time = this.clock().toISOString();
    const attendee = this.data.users.find((u) => u.id === attendeeId);
    for (const u of this.participantsByUid(eventUid)) {
      const box = this.mailbox(u.id);
      const item = box.calendar.get(this.graphId(eventUid, u.id));
      if (!item || item.deleted) continue;
      const attendees: Attendee[] = item.event.attendees.map((a) =>
        attendee && this.userByAddress(a.emailAddress.address)?.id === attendee.id
          ? { ...a, status: { response, time } }
          : a,
      );
      const event = { ...item.event, attendees, lastModifiedDateTime: time };
      box.calendar.set(item.graphId, {
        ...item,
        event,
        seq: ++box.seq,
        response: u.id === attendeeId ? { response, time } : item.response,
      });
    }
  }

  private participantsByUid(uid: string): DirectoryUser[] {
    for (const box of this.boxes.values()) {
      const item = box.calendar.get(this.graphId(uid, box.owner.id));
      if (item) return this.participants(item.event);
    }
    return [];
  }

  /** Changes a meeting everywhere it lives (organizer's update, cancellation). */
  updateEvent(eventUid: string, change: (e: CalendarEvent) => CalendarEvent): void {
    for (const u of this.participantsByUid(eventUid)) {
      const box = this.mailbox(u.id);
      const item = box.calendar.get(this.graphId(eventUid, u.id));
      if (!item || item.deleted) continue;
      box.calendar.set(item.graphId, { ...item, event: change(item.event), seq: ++box.seq });
    }
  }

  deleteEvent(userId: string, graphId: string): boolean {
    const box = this.mailbox(userId);
    const item = box.calendar.get(graphId);
    if (!item || item.deleted) return false;
    box.calendar.set(graphId, { ...item, deleted: true, seq: ++box.seq });
    return true;
  }

  addMessage(userId: string, entry: MailboxMessage): MailItem {
    const box = this.mailbox(userId);
    const graphId = this.graphId(entry.message.uid, userId);
    const item = { graphId, entry, seq: ++box.seq, deleted: false };
    box.mail.set(graphId, item);
    return item;
  }

  deleteMessage(userId: string, graphId: string): boolean {
    const box = this.mailbox(userId);
    const item = box.mail.get(graphId);
    if (!item || item.deleted) return false;
    box.mail.set(graphId, { ...item, deleted: true, seq: ++box.seq });
    return true;
  }

  /** Moves a message between folders: it leaves one folder's delta (@removed) and enters another's. */
  moveMessage(userId: string, graphId: string, folder: MailFolderName): boolean {
    const box = this.mailbox(userId);
    const item = box.mail.get(graphId);
    if (!item || item.deleted) return false;
    box.mail.set(graphId, {
      ...item,
      entry: { ...item.entry, folder },
      seq: ++box.seq,
      movedFrom: item.entry.folder,
    });
    return true;
  }
}
