import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Interaction } from '../domain/interaction';
import { RAPPORT_GRAPH_SCOPES, startDevTenant, type DevTenant } from '../devtenant/server';
import { createGraphClient } from '../graph/client';
import { buildMap, type RelationshipMap } from '../insights/map';
import type { DirectoryEntry } from '../insights/org';
import { loadDirectory, loadInteractions } from '../insights/repository';
import { createLogger } from '../logger';
import { getUserSettings } from '../settings/userSettings';
import { openDatabase, type Database } from '../store/db';
import { syncUser } from '../sync/userSync';

/**
 * Maps of imported mailboxes through the product's own path, shared by the CLI (`npm run cli --
 * map|report`) and the insights benchmark: a folder of Graph-shaped JSONL (people.jsonl,
 * messages.jsonl, events.jsonl — e.g. ../shared/datasets/enron) is imported into one dev tenant,
 * each mailbox is synced once through the real sync engine into PostgreSQL (DATABASE_URL, or an
 * embedded server in a temporary folder), and maps are built from the stored interactions as of
 * any date.
 *
 * Syncing once and mapping as of several dates is the same as syncing before each map: the sync
 * always runs with the data's own end as "now" (the calendar window is placed around it, not around
 * the date asked for), and `buildMap` ignores every interaction after `asOf`.
 */

const peopleLine = z.object({
  mailbox: z.string().nullish(),
  address: z.string().nullish(),
  inMessagesJsonl: z.boolean().optional(),
});

/** The mailboxes a folder holds, from its people.jsonl (name → lower-case address). */
export function importedMailboxes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(dir, 'people.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue; // a bad line is skipped, as the import does
    }
    const p = peopleLine.safeParse(raw);
    if (p.success && p.data.mailbox && p.data.address && p.data.inMessagesJsonl !== false)
      out.set(p.data.mailbox, p.data.address.toLowerCase());
  }
  return out;
}

export interface ImportedMaps {
  tenant: DevTenant;
  database: Database;
  /** Mailbox name → owner address. */
  mailboxes: Map<string, string>;
  /** The instant the imported data ends. */
  now: Date;
  /** Whether the mailbox has any mail in the import. */
  hasMail(mailbox: string): boolean;
  /** Syncs the mailbox through the real sync engine (once; later calls return at once). */
  sync(mailbox: string): Promise<void>;
  /** The mailbox's stored interactions, as the map reads them (synced first if need be). */
  interactions(mailbox: string): Promise<Interaction[]>;
  /** The mailbox's map as of a date, from its stored interactions (synced first if need be). */
  mapAsOf(mailbox: string, asOf: Date, opts?: { limit?: number }): Promise<RelationshipMap>;
  close(): Promise<void>;
}

export async function openImportedMaps(
  dir: string,
  opts: { databaseUrl?: string; certsFrom?: string } = {},
): Promise<ImportedMaps> {
  const logger = createLogger({ level: 'silent' });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-import-'));
  const certs = opts.certsFrom ?? path.resolve(process.env.DATA_DIR ?? 'data', 'certs');
  if (fs.existsSync(certs)) fs.cpSync(certs, path.join(work, 'certs'), { recursive: true });
  const mailboxes = importedMailboxes(dir);
  const tenant = await startDevTenant({
    seed: 'cli',
    people: 20,
    dataDir: work,
    redirectUris: ['http://localhost:1/auth/callback'],
    importDir: dir,
  });
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: (opts.databaseUrl ?? process.env.DATABASE_URL) || undefined,
      dataDir: work,
      logger,
    });
  } catch (err) {
    await tenant.close();
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
  const tid = tenant.tenantId;
  const userOf = (mailbox: string) => {
    const address = mailboxes.get(mailbox);
    if (!address) throw new Error(`no mailbox "${mailbox}" in ${dir}`);
    const user = tenant.data.users.find((u) => u.mail === address);
    if (!user) throw new Error(`mailbox ${mailbox}: ${address} is not in the imported directory`);
    return { user, address };
  };
  const synced = new Map<string, Promise<void>>();
  const sync = (mailbox: string) => {
    const hit = synced.get(mailbox);
    if (hit) return hit;
    const { user } = userOf(mailbox);
    const graph = createGraphClient({
      baseUrl: tenant.origin,
      getToken: () => tenant.identity.issueGraphToken(user.id, RAPPORT_GRAPH_SCOPES),
    });
    // The calendar window is placed around the data's own end, not today.
    const run = syncUser({ db: database.db, graph, tid, oid: user.id, now: () => tenant.data.now }).then(
      () => undefined,
    );
    synced.set(mailbox, run);
    return run;
  };
  const stored = new Map<string, Promise<Interaction[]>>();
  const interactions = (mailbox: string) => {
    const hit = stored.get(mailbox);
    if (hit) return hit;
    const { user } = userOf(mailbox);
    const load = sync(mailbox).then(() => loadInteractions(database.db, tid, user.id));
    stored.set(mailbox, load);
    return load;
  };
  let directory: Promise<DirectoryEntry[]> | null = null;
  return {
    tenant,
    database,
    mailboxes,
    now: tenant.data.now,
    hasMail: (mailbox) => {
      const address = mailboxes.get(mailbox);
      const user = tenant.data.users.find((u) => u.mail === address);
      return user ? tenant.data.mailbox(user.id).messages.length > 0 : false;
    },
    sync,
    interactions,
    async mapAsOf(mailbox, asOf, mapOpts = {}) {
      const { user, address } = userOf(mailbox);
      const items = await interactions(mailbox);
      // The directory is synced with the first mailbox and the same for every mailbox after it.
      directory ??= loadDirectory(database.db, tid);
      const [dirEntries, settings] = await Promise.all([
        directory,
        getUserSettings(database.db, tid, user.id),
      ]);
      return buildMap(
        {
          owner: { id: user.id, addresses: dirEntries.find((d) => d.id === user.id)?.addresses ?? [address] },
          directory: dirEntries,
          interactions: items,
          stakeholders: [],
          settings,
          asOf,
        },
        mapOpts,
      );
    },
    async close() {
      await database.close();
      await tenant.close();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
