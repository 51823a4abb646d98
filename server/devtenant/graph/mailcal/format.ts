import { createHash } from 'node:crypto';
import type { CalendarItem, MailItem } from '../../mailbox/store';
import type { CalendarEvent, MailMessage } from '../../model';
import { findIana } from 'windows-iana';
import { wallClock } from '../../org/time';

/** Graph JSON for events and messages, with wall-clock times in the caller's preferred time zone. */

const zoneCache = new Map<string, string | null>();

/**
 * Resolves a Windows (CLDR windowsZones, via windows-iana) or IANA zone name to an IANA zone that
 * Intl knows; null when unknown (Graph then answers in UTC).
 */
export function ianaZone(name: string | null): string | null {
  if (!name) return null;
  const hit = zoneCache.get(name);
  if (hit !== undefined) return hit;
  const candidates = name.toUpperCase() === 'UTC' ? ['UTC'] : [...findIana(name), name];
  let found: string | null = null;
  for (const c of candidates) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: c });
      found = c;
      break;
    } catch {
      // not a zone this runtime knows; try the next alias
    }
  }
  zoneCache.set(name, found);
  return found;
}

export function wallTime(iso: string, zoneName: string): { dateTime: string; timeZone: string } {
  const iana = ianaZone(zoneName) ?? 'UTC';
  const w = wallClock(iana, Date.parse(iso));
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    dateTime: `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}.0000000`,
    timeZone: iana === 'UTC' ? 'UTC' : zoneName,
  };
}

/** Parses Graph's {dateTime, timeZone} (a wall-clock time without offset) into an instant. */
export function parseDateTimeTimeZone(v: { dateTime: string; timeZone?: string }): number {
  if (/[zZ]$|[+-]\d\d:\d\d$/.test(v.dateTime)) return Date.parse(v.dateTime);
  const iana = ianaZone(v.timeZone ?? 'UTC') ?? 'UTC';
  const naive = Date.parse(`${v.dateTime.slice(0, 23)}Z`);
  if (Number.isNaN(naive)) return Number.NaN;
  const asWall = (ms: number) =>
    Date.parse(`${wallTime(new Date(ms).toISOString(), iana).dateTime.slice(0, 19)}Z`);
  const guess = naive - (asWall(naive) - naive);
  return guess - (asWall(guess) - naive);
}

const etag = (seq: number, id: string) => `W/"${Buffer.from(`${id.slice(6, 18)}${seq}`).toString('base64')}"`;

const escapeHtml = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Graph serves bodies as HTML unless asked otherwise; a text body is wrapped as Exchange does. */
function bodyOf(e: CalendarEvent): { body: { contentType: string; content: string }; preview: string } {
  if (!e.body) return { body: { contentType: 'html', content: '' }, preview: '' };
  const html =
    e.body.contentType === 'html'
      ? e.body.content
      : `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${escapeHtml(e.body.content).replace(/\r?\n/g, '<br>\r\n')}\r\n</body>\r\n</html>\r\n`;
  const text =
    e.body.contentType === 'html'
      ? e.body.content
          .replace(/<(head|style|script)[\s\S]*?<\/\1>/gi, ' ')
          .replace(/<[^>]*>/g, ' ')
          .replace(/&nbsp;/g, ' ')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
      : e.body.content;
  return {
    body: { contentType: 'html', content: html },
    preview: text.replace(/\s+/g, ' ').trim().slice(0, 255),
  };
}

export interface EventViewContext {
  /** For the Teams join link's context (Tid, Oid), as real join URLs carry them. */
  tenantId?: string;
  organizerId?: string;
}

