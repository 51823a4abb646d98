import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as wire from '../../contract';
import type { RelationshipMap } from '../../server/insights/map';
import { devTenantUsers, firstSync, json } from '../helpers/api';
import { busyItems } from '../../server/devtenant/graph/mailcal/availability';
import { graphAs } from '../helpers/devtenant';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/**
 * Suggested invites over HTTP against the dev tenant and a real database: proposals in mutual free
 * time, the invite landing on both calendars and its answer coming back, one event per retried
 * send (and after a crash between Graph's answer and our commit), budgets and caps under
 * concurrent clicks, the colleague's opt-out, a slot taken meanwhile, bring a colleague, and no
 * private field in what the colleague receives.
 */
let server: TestServer;
const { users, me, other } = devTenantUsers(() => server);
const SECRET = 'PRIVATE-d41d8cd9';

type Problem = { code: string; detail: string };

/** SQL on the server's own database (to read what it stored, and to set the tenant's cap). */
async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: server.running.config.DATABASE_URL });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** Events on a dev-tenant calendar whose subject Rapport wrote. */
const rapportEvents = (userId: string) =>
  server.running
    .devTenant!.store.calendar(userId)
    .filter((i) => !i.deleted && /^(Lunch|Coffee|Virtual coffee|1:1|Mentoring chat):/.test(i.event.subject));

const view = (oid: string, refresh = false) =>
  json<wire.SuggestionsResponse>(
    server.as(oid)(
      refresh ? '/api/suggestions/refresh' : '/api/suggestions',
      refresh ? { method: 'POST', body: '{}' } : {},
    ),
  );

const send = (oid: string, id: string, start: string) =>
  server.as(oid)(`/api/suggestions/${id}/send`, { method: 'POST', body: JSON.stringify({ start }) });

let map: RelationshipMap;
let accepted: string[];

beforeAll(async () => {
  server = await startTestServer(process.env.DEBUG_LOG ? { LOG_LEVEL: 'error' } : {});
  if (!server.running.config.DATABASE_URL)
    throw new Error('these tests read the database: run with PostgreSQL');
  await firstSync(server, me().id);
  await firstSync(server, other().id);
  // The demo user curates her map: the colleagues she is overdue with become stakeholders, with
  // private notes that must never reach them.
  map = await json<RelationshipMap>(server.as(me().id)('/api/map'));
  accepted = map.people
    .filter((p) => p.id && p.evidence?.lastMet && p.function !== 'Other')
    .slice(0, 12)
    .map((p) => p.address);
  for (const address of accepted)
    await json(
      server.as(me().id)(`/api/stakeholders/${encodeURIComponent(address)}`, {
        method: 'PUT',
        body: JSON.stringify({
          status: 'accepted',
          why: `${SECRET} why`,
          notes: `${SECRET} notes`,
          priorities: `${SECRET} priorities`,
          challenges: `${SECRET} challenges`,
          selfRating: 2,
          cadenceDays: 7, // everyone is due
        }),
      }),
      201,
    );
}, 240_000);
afterAll(() => server?.stop());

