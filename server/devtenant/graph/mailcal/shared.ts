import type { Request, Response } from 'express';
import { z } from 'zod';
import type { CalendarItem, MailboxStore } from '../../mailbox/store';
import type { DirectoryUser } from '../../model';
import type { GraphPrincipal } from '../../principal';
import type { GraphContext } from '../context';
import { GraphError } from '../errors';
import { baseUrl, param, parsePrefer, queryOption } from '../odata';
import { graphEvent, ianaZone } from './format';

/**
 * What the mail and calendar routes share: which mailbox a request addresses and whether its token
 * may read it, the Prefer time zone, the event property list, page sizes and context URLs.
 */

export const DEFAULT_PAGE = 10;
export const MAX_PAGE = 1000;

export const EVENT_PROPS = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'transactionId',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'iCalUId',
  'uid',
  'reminderMinutesBeforeStart',
  'isReminderOn',
  'hasAttachments',
  'subject',
  'bodyPreview',
  'importance',
  'sensitivity',
  'isAllDay',
  'isCancelled',
  'isOrganizer',
  'responseRequested',
  'seriesMasterId',
  'showAs',
  'type',
  'webLink',
  'onlineMeetingUrl',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'allowNewTimeProposals',
  'occurrenceId',
  'isDraft',
  'hideAttendees',
  'responseStatus',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'recurrence',
  'attendees',
  'organizer',
  'onlineMeeting',
] as const;

export const has = (p: GraphPrincipal, anyOf: string[]) => {
  const all = new Set([...p.scopes, ...p.roles].map((s) => s.toLowerCase()));
  return anyOf.some((s) => all.has(s.toLowerCase()));
};
export const CAL_READ = [
  'Calendars.Read',
  'Calendars.ReadWrite',
  'Calendars.ReadBasic',
  'Calendars.Read.Shared',
  'Calendars.ReadWrite.Shared',
];
export const CAL_WRITE = ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'];
export const MAIL_READ = [
  'Mail.ReadBasic',
  'Mail.Read',
  'Mail.ReadWrite',
  'Mail.ReadBasic.All',
  'Mail.Read.Shared',
];
export const denied = () =>
  new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');

export const dateTimeTimeZone = z.object({
  dateTime: z.string().min(10),
  timeZone: z.string().default('UTC'),
});
export const emailAddress = z.object({ address: z.string().min(3), name: z.string().optional() });

/** Every mailbox resource is reachable as `/me…` and as `/users/{id}…`. */
export const both = (suffix: string) => [`/me${suffix}`, `/users/:id${suffix}`];

/** The mailbox a request addresses; delegated tokens may only reach their own. */
export function owner(ctx: GraphContext, req: Request, res: Response, scopes: string[]): DirectoryUser {
  const principal = res.locals.principal!;
  const key = param(req, 'id') ?? 'me';
  const u = ctx.resolveUser(key, principal);
  if (!u) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (!has(principal, scopes)) throw denied();
  if (principal.scopes.length && u.id !== principal.oid) throw denied();
  if (u.userType !== 'Member' || !u.mail)
    throw new GraphError(
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    );
  return u;
}

/** The `Prefer: outlook.timezone` the answer is in (acknowledged when known), else UTC. */
export const zoneOf = (req: Request, res: Response) => {
  const tz = parsePrefer(req).timeZone;
  const iana = ianaZone(tz);
  if (tz && iana) res.setHeader('Preference-Applied', `outlook.timezone="${tz}"`);
  return tz && iana ? tz : 'UTC';
};

/**
 * Rapport-style tags on events are open extensions (resources/opentypeextension.md), chosen over
 * single-value extended properties: they are created inline with `extensions` on POST /events and
 * read back with `$expand=extensions` (optionally `extensions($filter=id eq '…')`, where the id is
 * `Microsoft.OutlookServices.OpenTypeExtension.{extensionName}` or the bare extensionName).
 */
export const EXTENSION_ID_PREFIX = 'Microsoft.OutlookServices.OpenTypeExtension.';
export const extensionId = (name: string) => `${EXTENSION_ID_PREFIX}${name}`;

/** `$expand` on events: null (none), or the extensions to include (`filter`: one id, or all). */
export function parseEventExpand(req: Request): { filter: string | null } | null {
  const raw = queryOption(req, 'expand');
  if (raw === undefined || raw.trim() === '') return null;
  const m = /^\s*extensions\s*(?:\(\s*\$filter\s*=\s*id\s+eq\s+'((?:[^']|'')*)'\s*\))?\s*$/i.exec(raw);
  if (!m) {
    const name = raw.split(/[(,]/)[0]!.trim();
    throw new GraphError(
      400,
      'BadRequest',
      /^extensions$/i.test(name)
        ? `Invalid $expand: only extensions($filter=id eq '...') is supported on extensions.`
        : `Could not find a navigation property named '${name}' on type 'microsoft.graph.event'.`,
    );
  }
  return { filter: m[1] !== undefined ? m[1].replace(/''/g, "'") : null };
}

/** One open extension as Graph returns it. */
export function extensionJson(ext: { extensionName: string; [k: string]: unknown }) {
  return { '@odata.type': '#microsoft.graph.openTypeExtension', id: extensionId(ext.extensionName), ...ext };
}

/** One calendar item as Graph's event resource, in the owner's view (with extensions if expanded). */
export function eventJson(
  store: MailboxStore,
  item: CalendarItem,
  u: DirectoryUser,
  zone: string,
  expand: { filter: string | null } | null = null,
) {
  const seriesId = item.event.seriesMasterUid ? store.graphId(item.event.seriesMasterUid, u.id) : null;
  const json = graphEvent(item, u.mail!, zone, seriesId, {
    tenantId: store.data.org.id,
    organizerId: store.userByAddress(item.event.organizer.address)?.id,
  });
  if (expand) {
    const f = expand.filter?.toLowerCase();
    json.extensions = (item.extensions ?? [])
      .filter(
        (x) => !f || f === x.extensionName.toLowerCase() || f === extensionId(x.extensionName).toLowerCase(),
      )
      .map(extensionJson);
  }
  return json;
}

/** The path segment links point back at: `me` or `users/{id}`, as the request addressed it. */
export const who = (u: DirectoryUser, req: Request) => (param(req, 'id') ? `users/${u.id}` : 'me');
export const ctxUrl = (req: Request, what: string) => `${baseUrl(req)}/$metadata#${what}`;
