import type { Kysely, Transaction } from 'kysely';
import type { Interaction, InteractionKind } from '../domain/interaction';
import type { Schema } from '../store/schema';

/**
 * A person's timeline: the user's own interactions with one counterpart, newest first, as the
 * evidence behind their score — metadata only. Every query filters on the caller's tenant and user.
 */
type Db = Kysely<Schema> | Transaction<Schema>;

export interface TimelineEntry {
  at: string;
  kind: InteractionKind;
  channel: 'meeting' | 'mail';
  direction: Interaction['direction'];
  /** People involved, the user included. */
  participants: number;
  /** Meetings only; null for mail. */
  durationMinutes: number | null;
  /** A meeting's subject, present only where the user chose to store subjects; never for mail. */
  subject?: string;
}

export interface TimelineMonth {
  /** YYYY-MM (UTC). */
  month: string;
  meetings: number;
  mail: number;
}

export interface Timeline {
  /** Newest first. */
  entries: TimelineEntry[];
  /** Pass as `before` for the next page; null when this page reaches the oldest entry. */
  nextBefore: string | null;
  /** All entries up to now, for "n of total". */
  total: number;
  /** The last 12 calendar months (UTC), oldest first, the current month last. */
  months: TimelineMonth[];
}

export interface TimelineRow {
  source_type: string;
  kind: string;
  at: Date;
  duration_minutes: number;
  participants: number;
  direction: string;
  subject: string | null;
}

/**
 * One stored row as an entry: meeting-only fields are dropped for mail, whatever the row holds, and
 * subjects are shown only while the user's setting keeps them (`subjects`).
 */
export function toEntry(r: TimelineRow, subjects: boolean): TimelineEntry {
  const meeting = r.source_type === 'event';
  return {
    at: r.at.toISOString(),
    kind: r.kind as InteractionKind,
    channel: meeting ? 'meeting' : 'mail',
    direction: r.direction as Interaction['direction'],
    participants: r.participants,
    durationMinutes: meeting ? r.duration_minutes : null,
    ...(subjects && meeting && r.subject ? { subject: r.subject } : {}),
  };
}

/**
 * Cuts a page from rows sorted newest first, fetched with one row more than `limit`. The cursor is
 * a timestamp ("strictly before"), so a page never ends inside a run of equal timestamps: `ties`
 * (every row at the boundary instant) completes the page instead, which may then exceed `limit`.
 */
export function cutPage<R extends { at: Date }>(
  rows: R[],
  limit: number,
  ties: R[] = [],
): { page: R[]; nextBefore: string | null } {
  if (rows.length <= limit) return { page: rows, nextBefore: null };
  const boundary = rows[limit - 1]!.at.getTime();
  if (rows[limit]!.at.getTime() !== boundary)
    return { page: rows.slice(0, limit), nextBefore: rows[limit - 1]!.at.toISOString() };
  const page = [...rows.filter((r) => r.at.getTime() > boundary), ...ties];
  return { page, nextBefore: new Date(boundary).toISOString() };
}

/** `now`'s calendar month in a time zone, as YYYY-MM. */
export function monthIn(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(
    now,
  );
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}`;
}

/** The first instant of the month `back` months before `now`'s month (UTC). */
export const monthStart = (now: Date, back: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));

/**
 * Twelve calendar months of `timeZone` ending with `now`'s, oldest first; months without counts
 * are zero. The user's months, not UTC's: an evening meeting on the 31st belongs to that month.
 */
export function monthStrip(
  counts: Array<{ month: string; meetings: number; mail: number }>,
  now: Date,
  timeZone = 'UTC',
): TimelineMonth[] {
  const by = new Map(counts.map((c) => [c.month, c]));
  const [y, m] = monthIn(now, timeZone).split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const month = new Date(Date.UTC(y, m - 1 - (11 - i), 1)).toISOString().slice(0, 7);
    const c = by.get(month);
    return { month, meetings: c?.meetings ?? 0, mail: c?.mail ?? 0 };
  });
}

/**
 * The timeline of `counterpart` (a normalised address, as the map keys people) for one user.
 * Entries after `now` (future meetings) are not evidence yet and are left out. `subjects` is the
 * user's current storeMeetingSubjects: a sync that began before it was turned off may still have
 * written some, and those must not be shown.
 */
export async function loadTimeline(
  db: Db,
  tid: string,
  oid: string,
  counterpart: string,
  opts: { limit: number; before?: Date; now: Date; subjects: boolean; timeZone?: string },
): Promise<Timeline> {
  const until = opts.before && opts.before < opts.now ? opts.before : null;
  const mine = () =>
    db
      .selectFrom('interactions')
      .where('tid', '=', tid)
      .where('oid', '=', oid)
      .where('counterpart', '=', counterpart);
  const columns = [
    'source_type',
    'kind',
    'at',
    'duration_minutes',
    'participants',
    'direction',
    'subject',
  ] as const;
  const timeZone = opts.timeZone ?? 'UTC';
  // A month more than the strip shows: the zone's months start up to a day away from UTC's.
  const since = monthStart(opts.now, 12);
  const [rows, total, months] = await Promise.all([
    mine()
      .select(columns)
      .where('at', until ? '<' : '<=', until ?? opts.now)
      .orderBy('at', 'desc')
      .orderBy('source_type')
      .orderBy('source_id')
      .limit(opts.limit + 1)
      .execute(),
    mine()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('at', '<=', opts.now)
      .executeTakeFirstOrThrow(),
    mine()
      .select((eb) => [
        eb
          .fn<string>('to_char', [eb.fn('timezone', [eb.val(timeZone), eb.ref('at')]), eb.val('YYYY-MM')])
          .as('month'),
        eb.fn.countAll<string>().filterWhere('source_type', '=', 'event').as('meetings'),
        eb.fn.countAll<string>().filterWhere('source_type', '=', 'message').as('mail'),
      ])
      .where('at', '>=', since)
      .where('at', '<=', opts.now)
      .groupBy('month')
      .execute(),
  ]);
  const typed = rows.map((r) => ({ ...r, at: new Date(r.at) }));
  const tied =
    typed.length > opts.limit && typed[opts.limit]!.at.getTime() === typed[opts.limit - 1]!.at.getTime();
  const ties = tied
    ? (
        await mine()
          .select(columns)
          .where('at', '=', typed[opts.limit]!.at)
          .orderBy('source_type')
          .orderBy('source_id')
          .execute()
      ).map((r) => ({ ...r, at: new Date(r.at) }))
    : [];
  const { page, nextBefore } = cutPage(typed, opts.limit, ties);
  return {
    entries: page.map((r) => toEntry(r, opts.subjects)),
    nextBefore,
    total: Number(total.n),
    months: monthStrip(
      months.map((m) => ({ month: m.month, meetings: Number(m.meetings), mail: Number(m.mail) })),
      opts.now,
      timeZone,
    ),
  };
}
