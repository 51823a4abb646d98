import { beforeAll, describe, expect, it } from 'vitest';
import { cutPage, loadTimeline, monthStrip } from '../../server/insights/timeline';
import type { Interaction } from '../../server/domain/interaction';
import { describeEachDatabase } from '../helpers/databases';
import { AS_OF, DAY, interaction } from '../helpers/interactions';

/**
 * The timeline query on both databases, with rows written directly: tenant and user scoping, the
 * date cursor (ties at a page boundary included), future meetings left out, subjects only for
 * meetings; and the pure page cutting and month strip.
 */
const TID = '0b0b0b0b-0000-4000-8000-000000000001';
const OTHER_TID = '0b0b0b0b-0000-4000-8000-000000000002';
const OID = '0c0c0c0c-0000-4000-8000-000000000001';
const OTHER_OID = '0c0c0c0c-0000-4000-8000-000000000002';
const WHO = 'adele@contoso.example';

describe('cutPage and monthStrip', () => {
  const at = (s: string) => ({ at: new Date(s) });
  it('cuts at the limit, or extends a page through a run of equal timestamps', () => {
    const rows = [at('2026-06-03T00:00:00Z'), at('2026-06-02T00:00:00Z'), at('2026-06-01T00:00:00Z')];
    expect(cutPage(rows, 5)).toEqual({ page: rows, nextBefore: null });
    expect(cutPage(rows, 2)).toEqual({ page: rows.slice(0, 2), nextBefore: '2026-06-02T00:00:00.000Z' });
    const tied = [rows[0]!, at('2026-06-02T00:00:00Z'), at('2026-06-02T00:00:00Z')];
    const ties = [tied[1]!, tied[2]!, at('2026-06-02T00:00:00Z')];
    expect(cutPage(tied, 2, ties)).toEqual({
      page: [rows[0], ...ties],
      nextBefore: '2026-06-02T00:00:00.000Z',
    });
  });

  it('fills twelve UTC months ending with the current one', () => {
    const m = monthStrip([{ month: '2026-01', meetings: 2, mail: 3 }], new Date('2026-06-30T23:59:59Z'));
    expect(m.map((x) => x.month)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(m[6]).toEqual({ month: '2026-01', meetings: 2, mail: 3 });
    expect(m.filter((x) => x.meetings + x.mail > 0)).toHaveLength(1);
  });
});

describeEachDatabase('the timeline query', (getDb) => {
  const insert = (tid: string, oid: string, list: Interaction[]) =>
    getDb()
      .db.insertInto('interactions')
      .values(
        list.map((i) => ({
          tid,
          oid,
          stream: i.sourceType === 'event' ? 'calendar' : 'mail:inbox',
          source_type: i.sourceType,
          source_id: i.sourceId,
          counterpart: i.counterpart,
          counterpart_id: i.counterpartId,
          kind: i.kind,
          at: i.at,
          duration_minutes: i.durationMinutes,
          participants: i.participants,
          direction: i.direction,
          owner_is_organizer: i.ownerIsOrganizer,
          response: i.response,
          internal: i.internal,
          subject: i.subject ?? null,
        })),
      )
      .execute();
  const now = AS_OF;
  const load = (
    o: {
      limit?: number;
      before?: Date;
      tid?: string;
      oid?: string;
      subjects?: boolean;
      timeZone?: string;
    } = {},
  ) =>
    loadTimeline(getDb().db, o.tid ?? TID, o.oid ?? OID, WHO, {
      limit: o.limit ?? 50,
      before: o.before,
      now,
      subjects: o.subjects ?? true,
      timeZone: o.timeZone,
    });

  beforeAll(async () => {
    await insert(TID, OID, [
      interaction(WHO, 'meeting_1on1', 1, { subject: 'Q3 pipeline review', durationMinutes: 45 }),
      // A mail row that holds a subject (it never should): the timeline still shows none.
      interaction(WHO, 'mail_sent', 2, { subject: 'Re: pricing' }),
      interaction(WHO, 'mail_received', 3),
      // Three items at one instant: a page boundary must not split them.
      interaction(WHO, 'meeting_small', 10),
      interaction(WHO, 'mail_cc', 10),
      interaction(WHO, 'mail_reply', 10),
      interaction(WHO, 'meeting_large', 40),
      interaction(WHO, 'mail_sent', 400), // older than the strip's 12 months
      interaction(WHO, 'meeting_1on1', -3), // next week: not evidence yet
      interaction('someone.else@contoso.example', 'meeting_1on1', 1),
    ]);
    // The same counterpart for another user, and for the same user id in another tenant.
    await insert(TID, OTHER_OID, [interaction(WHO, 'meeting_1on1', 5), interaction(WHO, 'mail_sent', 6)]);
    await insert(OTHER_TID, OID, [interaction(WHO, 'meeting_1on1', 7), interaction(WHO, 'mail_sent', 8)]);
  });

  it('lists only this user’s rows in this tenant with this person, newest first, up to now', async () => {
    const t = await load();
    expect(t.total).toBe(8);
    expect(t.entries.map((e) => (now.getTime() - Date.parse(e.at)) / DAY)).toEqual([
      1, 2, 3, 10, 10, 10, 40, 400,
    ]);
    expect(t.entries[0]).toEqual({
      at: new Date(now.getTime() - DAY).toISOString(),
      kind: 'meeting_1on1',
      channel: 'meeting',
      direction: 'mutual',
      participants: 2,
      durationMinutes: 45,
      subject: 'Q3 pipeline review',
    });
    expect(t.entries[1]).toMatchObject({ kind: 'mail_sent', channel: 'mail', durationMinutes: null });
    expect(t.entries[1]).not.toHaveProperty('subject');
    expect(t.entries.filter((e) => 'subject' in e)).toHaveLength(1);
    // With the setting off, a subject left behind (a sync that raced the change) stays hidden.
    expect((await load({ subjects: false })).entries.filter((e) => 'subject' in e)).toEqual([]);
    expect(t.nextBefore).toBeNull();
    const other = await load({ oid: OTHER_OID });
    expect(other.entries.map((e) => e.kind)).toEqual(['meeting_1on1', 'mail_sent']);
    const foreign = await load({ tid: OTHER_TID });
    expect(foreign.entries.map((e) => (now.getTime() - Date.parse(e.at)) / DAY)).toEqual([7, 8]);
    expect((await load({ tid: OTHER_TID, oid: OTHER_OID })).total).toBe(0);
  });

  it('counts the last 12 months by channel', async () => {
    const t = await load();
    expect(t.months).toHaveLength(12);
    expect(t.months.at(-1)!.month).toBe('2026-06');
    expect(t.months.reduce((n, m) => n + m.meetings, 0)).toBe(3);
    expect(t.months.reduce((n, m) => n + m.mail, 0)).toBe(4);
    expect(t.months.find((m) => m.month === '2026-06')).toEqual({ month: '2026-06', meetings: 2, mail: 4 });
    expect(t.months.find((m) => m.month === '2026-05')).toEqual({ month: '2026-05', meetings: 1, mail: 0 });
  });

  it('counts the months of the user’s time zone', async () => {
    // At 12:00 UTC on June 30 it is already July 1 in Kiritimati (UTC+14).
    const t = await load({ timeZone: 'Pacific/Kiritimati' });
    expect(t.months.at(-1)).toEqual({ month: '2026-07', meetings: 0, mail: 0 });
    expect(t.months.find((m) => m.month === '2026-06')).toEqual({ month: '2026-06', meetings: 2, mail: 4 });
    expect(t.months.find((m) => m.month === '2026-05')).toEqual({ month: '2026-05', meetings: 1, mail: 0 });
    expect(t.months[0]!.month).toBe('2025-08');
  });

  it('pages by a date cursor without splitting equal timestamps', async () => {
    const first = await load({ limit: 4 });
    // The 4th row shares its instant with two more: the page takes all three.
    expect(first.entries).toHaveLength(6);
    expect(first.nextBefore).toBe(new Date(now.getTime() - 10 * DAY).toISOString());
    const second = await load({ limit: 4, before: new Date(first.nextBefore!) });
    expect(second.entries.map((e) => e.kind)).toEqual(['meeting_large', 'mail_sent']);
    expect(second.nextBefore).toBeNull();
    const exact = await load({ limit: 3 });
    expect(exact.entries).toHaveLength(3);
    expect(exact.nextBefore).toBe(new Date(now.getTime() - 3 * DAY).toISOString());
    // A cursor after now still leaves the future out.
    expect((await load({ before: new Date(now.getTime() + 30 * DAY) })).total).toBe(8);
    expect((await load({ before: new Date(now.getTime() + 30 * DAY) })).entries).toHaveLength(8);
  });
});
