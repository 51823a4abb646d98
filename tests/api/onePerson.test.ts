import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as wire from '../../contract';
import type { DirectoryUser, MailboxMessage } from '../../server/devtenant/model';
import type { RelationshipMap } from '../../server/insights/map';
import { devTenantUsers, firstSync, json } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * One person, one row: a colleague who writes from two of their addresses (their mail and an
 * alias among their proxyAddresses) is one person on every surface that looks a person up — the
 * stored interactions, the map, the card by e-mail, the pane's cards, stakeholder writes, the
 * suggestions, exclusions and both exports. Over HTTP, the dev tenant playing Graph.
 */
let server: TestServer;
const { users, me } = devTenantUsers(() => server);
let ally: DirectoryUser;
let alias: string;
let mail: string;

const DAY = 86_400_000;
const as = (p: string, init?: RequestInit) => server.as(me().id)(p, init);
const map = () => json<RelationshipMap>(as('/api/map?limit=1000'));

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: server.running.config.DATABASE_URL });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

function message(
  n: number,
  o: { from: string; to: string[]; cc?: string[]; folder: 'inbox' | 'sentitems'; at: number },
): MailboxMessage {
  const r = (address: string) => ({ emailAddress: { name: address, address } });
  const at = new Date(o.at).toISOString();
  return {
    folder: o.folder,
    isRead: true,
    message: {
      uid: `alias-test-${n}`,
      internetMessageId: `<alias-test-${n}@test>`,
      conversationId: `alias-conversation-${n % 3}`,
      subject: n % 2 ? 'RE: the forecast' : 'The forecast',
      from: r(o.from),
      sender: r(o.from),
      toRecipients: o.to.map(r),
      ccRecipients: (o.cc ?? []).map(r),
      bccRecipients: [],
      replyTo: [],
      sentDateTime: at,
      receivedDateTime: at,
      hasAttachments: false,
      importance: 'normal',
      isDraft: false,
    },
  };
}

beforeAll(async () => {
  server = await startTestServer();
  const tenant = server.running.devTenant!;
  const domain = me()
    .mail!.slice(me().mail!.indexOf('@') + 1)
    .toLowerCase();
  // A colleague with a second address in the organisation's domain.
  ally = users().find(
    (u) =>
      u.userType === 'Member' &&
      u.id !== me().id &&
      u.jobTitle &&
      u.proxyAddresses.some((p) => p.startsWith('smtp:') && p.toLowerCase().endsWith(`@${domain}`)),
  )!;
  expect(ally, 'a colleague with an alias').toBeDefined();
  mail = ally.mail!.toLowerCase();
  alias = ally.proxyAddresses
    .find((p) => p.startsWith('smtp:') && p.toLowerCase().endsWith(`@${domain}`))!
    .slice(5)
    .toLowerCase();
  const owner = me().mail!;
  const now = tenant.data.now.getTime();
  let n = 0;
  for (let k = 1; k <= 4; k++) {
    tenant.store.addMessage(
      me().id,
      message(n++, { from: alias, to: [owner], folder: 'inbox', at: now - k * 3 * DAY }),
    );
    tenant.store.addMessage(
      me().id,
      message(n++, { from: owner, to: [alias], folder: 'sentitems', at: now - k * 3 * DAY + 3_600_000 }),
    );
  }
  // Both of their addresses on one message: one interaction, and one participant.
  tenant.store.addMessage(
    me().id,
    message(n++, { from: owner, to: [alias], cc: [mail], folder: 'sentitems', at: now - DAY }),
  );
  await firstSync(server, me().id);
}, 180_000);
afterAll(() => server.stop());

