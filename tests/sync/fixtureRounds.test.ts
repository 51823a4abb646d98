import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@microsoft/microsoft-graph-client';
import { expect, it } from 'vitest';
import type { ExtractionContext } from '../../server/sync/interactions';
import { syncStream } from '../../server/sync/streamSync';
import { describeEachDatabase } from '../helpers/databases';

/**
 * The delta round from the Graph docs (tests/fixtures/graph, delta-query-events.*) fed to the sync
 * engine as Graph's answers: two nextLink pages, the deltaLink page, then the next round with a
 * removal. The docs' events are personal (no attendees); each is given a colleague here so that it
 * makes an interaction, and one item without a start is added to show that bad items are skipped
 * and counted, not fatal.
 */
type Page = {
  value: Array<Record<string, unknown>>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
};
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join('tests/fixtures/graph', `${name}.response.json`), 'utf8')) as Page;
const colleague = { emailAddress: { name: 'Ann', address: 'ann@contoso.example' } };
const withColleague = (p: Page, extra: Array<Record<string, unknown>> = []): Page => ({
  ...p,
  value: [
    ...p.value.map((v) =>
      v['@removed']
        ? v
        : {
            ...v,
            attendees: [{ type: 'required', ...colleague }],
            organizer: { emailAddress: { name: 'Me', address: 'me@contoso.example' } },
            isOrganizer: true,
          },
    ),
    ...extra,
  ],
});

const TID = '11111111-1111-4111-8111-111111111111';
const OID = '33333333-3333-4333-8333-333333333333';
const context: ExtractionContext = {
  owner: { id: OID, addresses: ['me@contoso.example'] },
  internalDomains: ['contoso.example'],
  lookup: (a) =>
    a === 'ann@contoso.example'
      ? { id: '44444444-4444-4444-8444-444444444444', mail: a, addresses: [a], kind: 'person' }
      : undefined,
};

describeEachDatabase('the docs’ delta round', (database) => {
  it('is applied page by page, then the next round removes and adds exactly what it says', async () => {
    const step1 = withColleague(fixture('delta-query-events.step1'));
    const step2 = withColleague(fixture('delta-query-events.step2'), [
      { id: 'broken-item', subject: 'no start or end' },
    ]);
    const step3 = withColleague(fixture('delta-query-events.step3'));
    const next = withColleague(fixture('delta-query-events.nextround'));
    // The first round's last page carries the deltaLink; the next round answers it.
    const answers = new Map<string, Page>([
      [step1['@odata.nextLink']!, step2],
      [step2['@odata.nextLink']!, step3],
      [step3['@odata.deltaLink']!, next],
    ]);
    const requested: string[] = [];
    const graph = {
      api: (url: string) => {
        requested.push(url);
        const chain = {
          header: () => chain,
          select: () => chain,
          get: async () => (url.includes('calendarView/delta?startDateTime=') ? step1 : answers.get(url)),
        };
        return chain;
      },
    } as unknown as Client;
    const db = database().db;
    const rows = async () =>
      (
        await db
          .selectFrom('interactions')
          .select('source_id')
          .where('oid', '=', OID)
          .orderBy('source_id')
          .execute()
      ).map((r) => r.source_id);

    const first = await syncStream({ db, graph, tid: TID, oid: OID, stream: 'calendar', context });
    expect(first).toMatchObject({ pages: 3, items: 5, skipped: 1, done: true });
    expect(await rows()).toEqual(
      [...step1.value, ...step2.value.slice(0, 2), ...step3.value].map((v) => v.id).sort(),
    );
    const state = await db
      .selectFrom('sync_streams')
      .selectAll()
      .where('oid', '=', OID)
      .executeTakeFirstOrThrow();
    expect(state).toMatchObject({
      delta_link: step3['@odata.deltaLink'],
      next_link: null,
      skipped: 1,
      rounds: 1,
    });

    const second = await syncStream({ db, graph, tid: TID, oid: OID, stream: 'calendar', context });
    expect(second).toMatchObject({ pages: 1, items: 1, removed: 1, done: true });
    const after = await rows();
    expect(after).toContain('AAMkADj1HvAAA=');
    expect(after).not.toContain('AAMkADk0MGFkODE3LWE4MmYtNDRhOS04OGQLkRkXbBznTvAADb6ytyAAA=');
    expect(after).toHaveLength(6);
    expect(requested.slice(1)).toEqual([
      step1['@odata.nextLink'],
      step2['@odata.nextLink'],
      step3['@odata.deltaLink'],
    ]);
  });
});
