import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractionContext } from '../../server/sync/interactions';
import { ingestPage } from '../../server/sync/pageIngest';

/** One delta page to rows and counters, without I/O: the docs' pages and the odd items around them. */
const page = (name: string) =>
  (JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/graph', name), 'utf8')) as { value: [] }).value;
const context: ExtractionContext = {
  owner: { id: 'me', addresses: ['me@contoso.onmicrosoft.com'] },
  internalDomains: ['contoso.onmicrosoft.com', 'contoso.com'],
  lookup: () => undefined,
};

describe('ingestPage', () => {
  it('the next calendar round: a removal touches its item, the update becomes rows', () => {
    const r = ingestPage(page('delta-query-events.nextround.response.json'), 'calendar', context);
    expect(r).toMatchObject({ items: 1, removed: 1, skipped: 0 });
    expect(r.touched).toHaveLength(2);
    expect(r.interactions.every((i) => i.sourceType === 'event')).toBe(true);
  });

  it('mail: counts what it reads and skips what is not a message, or has no id', () => {
    const items = [
      ...page('delta-query-messages.step1.response.json'),
      { subject: 'no id' },
      { id: 'odd', sentDateTime: 42 },
    ];
    const r = ingestPage(items, 'mail:inbox', context);
    expect(r).toMatchObject({ items: 2, removed: 0, skipped: 2 });
    expect(r.touched).toEqual([...items.slice(0, 2).map((m) => (m as { id: string }).id), 'odd']);
  });
});
