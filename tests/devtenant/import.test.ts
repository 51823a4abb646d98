import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importJsonl } from '../../server/devtenant/import/jsonl';

const ENRON = path.resolve('../shared/datasets/enron');
const hasEnron = fs.existsSync(path.join(ENRON, 'messages.jsonl'));
if (!hasEnron) console.warn(`\n*** SKIPPING the Enron import test: ${ENRON} is not there ***\n`);

describe('JSONL import', () => {
  it('loads a small Graph-shaped folder, skipping and counting bad lines', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-jsonl-'));
    const person = (a: string, mailbox?: string) =>
      JSON.stringify({ address: a, name: a.split('@')[0], mailbox, title: 'Trader', department: 'Trading' });
    fs.writeFileSync(
      path.join(dir, 'people.jsonl'),
      [person('ann@corp.example', 'ann'), person('bob@corp.example', 'bob'), '{not json', ''].join('\n'),
    );
    const msg = {
      id: 'm1',
      mailbox: 'ann',
      direction: 'sent',
      sentDateTime: '2001-05-01T10:00:00Z',
      from: { emailAddress: { name: 'Ann', address: 'ann@corp.example' } },
      toRecipients: [{ emailAddress: { name: 'Bob', address: 'bob@corp.example' } }],
      subject: 'Hi',
    };
    fs.writeFileSync(
      path.join(dir, 'messages.jsonl'),
      [
        JSON.stringify(msg),
        JSON.stringify({ ...msg, id: 'm2', mailbox: 'nobody' }),
        JSON.stringify({ ...msg, id: 'm3', sentDateTime: 'yesterday' }),
        'garbage',
      ].join('\n'),
    );
    const { data, stats } = await importJsonl(dir);
    expect(stats).toMatchObject({ people: 2, messages: 1, skipped: 4 });
    const ann = data.users.find((u) => u.mail === 'ann@corp.example')!;
    expect(data.mailbox(ann.id).messages[0]).toMatchObject({
      folder: 'sentitems',
      message: { subject: 'Hi' },
    });
    expect(data.org.verifiedDomains[0]!.name).toBe('corp.example');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasEnron)(
    'replays the Enron mailboxes as dev tenant mailboxes',
    async () => {
      const { data, stats } = await importJsonl(ENRON);
      expect(stats.people).toBeGreaterThan(100);
      expect(stats.messages).toBeGreaterThan(19_000);
      const lavorato = data.users.find((u) => u.mail === 'john.lavorato@enron.com')!;
      const box = data.mailbox(lavorato.id);
      expect(box.messages.filter((m) => m.folder === 'sentitems').length).toBeGreaterThan(1000);
      expect(data.now.getUTCFullYear()).toBe(2002);
    },
    60_000,
  );
});
