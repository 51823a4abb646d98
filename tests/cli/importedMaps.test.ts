import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openImportedMaps } from '../../server/cli/importedMaps';
import { freshDatabaseOn, MACHINE_URL, machineAvailable } from '../helpers/databases';

/**
 * The module the CLI and the insights benchmark share (server/cli/importedMaps.ts) gives the same
 * ranking as `npm run cli -- map`, run as a separate process, for a small folder of JSONL: one
 * owner writing to and hearing from four colleagues at different rates, with a cutoff that leaves
 * the latest mail out. It also checks that one sync serves maps as of several dates.
 */
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-fixture-'));
const DAY = 86_400_000;
const people = ['ann', 'bob', 'cat', 'dan', 'eve'].map((n, k) => ({
  address: `${n}@corp.example`,
  name: n.toUpperCase(),
  title: 'Trader',
  department: 'Trading',
  ...(k === 0 ? { mailbox: 'ann' } : {}),
}));
const messages: object[] = [];
const start = Date.parse('2001-01-01T09:00:00Z');
// bob: steady two-way all year; cat: heavy until March, then silent; dan: light; eve: only after June.
const plan: Array<[string, number, number, number]> = [
  ['bob', 0, 300, 7],
  ['cat', 0, 80, 2],
  ['dan', 0, 300, 30],
  ['eve', 160, 300, 3],
];
let id = 0;
for (const [who, from, to, every] of plan)
  for (let d = from; d < to; d += every) {
    const at = new Date(start + d * DAY).toISOString();
    const base = { mailbox: 'ann', sentDateTime: at, subject: `s${id}` };
    messages.push({
      ...base,
      id: `m${id++}`,
      direction: 'sent',
      from: { emailAddress: { address: 'ann@corp.example' } },
      toRecipients: [{ emailAddress: { address: `${who}@corp.example` } }],
    });
    messages.push({
      ...base,
      id: `m${id++}`,
      direction: 'received',
      from: { emailAddress: { address: `${who}@corp.example` } },
      toRecipients: [{ emailAddress: { address: 'ann@corp.example' } }],
    });
  }
fs.writeFileSync(path.join(dir, 'people.jsonl'), people.map((p) => JSON.stringify(p)).join('\n'));
fs.writeFileSync(path.join(dir, 'messages.jsonl'), messages.map((m) => JSON.stringify(m)).join('\n'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cliOutput = z.object({ people: z.array(z.object({ address: z.string() })) });
async function cli(asOf: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'server/cli/main.ts', 'map', '--import', dir, '--mailbox', 'ann', '--as-of', asOf],
    { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, maxBuffer: 1 << 24 },
  );
  return cliOutput.parse(JSON.parse(stdout)).people.map((p) => p.address);
}

const targets = [
  { name: 'embedded PostgreSQL', server: null, skip: false },
  { name: 'the machine’s PostgreSQL', server: MACHINE_URL, skip: !machineAvailable },
];
if (!machineAvailable)
  console.warn(`\n*** SKIPPING the CLI/module check on ${MACHINE_URL}: not reachable ***\n`);

describe.each(targets)('imported maps on $name', ({ server, skip }) => {
  it.skipIf(skip)(
    'ranks as the CLI does, with one sync for every date',
    async () => {
      const fresh = server ? await freshDatabaseOn(server) : null;
      const url = fresh?.url;
      const env = { DATABASE_URL: url ?? '' };
      const maps = await openImportedMaps(dir, { databaseUrl: url ?? '' });
      try {
        const ranks = async (asOf: string) =>
          (await maps.mapAsOf('ann', new Date(asOf))).people.slice(0, 10).map((p) => p.address);
        const april = await ranks('2001-04-01');
        const october = await ranks('2001-10-01');
        expect(april.slice(0, 2)).toEqual(['cat@corp.example', 'bob@corp.example']); // cat busiest until March
        expect(april).not.toContain('eve@corp.example'); // nothing of eve before June
        expect(october).toContain('eve@corp.example');
        expect(october.indexOf('cat@corp.example')).toBeGreaterThan(october.indexOf('eve@corp.example'));
        expect(await cli('2001-04-01', env)).toEqual(april);
        expect(await cli('2001-10-01', env)).toEqual(october);
      } finally {
        await maps.close();
        await fresh?.drop();
      }
    },
    120_000,
  );
});
