import { describe, expect, it } from 'vitest';
import { MailboxStore } from '../../../server/devtenant/mailbox/store';
import type { TenantData } from '../../../server/devtenant/model';
import { ADA, BEN, CAI, DEE, EXTERNAL, meeting, message, NOW, smallTenant } from './smallTenant';

function storeAt(data: TenantData = smallTenant(), seed = 'seed-1') {
  let now = NOW.getTime();
  const store = new MailboxStore(data, () => new Date(now), {
    seed,
    responseDelayMs: { min: 60_000, max: 3_600_000 },
  });
  return { store, advance: (ms: number) => (now += ms) };
}
const live = (store: MailboxStore, userId: string) => store.calendar(userId).filter((i) => !i.deleted);

describe('MailboxStore', () => {
  it('gives each attendee their own copy of a meeting: own id, own response', () => {
    const { store } = storeAt();
    const adaCopy = live(store, ADA.id).find((i) => i.event.uid === 'standup')!;
    const benCopy = live(store, BEN.id).find((i) => i.event.uid === 'standup')!;
    expect(adaCopy.graphId).not.toBe(benCopy.graphId);
    expect(adaCopy.response.response).toBe('organizer');
    expect(benCopy.response.response).toBe('accepted');
    expect(store.graphId('standup', BEN.id)).toBe(benCopy.graphId);
  });

  it('puts a new meeting in every internal calendar with response none; answers arrive with the clock', () => {
    const { store, advance } = storeAt();
    const event = meeting(ADA, '2026-03-05T11:00:00Z', '2026-03-05T11:30:00Z', [
      [BEN, 'none'],
      [CAI, 'none'],
      [EXTERNAL, 'none'],
    ]);
    store.createEvent(ADA.id, event);
    for (const u of [BEN, CAI]) {
      expect(live(store, u.id).find((i) => i.event.uid === event.uid)!.response.response).toBe('none');
    }
    expect(live(store, DEE.id).some((i) => i.event.uid === event.uid)).toBe(false);
    expect(store.pendingResponses()).toBe(2);
    const before = store.currentSeq(ADA.id);

    advance(3_600_001);
    const organizerCopy = live(store, ADA.id).find((i) => i.event.uid === event.uid)!;
    expect(store.pendingResponses()).toBe(0);
    const statuses = organizerCopy.event.attendees.map((a) => a.status.response);
    expect(
      statuses.slice(0, 2).every((s) => ['accepted', 'tentativelyAccepted', 'declined'].includes(s)),
    ).toBe(true);
    expect(statuses[2]).toBe('none'); // the external attendee never answers here
    const benCopy = live(store, BEN.id).find((i) => i.event.uid === event.uid)!;
    expect(benCopy.response.response).toBe(statuses[0]);
    // Each answer is a change in the organizer's calendar.
    expect(store.currentSeq(ADA.id)).toBe(before + 2);
    expect(store.changes(ADA.id, 'calendar', before, Infinity, 10).ids).toEqual([organizerCopy.graphId]);
  });

  it('answers deterministically per seed, declining far more often when busy then', () => {
    const answers = (seed: string, start: string, end: string, spreadDays: number) => {
      const { store } = storeAt(smallTenant(), seed);
      const out: string[] = [];
      for (let k = 0; k < 60; k++) {
        // Spread over days when testing "free": an unanswered invitation already blocks its slot.
        const shift = k * spreadDays * 86_400_000;
        const at = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
        const e = meeting(ADA, at(start), at(end), [[BEN, 'none']], { uid: `m-${k}` });
        store.createEvent(ADA.id, e);
      }
      store.deliverDueResponses(Number.POSITIVE_INFINITY);
      for (let k = 0; k < 60; k++)
        out.push(live(store, BEN.id).find((i) => i.event.uid === `m-${k}`)!.response.response);
      return out;
    };
    // Ben is in the standup on Monday 10–11; he is free on Thursday at 11.
    const busy = answers('s', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', 0);
    const free = answers('s', '2026-03-05T11:00:00Z', '2026-03-05T12:00:00Z', 1);
    const declines = (xs: string[]) => xs.filter((x) => x === 'declined').length;
    expect(declines(busy)).toBeGreaterThan(declines(free) + 20);
    expect(answers('s', '2026-03-05T11:00:00Z', '2026-03-05T12:00:00Z', 1)).toEqual(free);
    expect(answers('other', '2026-03-05T11:00:00Z', '2026-03-05T12:00:00Z', 1)).not.toEqual(free);
  });

  it('logs deletions, moves and reads per folder, so each folder sees only its own changes', () => {
    const { store } = storeAt();
    const seq = store.currentSeq(ADA.id);
    const inbox = store.mail(ADA.id).filter((m) => m.entry.folder === 'inbox');
    store.moveMessage(ADA.id, inbox[0]!.graphId, 'archive');
    store.deleteMessage(ADA.id, inbox[1]!.graphId);
    store.markRead(ADA.id, inbox[2]!.graphId, true);
    const added = store.addMessage(ADA.id, message('new-1', BEN, ADA, '2026-03-01T08:00:00Z', 'sentitems'));
    expect(store.changes(ADA.id, 'mail:inbox', seq, Infinity, 10).ids).toEqual(
      inbox.slice(0, 3).map((m) => m.graphId),
    );
    expect(store.changes(ADA.id, 'mail:archive', seq, Infinity, 10).ids).toEqual([inbox[0]!.graphId]);
    expect(store.changes(ADA.id, 'mail:sentitems', seq, Infinity, 10).ids).toEqual([added.graphId]);
    expect(store.mailItem(ADA.id, inbox[1]!.graphId)).toBeUndefined();
  });

  it('expires delta tokens by bumping a stream generation', () => {
    const { store } = storeAt();
    expect(store.generation(ADA.id, 'calendar')).toBe(0);
    store.expireDeltaTokens(ADA.id, 'calendar');
    expect(store.generation(ADA.id, 'calendar')).toBe(1);
    expect(store.generation(ADA.id, 'mail:inbox')).toBe(0);
    store.expireDeltaTokens();
    expect(store.generation(ADA.id, 'mail:inbox')).toBe(1);
  });

  it('cancelling leaves attendees a cancelled copy and removes the organizer’s', () => {
    const { store } = storeAt();
    const adaCopy = live(store, ADA.id).find((i) => i.event.uid === 'standup')!;
    store.cancelEvent(ADA.id, adaCopy.graphId);
    expect(store.calendarItem(ADA.id, adaCopy.graphId)).toBeUndefined();
    expect(live(store, BEN.id).find((i) => i.event.uid === 'standup')!.event.isCancelled).toBe(true);
  });

  it('holds a heavy mailbox (50,000 messages, 5,000 events) and pages its changes cheaply', () => {
    const data = smallTenant();
    const events = Array.from({ length: 5_000 }, (_, k) =>
      meeting(
        ADA,
        new Date(NOW.getTime() - k * 3_600_000).toISOString(),
        new Date(NOW.getTime() - k * 3_600_000 + 1_800_000).toISOString(),
        [[BEN, 'accepted']],
        {
          uid: `h-${k}`,
        },
      ),
    );
    const messages = Array.from({ length: 50_000 }, (_, k) =>
      message(`hm-${k}`, BEN, ADA, new Date(NOW.getTime() - k * 60_000).toISOString()),
    );
    const heavy: TenantData = {
      ...data,
      mailbox: (id) => (id === ADA.id ? { events, messages } : data.mailbox(id)),
    };
    const { store } = storeAt(heavy);
    const heapBefore = process.memoryUsage().heapUsed;
    expect(store.mail(ADA.id)).toHaveLength(50_000);
    const perItem = (process.memoryUsage().heapUsed - heapBefore) / 55_000;
    expect(perItem).toBeLessThan(1_000); // bytes of store overhead per item, ids included
    const t0 = performance.now();
    let after = 0;
    for (let page = 0; page < 1_000; page++) {
      const r = store.changes(ADA.id, 'mail:inbox', after, Infinity, 10);
      after = r.seqs[r.seqs.length - 1]!;
    }
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