export function graphEvent(
  item: CalendarItem,
  ownerAddress: string,
  zone: string,
  seriesMasterGraphId: string | null,
  view: EventViewContext = {},
): Record<string, unknown> {
  const e: CalendarEvent = item.event;
  const { body, preview } = bodyOf(e);
  // Attendees as Graph's attendee resource; proposedNewTime only where there is one (resources/attendee.md).
  const attendees = e.attendees.map(({ proposedNewTime, ...a }) =>
    proposedNewTime
      ? {
          ...a,
          proposedNewTime: {
            start: wallTime(proposedNewTime.start, zone),
            end: wallTime(proposedNewTime.end, zone),
          },
        }
      : a,
  );
  const meetingId = createHash('sha256').update(e.uid).digest('base64url').slice(0, 44);
  const isOrganizer = e.organizer.address.toLowerCase() === ownerAddress.toLowerCase();
  const allDay = (iso: string) => ({ dateTime: `${iso.slice(0, 10)}T00:00:00.0000000`, timeZone: 'UTC' });
  const place = e.location.displayName
    ? {
        displayName: e.location.displayName,
        locationType: e.location.locationType,
        uniqueId: e.location.displayName,
        uniqueIdType: 'private',
        address: {},
        coordinates: {},
      }
    : { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} };
  return {
    '@odata.type': '#microsoft.graph.event',
    '@odata.etag': etag(item.seq, item.graphId),
    id: item.graphId,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: e.lastModifiedDateTime,
    changeKey: etag(item.seq, item.graphId).slice(3, -1),
    categories: item.categories ?? [],
    // Returned only when the client set one (msgraph typings: transactionId).
    ...(item.transactionId ? { transactionId: item.transactionId } : {}),
    originalStartTimeZone: e.originalStartTimeZone,
    originalEndTimeZone: e.originalEndTimeZone,
    iCalUId: e.iCalUId,
    uid: e.iCalUId,
    reminderMinutesBeforeStart: 15,
    isReminderOn: !e.isAllDay,
    hasAttachments: false,
    subject: e.subject,
    bodyPreview: preview,
    importance: e.importance,
    sensitivity: e.sensitivity,
    isAllDay: e.isAllDay,
    isCancelled: e.isCancelled,
    isOrganizer,
    responseRequested: e.responseRequested,
    seriesMasterId: seriesMasterGraphId,
    showAs: e.showAs,
    type: e.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(item.graphId)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    allowNewTimeProposals: e.allowNewTimeProposals ?? true,
    occurrenceId: null,
    isDraft: false,
    hideAttendees: false,
    responseStatus: item.response,
    body,
    start: e.isAllDay ? allDay(e.start) : wallTime(e.start, zone),
    end: e.isAllDay ? allDay(e.end) : wallTime(e.end, zone),
    location: place,
    locations: e.location.displayName ? [place] : [],
    recurrence: e.recurrence ?? null,
    attendees,
    organizer: { emailAddress: e.organizer },
    onlineMeeting: e.isOnlineMeeting
      ? {
          // Shaped like the docs' example: a meeting thread id and a context naming tenant and organizer.
          joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${meetingId}%40thread.v2/0?context=${encodeURIComponent(
            JSON.stringify({ Tid: view.tenantId ?? '', Oid: view.organizerId ?? '' }),
          )}`,
          conferenceId: String(Number.parseInt(e.iCalUId.slice(-8), 16) % 1_000_000_000),
          tollNumber: '+1 425 555 0123',
        }
      : null,
  };
}

export const MESSAGE_PROPS = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
  'uniqueBody',
] as const;
export const BODY_PROPS = new Set(['body', 'bodyPreview', 'uniqueBody']);

/** A message as Graph returns it. Bodies exist only with Mail.Read: Rapport asks for Mail.ReadBasic. */
export function graphMessage(
  item: MailItem,
  folderId: string,
  canReadBody: boolean,
): Record<string, unknown> {
  const m: MailMessage = item.entry.message;
  const full: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.message',
    '@odata.etag': etag(item.seq, item.graphId),
    id: item.graphId,
    createdDateTime: m.receivedDateTime,
    lastModifiedDateTime: m.receivedDateTime,
    changeKey: etag(item.seq, item.graphId).slice(3, -1),
    categories: [],
    receivedDateTime: m.receivedDateTime,
    sentDateTime: m.sentDateTime,
    hasAttachments: m.hasAttachments,
    internetMessageId: m.internetMessageId,
    subject: m.subject,
    bodyPreview: '',
    importance: m.importance,
    parentFolderId: folderId,
    conversationId: m.conversationId,
    conversationIndex: Buffer.from(m.conversationId).toString('base64').slice(0, 30),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: item.entry.isRead,
    isDraft: m.isDraft,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(item.graphId)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body: { contentType: 'text', content: '' },
    uniqueBody: { contentType: 'text', content: '' },
    sender: m.sender,
    from: m.from,
    toRecipients: m.toRecipients,
    ccRecipients: m.ccRecipients,
    bccRecipients: m.bccRecipients,
    replyTo: m.replyTo,
    flag: { flagStatus: 'notFlagged' },
  };
  if (!canReadBody) for (const k of BODY_PROPS) delete full[k];
  return full;
}
