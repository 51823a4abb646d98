import { createHash } from 'node:crypto';
import type {
  Attendee,
  CalendarEvent,
  DirectoryUser,
  EmailAddress,
  MailboxMessage,
  Recipient,
  TenantData,
  TieTruth,
} from '../model';
import { buildDirectory, PERSONA_ORDER } from './directory';
import { buildHistory, EXT, type PlannedEvent, type PlannedMessage } from './history';
import { buildMachines } from './machines';
import { Rng } from './random';

export interface GenerateOptions {
  seed: string;
  people?: number;
  now?: Date;
  months?: number;
  /** Mailboxes to make heavy (≥ 50,000 messages and ≥ 5,000 events a year): 'demo' = the demo user. */
  heavyUserIds?: 'demo' | string[];
}

const NO_RESPONSE_TIME = '0001-01-01T00:00:00Z';

/**
 * A deterministic organisation with twelve months of history. The directory, the latent truth and
 * a compact plan of every meeting and message are built eagerly; each mailbox's Graph-shaped items
 * are materialised on first request.
 */
export function generateOrg(opts: GenerateOptions): TenantData {
  const now = opts.now ?? new Date();
  const months = opts.months ?? 12;
  // The history depends on the day, not the second: restarts on one day give the same data.
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rng = new Rng(`${opts.seed}|${day.toISOString().slice(0, 10)}`);
  const dir = buildDirectory(new Rng(`${opts.seed}|directory`), opts.seed, opts.people ?? 300);
  const heavy = new Set<number>();
  if (opts.heavyUserIds === 'demo') heavy.add(dir.demoUserIndex);
  else
    for (const id of opts.heavyUserIds ?? []) {
      const i = dir.people.findIndex((p) => p.user.id === id);
      if (i >= 0) heavy.add(i);
    }
  const history = buildHistory(rng, dir, day.getTime(), months, heavy);
  const people = dir.people;
  // Senders that are not colleagues (and a shared mailbox that is), from a generator of their own.
  const machines = buildMachines(dir, opts.seed, day.getTime(), months);
  const users: DirectoryUser[] = [
    // Personas first: the sign-in page lists them on top.
    ...PERSONA_ORDER.flatMap((k) => people.filter((p) => p.persona === k).map((p) => p.user)),
    ...people.filter((p) => !p.persona).map((p) => p.user),
    ...dir.rooms,
    ...machines.users,
  ];
  const indexOfUser = new Map(people.map((p, i) => [p.user.id, i]));

  const address = (i: number): EmailAddress => {
    if (i >= EXT) {
      const e = dir.externals[i - EXT]!;
      return { name: e.name, address: e.address };
    }
    const u = people[i]!.user;
    return { name: u.displayName, address: u.mail ?? u.userPrincipalName };
  };
  const recipient = (i: number): Recipient => ({ emailAddress: address(i) });
  const uidOf = (kind: string, n: number) =>
    createHash('sha1').update(`${opts.seed}|${kind}|${n}`).digest('base64url');
  const iso = (ms: number) => new Date(ms).toISOString();

  const eventCache = new Map<number, CalendarEvent>();
  function toEvent(e: PlannedEvent): CalendarEvent {
    const hit = eventCache.get(e.uid);
    if (hit) return hit;
    const organizer = people[e.organizer]!;
    const attendees: Attendee[] = e.attendees.map((a, k) => ({
      emailAddress: address(a),
      type: 'required',
      status:
        e.responses[k] === 'none'
          ? { response: 'none', time: NO_RESPONSE_TIME }
          : { response: e.responses[k]!, time: iso(e.created + 3_600_000) },
    }));
    const ev: CalendarEvent = {
      uid: uidOf('event', e.uid),
      iCalUId: `040000008200E00074C5B7101A82E008${createHash('sha1')
        .update(`${opts.seed}|ical|${e.seriesMaster ?? e.uid}`)
        .digest('hex')
        .toUpperCase()
        .slice(0, 48)}`,
      subject: e.subject,
      start: iso(e.start),
      end: iso(e.start + e.minutes * 60_000),
      originalStartTimeZone: organizer.zone,
      originalEndTimeZone: organizer.zone,
      isAllDay: e.isAllDay,
      isCancelled: e.isCancelled,
      showAs: e.showAs,
      type: e.isSeriesMaster ? 'seriesMaster' : e.seriesMaster !== null ? 'occurrence' : 'singleInstance',
      seriesMasterUid: e.seriesMaster !== null ? uidOf('event', e.seriesMaster) : null,
      organizer: address(e.organizer),
      attendees,
      location: e.online
        ? { displayName: 'Microsoft Teams Meeting', locationType: 'default' }
        : { displayName: organizer.user.officeLocation ?? '', locationType: 'default' },
      isOnlineMeeting: e.online,
      onlineMeetingProvider: e.online ? 'teamsForBusiness' : 'unknown',
      sensitivity: e.kind === 'ooo' ? 'private' : 'normal',
      importance: 'normal',
      responseRequested: e.attendees.length > 0,
      createdDateTime: iso(e.created),
      lastModifiedDateTime: iso(e.created + 60_000),
      kind: e.kind,
    };
    eventCache.set(e.uid, ev);
    return ev;
  }

  function toMessage(m: PlannedMessage, owner: number): MailboxMessage {
    const from = m.systemSender ? { emailAddress: m.systemSender } : recipient(m.from);
    const sender = m.systemSender ? { emailAddress: m.systemSender } : recipient(m.sender);
    const sent = owner === m.sender || (owner === m.from && m.sender === m.from);
    return {
      folder: sent ? 'sentitems' : 'inbox',
      isRead: sent || ((m.uid * 2654435761) >>> 0) % 10 < 8,
      message: {
        uid: uidOf('message', m.uid),
        internetMessageId: `<${uidOf('mid', m.uid)}@${dir.domain}>`,
        conversationId: uidOf('conversation', m.conversation),
        subject: m.subject,
        from,
        sender,
        toRecipients: m.to.map(recipient),
        ccRecipients: m.cc.map(recipient),
        bccRecipients: [],
        replyTo: [],
        sentDateTime: iso(m.sent),
        receivedDateTime: iso(m.sent + 2000),
        hasAttachments: ((m.uid * 40503) >>> 0) % 13 === 0,
        importance: 'normal',
        isDraft: false,
        kind: m.kind,
      },
    };
  }

  const mailboxes = new Map<string, { events: CalendarEvent[]; messages: MailboxMessage[] }>();
  const truthCache = new Map<string, TieTruth[]>();
  return {
    org: dir.org,
    users,
    now: day,
    machines: { automated: machines.automated, colleagues: machines.colleagues },
    mailbox(userId) {
      const hit = mailboxes.get(userId);
      if (hit) return hit;
      const i = indexOfUser.get(userId);
      const box =
        i === undefined || people[i]!.user.userType !== 'Member'
          ? { events: [], messages: [] }
          : {
              events: history.eventsOf[i]!.map((k) => toEvent(history.events[k]!)),
              messages: [
                ...history.messagesOf[i]!.map((k) => toMessage(history.messages[k]!, i)),
                ...machines.messagesOf(i),
              ],
            };
      mailboxes.set(userId, box);
      return box;
    },
    truth(ownerId) {
      const hit = truthCache.get(ownerId);
      if (hit) return hit;
      const i = indexOfUser.get(ownerId);
      const list: TieTruth[] =
        i === undefined
          ? []
          : history.ties
              .filter((t) => t.a === i || t.b === i)
              .map((t) => ({
                ownerId,
                counterpartId: people[t.a === i ? t.b : t.a]!.user.id,
                monthly: t.monthly,
                trend: t.trend,
                confounders: t.confounders,
              }));
      truthCache.set(ownerId, list);
      return list;
    },
  };
}
