import { domainOf, isInternalAddress } from '../domain/address';
import { primaryAddress } from '../domain/identity';
import type { Interaction, InteractionKind } from '../domain/interaction';
import type { GraphEvent, GraphMessage } from '../graph/schemas';

/**
 * From Graph items to interactions: one row per internal counterpart of an event or a message.
 * Pure — no I/O — so the rules are easy to test. The exclusions follow Viva Insights: cancelled
 * or declined meetings, all-day and ≥ 24 h events, events shown as free, and solo events are not
 * collaboration; rooms, resources and distribution lists are not people.
 */

export interface DirectoryPerson {
  id: string;
  mail: string | null;
  addresses: string[];
  kind: 'person' | 'room' | 'group';
}

export interface ExtractionContext {
  owner: { id: string; addresses: string[] };
  internalDomains: string[];
  /** Finds a directory entry by any of its addresses (lower-case); undefined when unknown. */
  lookup(address: string): DirectoryPerson | undefined;
  /** The user's setting: keep meeting subjects (off by default). */
  meetingSubjects?: boolean;
}

/** External counterparts are recorded by domain only ("@fabrikam.com"): enough for internal share. */
export const externalCounterpart = (address: string) => `@${domainOf(address)}`;

const SMALL_MAX = 8; // Viva: meaningful collaboration has 2–8 participants

/** Lower-cases, strips "Name <addr>" and mailto:, resolves X.500 via the directory; null when unusable. */
export function normaliseAddress(raw: string | null | undefined, ctx?: ExtractionContext): string | null {
  if (!raw) return null;
  let a = raw.trim();
  const angle = /<([^>]+)>/.exec(a);
  if (angle) a = angle[1]!;
  a = a
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  if (a.startsWith('/o=')) {
    // An Exchange X.500 (legacyExchangeDN) address: internal; resolvable only through the directory.
    const hit = ctx?.lookup(a);
    return hit ? primaryAddress(hit) : null;
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a)) return null;
  return SYSTEM_SENDER.test(a.slice(0, a.indexOf('@'))) ? null : a;
}

/** Mailboxes that are machines, not people: never counterparts, never participants. */
const SYSTEM_SENDER =
  /^(no[._-]?reply|do[._-]?not[._-]?reply|no[._-]?address|mailer[._-]?daemon|postmaster|bounces?|notifications?|microsoftexchange[0-9a-f]*)$/i;

function isInternal(address: string, ctx: ExtractionContext): boolean {
  return isInternalAddress(address, ctx.internalDomains);
}

/**
 * Who an address is: the directory entry it belongs to, and the address Rapport keys them by — a
 * person's primary address (domain/identity.ts) whichever alias was used; the address itself when
 * the directory does not know it (no guessing across names).
 */
function resolve(address: string, ctx: ExtractionContext): { key: string; hit: DirectoryPerson | undefined } {
  const hit = ctx.lookup(address);
  return { key: (hit?.kind === 'person' ? primaryAddress(hit) : null) ?? address, hit };
}

// The wire schemas live in server/graph/schemas.ts; re-exported for bench/insights/quality.ts.
export { graphEventSchema, graphMessageSchema, type GraphEvent, type GraphMessage } from '../graph/schemas';

/** Graph returns event times as wall-clock in a named zone; Rapport asks for UTC. */
function instant(v: { dateTime: string; timeZone?: string | null }): number {
  const zoned = /[zZ]$|[+-]\d\d:\d\d$/.test(v.dateTime);
  return Date.parse(zoned ? v.dateTime : `${v.dateTime.slice(0, 23)}Z`);
}

/** Why an event yields no interactions, or null when it does. */
export function eventExclusion(e: GraphEvent, ownerIsAttendeeDeclined: boolean): string | null {
  if (e.type === 'seriesMaster') return 'series master';
  if (e.isCancelled) return 'cancelled';
  if (ownerIsAttendeeDeclined) return 'declined';
  if (e.isAllDay) return 'all-day';
  if (e.showAs === 'free') return 'shown as free';
  const minutes = (instant(e.end) - instant(e.start)) / 60_000;
  if (!Number.isFinite(minutes) || minutes <= 0) return 'no duration';
  if (minutes >= 24 * 60) return '24 hours or longer';
  return null;
}