describe('the week of suggestions', () => {
  it('proposes the stakeholders who are due first, each with a one-line why and up to three slots', async () => {
    const body = await view(me().id, true);
    expectWire(wire.suggestionsResponse, body);
    expect(body.timeZone).toBe('America/Los_Angeles');
    expect(body.budget).toEqual({ weekly: 2, used: 0, remaining: 2 });
    expect(body.suggestions.length).toBeGreaterThan(2);
    const first = body.suggestions[0]!;
    expect(first.source).toBe('due');
    expect(accepted).toContain(first.person.address);
    expect(first.why).toMatch(/last met \d+ days? ago; due \d+ days? ago/);
    for (const s of body.suggestions) {
      expect(s.slots.length).toBeGreaterThan(0);
      expect(s.slots.length).toBeLessThanOrEqual(3);
      for (const slot of s.slots) {
        expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(s.durationMinutes * 60_000);
        // Minimum notice: not today.
        expect(new Date(slot.start).toLocaleDateString('en-CA', { timeZone: body.timeZone })).not.toBe(
          new Date().toLocaleDateString('en-CA', { timeZone: body.timeZone }),
        );
      }
      expect(JSON.stringify(s.preview)).not.toContain(SECRET);
    }
    // Offered times differ between people, so several invites can go out.
    const firsts = body.suggestions.map((s) => s.slots[0]!.start);
    expect(new Set(firsts).size).toBeGreaterThan(1);
  });

  it('never suggests a colleague who said "don\'t suggest me", to anyone, and says no more than that', async () => {
    const before = await view(me().id);
    const target = before.suggestions[before.suggestions.length - 1]!.person;
    const colleague = users().find((u) => u.mail?.toLowerCase() === target.address)!;
    await json(
      server.as(colleague.id)('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ doNotSuggestMe: true }),
      }),
    );
    const after = await view(me().id, true);
    expect(after.suggestions.map((s) => s.person.address)).not.toContain(target.address);
    const asked = await server.as(me().id)(`/api/suggestions/for/${encodeURIComponent(target.address)}`, {
      method: 'POST',
      body: '{}',
    });
    expect(asked.status).toBe(404);
    const problem = (await asked.json()) as Problem;
    expect(problem.detail).not.toMatch(/opt|don.t suggest|asked not/i);
    const forOther = await server.as(other().id)(
      `/api/suggestions/for/${encodeURIComponent(target.address)}`,
      { method: 'POST', body: '{}' },
    );
    expect(forOther.status).toBe(404);
    await json(
      server.as(colleague.id)('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ doNotSuggestMe: false }),
      }),
    );
  });
});

