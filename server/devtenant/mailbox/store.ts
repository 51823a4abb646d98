import { createHash } from 'node:crypto';
import type {
  Attendee,
  CalendarEvent,
  EmailAddress,
  MailboxMessage,
  MailFolderName,
  ResponseType,
} from '../model';
import { type CalendarItem, type MailItem, MailboxStoreCore, NO_TIME, type ProposedTime } from './storeCore';

export * from './storeCore';

/**
 * The dev tenant's mailboxes, continued: answers to invitations, attendee changes, forwards,
 * updates, cancellations and mail moves (the reads, the change log and the answer simulation are
 * in storeCore.ts).
 */
export class MailboxStore extends MailboxStoreCore {
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
