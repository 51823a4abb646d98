import { OfficeApp } from 'office-addin-manifest';
import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OfficeLike } from '../../src/hosts/office/types';
import { setKey, startPeopleFeed } from '../../src/pane/feed';

/** The pane's first request is made as soon as Office is ready, then handed to the view once. */
const person = (emailAddress: string) => ({ emailAddress, displayName: emailAddress, recipientType: 'user' });

function readItemOffice() {
  return new OfficeMockObject(
    {
      HostType: { Outlook: 'Outlook' },
      EventType: { ItemChanged: 'olkItemSelectedChanged', RecipientsChanged: 'olkRecipientsChanged' },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      context: {
        mailbox: {
          userProfile: { emailAddress: 'megan@contoso.com' },
          addHandlerAsync: (_t: string, _h: () => void, cb?: (r: unknown) => void) =>
            cb?.({ status: 'succeeded' }),
          item: {
            itemType: 'message',
            from: person('alex@contoso.com'),
            to: [person('megan@contoso.com'), person('lee@contoso.com')],
            cc: [],
          },
        },
      },
    },
    OfficeApp.Outlook,
  ) as unknown as OfficeLike;
}

afterEach(() => vi.unstubAllGlobals());

describe('startPeopleFeed', () => {
  it('asks for the first set of cards before anyone subscribes, and hands that request over once', async () => {
    const body = { cards: [], summary: { total: 0 }, asOf: '2026-12-03T00:00:00Z' };
    const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const feed = startPeopleFeed(readItemOffice(), async () => 'token');
    await feed.settled; // the page draws its shell once the request is on its way
    expect(feed.current().kind).toBe('item');
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/people/cards');
    expect(JSON.parse(String(init.body))).toEqual({ addresses: ['alex@contoso.com', 'lee@contoso.com'] });

    const key = setKey(['lee@contoso.com', 'alex@contoso.com']);
    expect(feed.takeEarly('someone-else@contoso.com')).toBeUndefined();
    await expect(feed.takeEarly(key)).resolves.toEqual(body);
    expect(feed.takeEarly(key)).toBeUndefined(); // a later change of the set asks afresh
    expect(fetch).toHaveBeenCalledTimes(1);
    feed.stop();
  });
});