describe('sending', () => {
  it('creates the event as the user: on both calendars, marked as Rapport, no private field, answered and tracked', async () => {
    const body = await view(me().id, true);
    const s = body.suggestions[0]!;
    const colleague = users().find((u) => u.mail?.toLowerCase() === s.person.address)!;
    const r = await send(me().id, s.id, s.slots[0]!.start);
    const sent = await json<
      wire.SentInvite extends never ? never : { invite: wire.SentInvite; budget: { used: number } }
    >(r, 201);
    expectWire(wire.sendResponse, sent);
    expect(sent.invite.response).toBe('none');
    expect(sent.budget.used).toBe(1);

    const mine = rapportEvents(me().id).filter((i) => i.event.subject === s.preview.subject);
    const theirs = rapportEvents(colleague.id).filter((i) => i.event.subject === s.preview.subject);
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(1);
    const event = mine[0]!.event;
    expect(Date.parse(event.start)).toBe(Date.parse(s.slots[0]!.start));
    expect(mine[0]!.categories).toContain('Rapport');
    expect(mine[0]!.extensions?.map((x) => x.extensionName)).toEqual(['app.rapport.invite']);
    expect(theirs[0]!.extensions ?? []).toEqual([]); // the mark stays on the organiser's copy
    expect(event.responseRequested).toBe(true);
    expect(JSON.stringify(theirs[0]!.event)).not.toContain(SECRET);
    expect(theirs[0]!.event.body?.content ?? '').toMatch(/priorities/);

    // Retried click (a lost answer, a second tab): the same invite, still one event.
    const again = await json<{ invite: wire.SentInvite }>(send(me().id, s.id, s.slots[0]!.start), 201);
    expect(again.invite.id).toBe(sent.invite.id);
    expect(rapportEvents(colleague.id).filter((i) => i.event.subject === s.preview.subject)).toHaveLength(1);

    // The colleague declines: Rapport reads it back, and waits longer before suggesting them again.
    server.running.devTenant!.store.respond(colleague.id, event.uid, 'declined');
    const later = await view(me().id, true);
    expect(later.sent.find((i) => i.id === sent.invite.id)?.response).toBe('declined');
    expect(later.suggestions.map((x) => x.person.address)).not.toContain(s.person.address);
    const asked = await json<Problem>(
      server.as(me().id)(`/api/suggestions/for/${encodeURIComponent(s.person.address)}`, {
        method: 'POST',
        body: '{}',
      }),
      409,
    );
    expect(asked.code).toBe('cooling_down');
  });

  it("after a crash between Graph's answer and the commit, the retry finds the event instead of creating a second", async () => {
    const body = await view(me().id, true);
    const s = body.suggestions.find((x) => x.slots.length > 0)!;
    const colleague = users().find((u) => u.mail?.toLowerCase() === s.person.address)!;
    const sent = await json<{ invite: wire.SentInvite }>(send(me().id, s.id, s.slots[0]!.start), 201);
    // What such a crash leaves behind: Graph created the event; our row still says "sending".
    await query(`update invites set state = 'sending', event_id = null where id = $1`, [sent.invite.id]);
    await query(`update suggestions set state = 'proposed' where id = $1`, [s.id]);
    const retried = await json<{ invite: wire.SentInvite }>(send(me().id, s.id, s.slots[0]!.start), 201);
    expect(retried.invite.id).toBe(sent.invite.id);
    expect(rapportEvents(colleague.id).filter((i) => i.event.subject === s.preview.subject)).toHaveLength(1);
    const [row] = await query<{ state: string; event_id: string }>(
      `select state, event_id from invites where id = $1`,
      [sent.invite.id],
    );
    expect(row).toMatchObject({ state: 'sent' });
    expect(row!.event_id).toBeTruthy();
    // The colleague proposes another time: it comes back with the proposed start.
    const proposed = new Date(Date.parse(s.slots[0]!.start) + 86_400_000);
    const answered = server.running.devTenant!.store.respondAs(
      colleague.id,
      row!.event_id,
      'tentativelyAccepted',
      {
        proposedNewTime: {
          start: proposed.toISOString(),
          end: new Date(proposed.getTime() + s.durationMinutes * 60_000).toISOString(),
        },
      },
    );
    expect(answered).toBe(true);
    const later = (await view(me().id, true)).sent.find((i) => i.id === sent.invite.id)!;
    expect(later).toMatchObject({
      response: 'newTimeProposed',
      proposedStart: proposed.toISOString(),
      happened: null,
    });
  });

  it('N concurrent clicks over the budget create exactly the budget', async () => {
    await json(
      server.as(me().id)('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ weeklyInviteBudget: 4 }),
      }),
    );
    const body = await view(me().id, true);
    const left = body.budget.remaining;
    expect(left).toBeGreaterThan(0);
    const candidates = body.suggestions.filter((s) => s.slots.length > 0);
    expect(candidates.length).toBeGreaterThan(left);
    const before = rapportEvents(me().id).length;
    const answers = await Promise.all(
      candidates.map((s) => send(me().id, s.id, s.slots[s.slots.length - 1]!.start)),
    );
    const created = answers.filter((a) => a.status === 201).length;
    const refused = await Promise.all(
      answers
        .filter((a) => a.status !== 201)
        .map(async (a) => [a.status, ((await a.json()) as Problem).code]),
    );
    expect(created).toBe(left);
    expect(
      refused.every(
        ([status, code]) => status === 409 && (code === 'budget_exhausted' || code === 'slot_taken'),
      ),
    ).toBe(true);
    expect(refused.some(([, code]) => code === 'budget_exhausted')).toBe(true);
    expect(rapportEvents(me().id).length - before).toBe(left);
    const after = await view(me().id);
    expect(after.budget.remaining).toBe(0);
  });
});