/** The interactions an event creates for its mailbox owner; [] when excluded. */
export function eventInteractions(e: GraphEvent, ctx: ExtractionContext): Interaction[] {
  const ownerAddresses = new Set(ctx.owner.addresses.map((a) => a.toLowerCase()));
  const response = e.responseStatus?.response ?? null;
  if (eventExclusion(e, response === 'declined')) return [];
  const organizer = normaliseAddress(e.organizer?.emailAddress?.address, ctx);
  const ownerIsOrganizer = e.isOrganizer ?? (organizer !== null && ownerAddresses.has(organizer));
  const organizerKey = organizer === null ? null : resolve(organizer, ctx).key;
  // Keyed by who they are: one person invited under two of their addresses is one participant.
  const people = new Map<string, DirectoryPerson | undefined>();
  const consider = (address: string | null, type?: string | null) => {
    if (!address || ownerAddresses.has(address) || type === 'resource') return;
    const { key, hit } = resolve(address, ctx);
    if (hit && hit.kind !== 'person') return; // rooms and distribution lists are not people
    if (!people.has(key)) people.set(key, hit);
  };
  consider(organizer);
  for (const a of e.attendees ?? []) consider(normaliseAddress(a.emailAddress?.address, ctx), a.type);
  if (people.size === 0) return []; // solo: focus time, reminders
  const participants = people.size + 1;
  const kind: InteractionKind =
    participants === 2 ? 'meeting_1on1' : participants <= SMALL_MAX ? 'meeting_small' : 'meeting_large';
  const start = instant(e.start);
  const minutes = Math.round((instant(e.end) - start) / 60_000);
  const subject = ctx.meetingSubjects ? (e.subject ?? null) : null;
  const out = new Map<string, Interaction>();
  for (const [address, hit] of people) {
    const internal = isInternal(address, ctx);
    const counterpart = internal ? address : externalCounterpart(address);
    if (out.has(counterpart)) continue;
    out.set(counterpart, {
      sourceType: 'event' as const,
      sourceId: e.id,
      counterpart,
      counterpartId: internal ? (hit?.id ?? null) : null,
      kind,
      at: new Date(start),
      durationMinutes: minutes,
      participants,
      direction: ownerIsOrganizer ? 'outbound' : address === organizerKey ? 'inbound' : 'mutual',
      ownerIsOrganizer,
      response,
      internal,
      subject,
    });
  }
  return [...out.values()];
}

/** The interactions a message creates for its mailbox owner: one per internal counterpart. */
export function messageInteractions(m: GraphMessage, folder: string, ctx: ExtractionContext): Interaction[] {
  if (m.isDraft) return [];
  const at = Date.parse(m.sentDateTime ?? m.receivedDateTime ?? '');
  if (Number.isNaN(at)) return [];
  const ownerAddresses = new Set(ctx.owner.addresses.map((a) => a.toLowerCase()));
  const from = normaliseAddress(m.from?.emailAddress?.address, ctx);
  const sender = normaliseAddress(m.sender?.emailAddress?.address, ctx);
  const list = (r: GraphMessage['toRecipients']) =>
    (r ?? [])
      .map((x) => normaliseAddress(x.emailAddress?.address, ctx))
      .filter((a): a is string => a !== null);
  const to = list(m.toRecipients);
  const cc = list(m.ccRecipients);
  const bcc = list(m.bccRecipients);
  const outbound =
    folder === 'sentitems' ||
    (from !== null && ownerAddresses.has(from)) ||
    (sender !== null && ownerAddresses.has(sender));
  const reply = /^\s*(re|aw|sv|antw)\s*:/i.test(m.subject ?? '');
  const participants = new Set(
    [from, ...to, ...cc, ...bcc].filter((a): a is string => a !== null).map((a) => resolve(a, ctx).key),
  ).size;
  const out: Interaction[] = [];
  const ownerNamed = outbound ? null : [...to, ...cc].some((a) => ownerAddresses.has(a));
  const add = (address: string, kind: InteractionKind, direction: Interaction['direction']) => {
    if (ownerAddresses.has(address)) return;
    // An address the directory knows is that person (an alias outside the verified domains too).
    const { key, hit } = resolve(address, ctx);
    if (hit && hit.kind !== 'person') return;
    const internal = isInternal(key, ctx);
    const counterpart = internal ? key : externalCounterpart(key);
    if (out.some((i) => i.counterpart === counterpart)) return;
    out.push({
      sourceType: 'message',
      sourceId: m.id,
      counterpart,
      counterpartId: internal ? (hit?.id ?? null) : null,
      kind,
      at: new Date(at),
      durationMinutes: 0,
      participants,
      direction,
      ownerIsOrganizer: outbound,
      response: null,
      internal,
      subject: null,
      conversationId: m.conversationId ?? null,
      ownerNamed,
    });
  };
  if (outbound) {
    for (const a of [...to, ...bcc]) add(a, reply ? 'mail_reply' : 'mail_sent', 'outbound');
    for (const a of cc) add(a, reply ? 'mail_reply' : 'mail_sent', 'outbound');
  } else {
    const ownerInCc = cc.some((a) => ownerAddresses.has(a)) && !to.some((a) => ownerAddresses.has(a));
    // An assistant sending for an executive: the relationship is with the executive (`from`).
    if (from) add(from, ownerInCc ? 'mail_cc' : reply ? 'mail_reply' : 'mail_received', 'inbound');
  }
  return out;
}
