import express, { type Request } from 'express';
import type { CalendarItem, MailboxStore } from '../../mailbox/store';
import type { GraphContext } from '../context';
import { GraphError } from '../errors';
import {
  baseUrl,
  decodeToken,
  encodeToken,
  parsePrefer,
  parseSelect,
  parseTop,
  pick,
  queryOption,
} from '../odata';
import { type DeltaStream, deltaState, serveDeltaPage } from './delta';
import {
  both,
  CAL_READ,
  ctxUrl,
  DEFAULT_PAGE,
  EVENT_PROPS,
  eventJson,
  MAX_PAGE,
  owner,
  parseEventExpand,
  who,
  zoneOf,
} from './shared';

/** `calendarView` (a time window, paged) and `calendarView/delta` (v1.0: primary calendar). */

const pageSize = (req: Request, fallback = DEFAULT_PAGE) =>
  Math.min(MAX_PAGE, parsePrefer(req).maxPageSize ?? parseTop(req, MAX_PAGE) ?? fallback);

/** The window from startDateTime and endDateTime, which Graph requires and reads case-insensitively. */
function requireWindow(req: Request): [number, number] {
  const s = queryOption(req, 'startDateTime') ?? queryOption(req, 'startdatetime');
  const e = queryOption(req, 'endDateTime') ?? queryOption(req, 'enddatetime');
  const start = s ? Date.parse(s) : Number.NaN;
  const end = e ? Date.parse(e) : Number.NaN;
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  }
  if (end <= start)
    throw new GraphError(400, 'ErrorInvalidParameter', 'The EndDateTime must be after the StartDateTime.');
  return [start, end];
}

const overlaps = (item: CalendarItem, [from, to]: [number, number]) =>
  Date.parse(item.event.start) < to && Date.parse(item.event.end) > from;

export function createCalendarViewRouter(ctx: GraphContext, store: MailboxStore): express.Router {
  const router = express.Router();

  router.get(both('/calendarView'), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
    const zone = zoneOf(req, res);
    const fields = parseSelect(req, EVENT_PROPS, 'event');
    const skip = queryOption(req, 'skiptoken');
    const st = skip
      ? decodeToken<{
          w: [number, number];
          off: number;
          ps: number;
          sel: string[] | null;
          ex?: { filter: string | null } | null;
        }>(skip)
      : null;
    const expand = st ? (st.ex ?? null) : parseEventExpand(req);
    const window = st?.w ?? requireWindow(req);
    const ps = st?.ps ?? pageSize(req);
    const off = st?.off ?? 0;
    const items = store
      .calendar(u.id)
      .filter((i) => !i.deleted && i.event.type !== 'seriesMaster' && overlaps(i, window))
      .sort((a, b) => a.event.start.localeCompare(b.event.start));
    const page = items.slice(off, off + ps);
    const body: Record<string, unknown> = {
      '@odata.context': ctxUrl(req, `users('${u.id}')/calendarView`),
      value: page.map((i) =>
        pick(eventJson(store, i, u, zone, expand), st?.sel ?? fields, [
          '@odata.etag',
          'id',
          ...(expand ? ['extensions'] : []),
        ]),
      ),
    };
    if (off + ps < items.length)
      body['@odata.nextLink'] =
        `${baseUrl(req)}/${who(u, req)}/calendarView?$skiptoken=${encodeToken({ w: window, off: off + ps, ps, sel: st?.sel ?? fields, ex: expand })}`;
    res.json(body);
  });

  // The window is locked into the delta token by the round's first request.
  router.get(both('/calendarView/delta'), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
    const zone = zoneOf(req, res);
    for (const opt of ['select', 'filter', 'orderby', 'expand', 'search']) {
      if (queryOption(req, opt) !== undefined)
        throw new GraphError(
          400,
          'ErrorInvalidUrlQuery',
          `The following parameters are not supported with change tracking over the 'CalendarView' resource: '$${opt}'.`,
        );
    }
    const calendar = store.mailbox(u.id).calendar;
    const spec: DeltaStream = {
      stream: 'calendar',
      linkPath: `${who(u, req)}/calendarView/delta`,
      entity: 'event',
      restartUrl: (prev) =>
        prev?.w
          ? `${baseUrl(req)}/${who(u, req)}/calendarView/delta?startDateTime=${new Date(prev.w[0]).toISOString()}&endDateTime=${new Date(prev.w[1]).toISOString()}&$deltatoken=`
          : `${baseUrl(req)}/${who(u, req)}/calendarView/delta?$deltatoken=`,
      initial: (r) => ({ w: requireWindow(r) }),
      view: (id, st) => {
        const item = calendar.get(id);
        if (!item) return null;
        // Changes outside the window are reported as removals too, as Graph does.
        const live = !item.deleted && item.event.type !== 'seriesMaster' && overlaps(item, st.w!);
        return live ? { live: eventJson(store, item, u, zone) } : { removed: true };
      },
    };
    serveDeltaPage(req, res, store, u.id, spec, deltaState(req, store, u.id, spec));
  });

  return router;
}