describe('protecting colleagues across organisers', () => {
  it("a colleague receives at most the tenant's weekly cap of Rapport invites, from everyone together", async () => {
    const tid = server.running.devTenant!.tenantId;
    await query(
      `insert into tenant_settings (tid, settings) values ($1, '{"weeklyReceiveCap":1}') on conflict (tid) do update set settings = excluded.settings`,
      [tid],
    );
    // Someone both users could invite, not yet invited by anyone.
    const invited = new Set(
      (await query<{ address: string }>(`select address from invites`)).map((r) => r.address),
    );
    const target = users().find(
      (u) =>
        u.mail &&
        u.id !== me().id &&
        u.id !== other().id &&
        u.userType === 'Member' &&
        !invited.has(u.mail.toLowerCase()),
    )!;
    const address = target.mail!.toLowerCase();
    const ask = async (oid: string) =>
      json<{ suggestion: wire.Suggestion }>(
        server.as(oid)(`/api/suggestions/for/${encodeURIComponent(address)}`, { method: 'POST', body: '{}' }),
      );
    await json(
      server.as(other().id)('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ weeklyInviteBudget: 5 }),
      }),
    );
    const a = (await ask(other().id)).suggestion;
    expectWire(wire.suggestion, a);
    expect(a.source).toBe('asked');
    expect(a.slots.length).toBeGreaterThan(0);
    await json(send(other().id, a.id, a.slots[0]!.start), 201);
    // The demo user's budget is spent above; raise it so only the colleague's cap can refuse.
    await json(
      server.as(me().id)('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ weeklyInviteBudget: 20 }),
      }),
    );
    const b = (await ask(me().id)).suggestion;
    const refused = await json<Problem>(send(me().id, b.id, b.slots[b.slots.length - 1]!.start), 409);
    expect(refused.code).toBe('colleague_capped');
    await query(`delete from tenant_settings where tid = $1`, [tid]);
  });
});

describe('a slot taken meanwhile', () => {
  it('is caught at click time: nothing is sent, and the next free times are offered', async () => {
    const body = await view(me().id, true);
    const s = body.suggestions.find((x) => x.slots.length > 0)!;
    const colleague = users().find((u) => u.mail?.toLowerCase() === s.person.address)!;
    const slot = s.slots[0]!;
    // The colleague's own meeting lands on that time.
    await graphAs(server.running.devTenant!, colleague.id)
      .api('/me/events')
      .post({
        subject: 'Budget review',
        start: { dateTime: slot.start.slice(0, 19), timeZone: 'UTC' },
        end: { dateTime: slot.end.slice(0, 19), timeZone: 'UTC' },
      });
    const before = rapportEvents(colleague.id).length;
    const refused = await json<Problem>(send(me().id, s.id, slot.start), 409);
    expect(refused.code).toBe('slot_taken');
    expect(rapportEvents(colleague.id).length).toBe(before);
    const again = (await view(me().id)).suggestions.find((x) => x.id === s.id)!;
    expect(again.slots.map((x) => x.start)).not.toContain(slot.start);
    expect(again.slots.length).toBeGreaterThan(0);
  });
});