describe('one person writing from two addresses', () => {
  it('is stored under their primary address: no interaction keeps the alias', async () => {
    const rows = await query<{ counterpart: string; counterpart_id: string; participants: number }>(
      `select counterpart, counterpart_id::text, participants from interactions
        where oid = $1 and source_id in (select source_id from interactions where oid = $1)
          and counterpart in ($2, $3)`,
      [me().id, alias, mail],
    );
    expect(rows.some((r) => r.counterpart === alias)).toBe(false);
    expect(rows.filter((r) => r.counterpart === mail).every((r) => r.counterpart_id === ally.id)).toBe(true);
    const everything = await json<{ interactions: Array<{ counterpart: string; sourceId: string }> }>(
      as('/api/export?format=json'),
    );
    expect(everything.interactions.some((i) => i.counterpart === alias)).toBe(false);
    // The nine test messages are nine interactions with them; the one to both addresses has the
    // two of them as its participants.
    const ours = await query<{ counterpart: string; participants: number }>(
      `select counterpart, participants from interactions
        where oid = $1 and conversation_id like 'alias-conversation-%' order by at`,
      [me().id],
    );
    expect(ours.map((r) => r.counterpart)).toEqual(Array(9).fill(mail));
    expect(ours.at(-1)!.participants).toBe(2);
  });

  it('is one row on the map, found by either address', async () => {
    const m = await map();
    const rows = m.people.filter((p) => p.id === ally.id || p.address === alias);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.address).toBe(mail);
    expect(rows[0]!.evidence?.mailsSent).toBeGreaterThanOrEqual(5);
    for (const a of [alias, mail]) {
      const card = await json<wire.PersonCardResponse>(as(`/api/people/by-email/${encodeURIComponent(a)}`));
      expect(card).toMatchObject({ address: a, internal: true, inDirectory: true });
      expect(card.person?.id).toBe(ally.id);
      expect(card.person?.address).toBe(mail);
    }
  });

  it('is one card in the pane, whichever of their addresses are on the email', async () => {
    const cards = (addresses: string[]) =>
      json<wire.PeopleCardsResponse>(
        as('/api/people/cards', { method: 'POST', body: JSON.stringify({ addresses }) }),
      );
    const both = await cards([alias, mail]);
    expect(both.cards).toHaveLength(1);
    expect(both.summary.colleagues).toBe(1);
    const one = (await cards([alias])).cards[0] as wire.PaneColleagueCard;
    expect(one.person?.id).toBe(ally.id);
  });

  it('is one stakeholder, added, rated, noted and thanked under either address', async () => {
    const put = await json<wire.SavedStakeholderResponse>(
      as(`/api/stakeholders/${encodeURIComponent(alias)}`, {
        method: 'PUT',
        body: JSON.stringify({ status: 'accepted', why: 'runs the forecast' }),
      }),
      201,
    );
    expect(put.address).toBe(mail);
    expect(put.personId).toBe(ally.id);
    await json(
      as(`/api/stakeholders/${encodeURIComponent(mail)}/rating`, {
        method: 'PUT',
        body: JSON.stringify({ selfRating: 4 }),
      }),
    );
    await json(
      as(`/api/stakeholders/${encodeURIComponent(alias)}`, {
        method: 'PATCH',
        body: JSON.stringify({ notes: 'prefers mornings' }),
      }),
    );
    await json(
      as(`/api/stakeholders/${encodeURIComponent(alias)}/appreciations`, {
        method: 'POST',
        body: JSON.stringify({ note: 'closed the quarter' }),
      }),
      201,
    );
    const list = await json<wire.StakeholdersResponse>(as('/api/stakeholders'));
    const theirs = list.stakeholders.filter((s) => s.address === mail || s.address === alias);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ address: mail, selfRating: 4, notes: 'prefers mornings' });
    expect(theirs[0]!.appreciations).toHaveLength(1);
    const row = (await map()).people.filter((p) => p.id === ally.id);
    expect(row).toHaveLength(1);
    expect(row[0]!.stakeholder?.why).toBe('runs the forecast');
  });

  it('is one suggestion, asked for by either address', async () => {
    const ask = (a: string) =>
      as(`/api/suggestions/for/${encodeURIComponent(a)}`, { method: 'POST', body: '{}' });
    const byMail = await ask(mail);
    const byAlias = await ask(alias);
    expect(byAlias.status).toBe(byMail.status);
    expect(byAlias.status).not.toBe(404);
    if (byMail.status === 200) {
      const s = (await byAlias.json()) as { suggestion: { person: { address: string } } };
      expect(s.suggestion.person.address).toBe(mail);
    }
  });

  it('is one line of the CSV export', async () => {
    const csv = await (await as('/api/export?format=csv')).text();
    expect(csv.split('\n').filter((l) => l.includes(ally.displayName))).toHaveLength(1);
    expect(csv).not.toContain(alias);
  });

  it('is excluded by either address, and back when the exclusion goes', async () => {
    const patch = (excludedPeople: string[]) =>
      json(as('/api/settings', { method: 'PATCH', body: JSON.stringify({ excludedPeople }) }));
    await patch([alias]);
    expect((await map()).people.filter((p) => p.id === ally.id || p.address === alias)).toHaveLength(0);
    await patch([]);
    expect((await map()).people.filter((p) => p.id === ally.id)).toHaveLength(1);
  });
});

describe('rows stored before the alias was known', () => {
  it('converge on the person at the next sync: moved and merged', async () => {
    const tid = server.running.devTenant!.tenantId;
    const src = await query<{ source_id: string }>(
      `select source_id from interactions where oid = $1 and counterpart = $2 and source_type = 'message' limit 2`,
      [me().id, mail],
    );
    // What an older sync left: one item under the alias only, one under both addresses.
    await query(
      `update interactions set counterpart = $3, counterpart_id = null where oid = $1 and source_id = $2 and counterpart = $4`,
      [me().id, src[0]!.source_id, alias, mail],
    );
    await query(
      `insert into interactions (tid, oid, stream, source_type, source_id, counterpart, counterpart_id, kind, at,
         duration_minutes, participants, direction, owner_is_organizer, response, internal)
       select tid, oid, stream, source_type, source_id, $3, null, kind, at, duration_minutes, participants,
         direction, owner_is_organizer, response, internal
       from interactions where oid = $1 and source_id = $2 and counterpart = $4`,
      [me().id, src[1]!.source_id, alias, mail],
    );
    expect(
      (await query(`select 1 from interactions where oid = $1 and counterpart = $2`, [me().id, alias]))
        .length,
    ).toBe(2);
    await json(as('/api/sync', { method: 'POST' }), 202);
    await expect
      .poll(
        async () =>
          (await query(`select 1 from interactions where tid = $1 and counterpart = $2`, [tid, alias]))
            .length,
        { timeout: 60_000 },
      )
      .toBe(0);
    const mine = await query<{ source_id: string; counterpart_id: string }>(
      `select source_id, counterpart_id::text from interactions where oid = $1 and source_id = any($2) and counterpart = $3`,
      [me().id, src.map((s) => s.source_id), mail],
    );
    expect(mine.map((r) => r.source_id).sort()).toEqual(src.map((s) => s.source_id).sort());
    expect(mine.every((r) => r.counterpart_id === ally.id)).toBe(true);
  });
});
