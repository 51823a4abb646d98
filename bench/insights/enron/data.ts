/**
 * The Enron dataset as the benchmark's truth sees it, read from the JSONL itself (not through the
 * product): who is one person (people.jsonl `address` + `aliases`), and for each mailbox and cutoff
 * the people the owner both wrote to and heard from in the next 90 days.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isMachineAddress } from './machines';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ENRON_DIR = path.resolve(repoRoot, '../shared/datasets/enron');
export const DAY = 86_400_000;

export const ENRON_MAILBOXES = [
  'lay-k',
  'lavorato-j',
  'delainey-d',
  'derrick-j',
  'allen-p',
  'grigsby-m',
  'arnold-j',
  'presto-k',
  'shively-h',
  'heard-m',
] as const;
export const ENRON_CUTOFFS = ['2001-04-01', '2001-07-01', '2001-10-01'] as const;
export const HORIZON_DAYS = 90;
export const MAX_RECIPIENTS = 8;
/** Smaller truth sets cap precision@10 far below 1 and mostly measure noise: reported, not scored. */
export const MIN_TRUTH = 5;

const personLine = z.object({
  address: z.string().min(3),
  name: z.string().nullish(),
  mailbox: z.string().nullish(),
  aliases: z.array(z.string()).default([]),
});
const addressOf = z.object({ emailAddress: z.object({ address: z.string().nullish() }).nullish() });
const messageLine = z.object({
  mailbox: z.string(),
  direction: z.enum(['sent', 'sentByDelegate', 'received']).default('received'),
  sentDateTime: z.string(),
  sentDateTimeSuspect: z.boolean().optional(),
  from: addressOf.nullish(),
  toRecipients: z.array(addressOf).default([]),
  ccRecipients: z.array(addressOf).default([]),
  bccRecipients: z.array(addressOf).default([]),
});

function* jsonl(file: string): Generator<unknown> {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as unknown;
    } catch {
      // a bad line is skipped, as the import does
    }
  }
}

const clean = (a: string | null | undefined) => (a ?? '').trim().toLowerCase();

/** The dataset's people: one key (the primary address) per custodian, whatever address they use. */
export interface EnronPeople {
  /** Address (any of a custodian's) → the person's key; other addresses are their own key. */
  personOf(address: string): string;
  /** Custodian key → display name. */
  names: Map<string, string>;
  /** Mailbox → the owner's addresses. */
  owners: Map<string, string[]>;
}

export interface EnronTruthPair {
  mailbox: string;
  cutoff: string;
  /** Person keys (owner and machines excluded). */
  truth: Set<string>;
}

export interface EnronTruth {
  people: EnronPeople;
  pairs: EnronTruthPair[];
}

const loaded = new Map<string, EnronTruth | null>();

/** The dataset's people and the truth of the 10 mailboxes × 3 cutoffs; null when the data is absent. */
export function loadEnronTruth(dir = ENRON_DIR): EnronTruth | null {
  if (loaded.has(dir)) return loaded.get(dir)!;
  if (!fs.existsSync(path.join(dir, 'messages.jsonl')) || !fs.existsSync(path.join(dir, 'people.jsonl'))) {
    loaded.set(dir, null);
    return null;
  }
  const keyOf = new Map<string, string>();
  const names = new Map<string, string>();
  const owners = new Map<string, string[]>();
  for (const raw of jsonl(path.join(dir, 'people.jsonl'))) {
    const p = personLine.safeParse(raw);
    if (!p.success) continue;
    const addresses = [p.data.address, ...p.data.aliases].map(clean);
    for (const a of addresses) keyOf.set(a, addresses[0]!);
    names.set(addresses[0]!, p.data.name ?? addresses[0]!);
    if (p.data.mailbox) owners.set(p.data.mailbox, addresses);
  }
  const people: EnronPeople = { personOf: (a) => keyOf.get(clean(a)) ?? clean(a), names, owners };

  const wanted = new Set<string>(ENRON_MAILBOXES);
  const cutoffs = ENRON_CUTOFFS.map((c) => Date.parse(`${c}T00:00:00Z`));
  const wrote = new Map<string, Set<string>>();
  const heard = new Map<string, Set<string>>();
  const slot = (m: Map<string, Set<string>>, k: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    return s;
  };
  for (const raw of jsonl(path.join(dir, 'messages.jsonl'))) {
    const m = messageLine.safeParse(raw);
    if (!m.success || !wanted.has(m.data.mailbox) || m.data.sentDateTimeSuspect) continue;
    const at = Date.parse(m.data.sentDateTime);
    if (Number.isNaN(at)) continue;
    const own = new Set(owners.get(m.data.mailbox) ?? []);
    // An internal person: enron.com or a sub-domain, not the owner, not a machine.
    const person = (a: string) =>
      /@([a-z0-9-]+\.)*enron\.com$/.test(a) && !own.has(a) && !isMachineAddress(a);
    const recipients = new Set(
      [...m.data.toRecipients, ...m.data.ccRecipients, ...m.data.bccRecipients]
        .map((r) => clean(r.emailAddress?.address))
        .filter((a) => a.includes('@')),
    );
    if (recipients.size > MAX_RECIPIENTS) continue;
    cutoffs.forEach((t0, k) => {
      if (at < t0 || at >= t0 + HORIZON_DAYS * DAY) return;
      const key = `${m.data.mailbox}|${ENRON_CUTOFFS[k]}`;
      if (m.data.direction === 'received') {
        const from = clean(m.data.from?.emailAddress?.address);
        if (person(from)) slot(heard, key).add(people.personOf(from));
      } else for (const a of recipients) if (person(a)) slot(wrote, key).add(people.personOf(a));
    });
  }
  const pairs: EnronTruthPair[] = [];
  for (const mailbox of ENRON_MAILBOXES)
    for (const cutoff of ENRON_CUTOFFS) {
      const key = `${mailbox}|${cutoff}`;
      const h = heard.get(key) ?? new Set<string>();
      pairs.push({ mailbox, cutoff, truth: new Set([...(wrote.get(key) ?? [])].filter((k) => h.has(k))) });
    }
  const out = { people, pairs };
  loaded.set(dir, out);
  return out;
}