describe('snooze, dismiss, another time', () => {
  it('another time offers later slots; snooze and dismiss put a suggestion away', async () => {
    const body = await view(me().id, true);
    const [s, t, u] = body.suggestions.filter((x) => x.slots.length > 0);
    const next = await json<{ suggestion: wire.Suggestion }>(
      server.as(me().id)(`/api/suggestions/${s!.id}/another`, { method: 'POST', body: '{}' }),
    );
    expectWire(wire.slotsResponse, next);
    const lastBefore = Math.max(...s!.slots.map((x) => Date.parse(x.start)));
    expect(next.suggestion.slots.every((x) => Date.parse(x.start) > lastBefore)).toBe(true);
    expect(
      (
        await server.as(me().id)(`/api/suggestions/${t!.id}/snooze`, {
          method: 'POST',
          body: JSON.stringify({ days: 7 }),
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await server.as(me().id)(`/api/suggestions/${u!.id}/dismiss`, {
          method: 'POST',
          body: JSON.stringify({ scope: 'person' }),
        })
      ).status,
    ).toBe(204);
    const after = await view(me().id);
    expect(after.suggestions.find((x) => x.id === t!.id)?.state).toBe('snoozed');
    expect(after.suggestions.find((x) => x.id === u!.id)).toBeUndefined();
    // Dismissed for good: not proposed again next run either.
    const rerun = await view(me().id, true);
    expect(rerun.suggestions.map((x) => x.person.address)).not.toContain(u!.person.address);
    expect(
      (
        await server.as(me().id)(`/api/suggestions/${s!.id}/snooze`, {
          method: 'POST',
          body: JSON.stringify({ days: 900 }),
        })
      ).status,
    ).toBe(400);
    expect(
      (await server.as(me().id)('/api/suggestions/not-a-uuid/send', { method: 'POST', body: '{}' })).status,
    ).toBe(400);
  });
});

describe('bring a colleague', () => {
  /** The next working day at 14:00 in Los Angeles, as UTC wall time for Graph. */
  /**
   * 45 minutes on the next weekday at the first of `hours` (UTC) when a stakeholder from another
   * function is free: the generated organisation's standing meetings (a Tuesday team sync, the
   * monthly all-hands) would otherwise take every candidate on some days of the week.
   */
  const nextWeekdaySlot = (hours: number[], taken: Array<{ start: string }> = []) => {
    const d = new Date(Date.now() + 86_400_000);
    while ([0, 6].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() + 1);
    const day = d.toISOString().slice(0, 10);
    const tenant = server.running.devTenant!;
    const others = map.people.filter(
      (p) => accepted.includes(p.address) && p.function !== map.owner.function,
    );
    const slotAt = (h: number) => ({
      start: `${day}T${String(h).padStart(2, '0')}:00:00`,
      end: `${day}T${String(h).padStart(2, '0')}:45:00`,
    });
    const someoneFree = (slot: { start: string; end: string }) => {
      const [from, to] = [Date.parse(`${slot.start}Z`), Date.parse(`${slot.end}Z`)];
      return others.some((p) => {
        const u = users().find((x) => x.id === p.id);
        return u && busyItems(tenant.store, u, from, to).every((b) => b.status === 'free');
      });
    };
    const slot = hours.map(slotAt).find((x) => someoneFree(x) && !taken.some((t) => t.start === x.start));
    expect(slot, `a stakeholder from another function free on ${day} at one of ${hours}`).toBeDefined();
    return slot!;
  };

  it('proposes a free stakeholder for a meeting with customers and adds them — as organiser or by forwarding', async () => {
    const tenant = server.running.devTenant!;
    const own = nextWeekdaySlot([22, 21, 20, 23]);
    await graphAs(tenant, me().id)
      .api('/me/events')
      .post({
        subject: 'Fabrikam renewal',
        start: { dateTime: own.start, timeZone: 'UTC' },
        end: { dateTime: own.end, timeZone: 'UTC' },
        attendees: [
          { emailAddress: { address: 'buyer@fabrikam.example', name: 'A Buyer' }, type: 'required' },
        ],
      });
    const organiser = users().find(
      (u) =>
        u.mail && u.id !== me().id && u.userType === 'Member' && !accepted.includes(u.mail.toLowerCase()),
    )!;
    const theirs = nextWeekdaySlot([18, 17, 19, 16, 20], [own]);
    await graphAs(tenant, organiser.id)
      .api('/me/events')
      .post({
        subject: 'Northwind pilot review',
        start: { dateTime: theirs.start, timeZone: 'UTC' },
        end: { dateTime: theirs.end, timeZone: 'UTC' },
        attendees: [
          { emailAddress: { address: me().mail! }, type: 'required' },
          { emailAddress: { address: 'cto@northwind.example' }, type: 'required' },
        ],
      });
    const body = await view(me().id, true);
    const renewal = body.bring.find((b) => b.meeting.subject === 'Fabrikam renewal');
    const pilot = body.bring.find((b) => b.meeting.subject === 'Northwind pilot review');
    expect(renewal, JSON.stringify(body.bring)).toBeDefined();
    expect(renewal!.meeting).toMatchObject({ externalDomains: ['fabrikam.example'], isOrganizer: true });
    expect(JSON.stringify(renewal)).not.toContain('buyer@');
    expect(accepted).toContain(renewal!.colleague.address);
    const added = await json<{ bring: wire.BringSuggestion }>(
      server.as(me().id)(`/api/suggestions/bring/${renewal!.id}/add`, { method: 'POST', body: '{}' }),
    );
    expectWire(wire.bringResponse, added);
    expect(added.bring.state).toBe('added');
    const colleague = users().find((u) => u.mail?.toLowerCase() === renewal!.colleague.address)!;
    const onTheirs = tenant.store
      .calendar(colleague.id)
      .find((i) => !i.deleted && i.event.subject === 'Fabrikam renewal');
    expect(onTheirs).toBeDefined();
    const mine = tenant.store
      .calendar(me().id)
      .find((i) => !i.deleted && i.event.subject === 'Fabrikam renewal')!;
    expect(mine.event.attendees.map((a) => a.emailAddress.address.toLowerCase())).toEqual(
      expect.arrayContaining(['buyer@fabrikam.example', renewal!.colleague.address]),
    );
    // A meeting someone else organises: the invitation is forwarded to the colleague.
    expect(pilot, JSON.stringify(body.bring)).toBeDefined();
    expect(pilot!.meeting.isOrganizer).toBe(false);
    await json(server.as(me().id)(`/api/suggestions/bring/${pilot!.id}/add`, { method: 'POST', body: '{}' }));
    const brought = users().find((u) => u.mail?.toLowerCase() === pilot!.colleague.address)!;
    expect(
      tenant.store
        .calendar(brought.id)
        .some((i) => !i.deleted && i.event.subject === 'Northwind pilot review'),
    ).toBe(true);
    // Added once: the next run does not propose it again.
    const rerun = await view(me().id, true);
    expect(rerun.bring.filter((b) => b.meeting.subject === 'Fabrikam renewal').map((b) => b.state)).toEqual([
      'added',
    ]);
  });
});

describe('the weekly job', () => {
  it("prepares each user's week once on the shared queue, and auto-send sends within the budget", async () => {
    await query(`delete from suggestion_runs where oid = $1`, [me().id]);
    await json(
      server.as(me().id)('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ autoSend: true, weeklyInviteBudget: 20 }),
      }),
    );
    const before = await query<{ n: string }>(`select count(*) as n from invites where oid = $1 and auto`, [
      me().id,
    ]);
    expect(Number(before[0]!.n)).toBe(0);
    expect(await server.running.weekly.sweep()).toBeGreaterThanOrEqual(1);
    await server.running.weekly.drained();
    const runs = await query(`select week from suggestion_runs where oid = $1`, [me().id]);
    expect(runs).toHaveLength(1);
    const auto = await query<{ state: string }>(`select state from invites where oid = $1 and auto`, [
      me().id,
    ]);
    expect(auto.length).toBeGreaterThan(0);
    expect(auto.every((r) => r.state === 'sent')).toBe(true);
    // Swept again: the week is prepared already.
    expect(await server.running.weekly.sweep()).toBe(0);
    await json(
      server.as(me().id)('/api/settings', { method: 'PATCH', body: JSON.stringify({ autoSend: false }) }),
    );
  });
});

describe('isolation', () => {
  it("a user cannot see or act on another user's suggestions", async () => {
    const mine = await view(me().id);
    const id = mine.suggestions[0]?.id ?? mine.sent[0]!.suggestionId!;
    const theirs = await view(other().id);
    expect(theirs.suggestions.map((s) => s.id)).not.toContain(id);
    const r = await server.as(other().id)(`/api/suggestions/${id}/dismiss`, { method: 'POST', body: '{}' });
    expect(r.status).toBe(404);
    expect((await server.as(null)('/api/suggestions')).status).toBe(401);
  });
});
