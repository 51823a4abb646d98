/**
 * Enron through the product's own path, as `npm run cli -- map --import … --mailbox … --as-of …`
 * does it (server/cli/importedMaps.ts): the JSONL imported into one dev tenant, each of the 10
 * mailboxes synced once through the real sync engine into PostgreSQL, and the map built from the
 * stored interactions as of each cutoff. No filter of the benchmark's own touches the ranking.
 *
 * Per mailbox and cutoff, on the same stored interactions: the map's top 10, two baselines (raw
 * message count, 30-day half-life decayed count, keyed like the map: by stored counterpart), and
 * precision@10 against the truth (bench/insights/enron/data.ts). A hit is a truth person among the
 * top 10 rows; two rows of one person count once (the second is a duplicate taking a slot).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { Interaction } from '../../../server/domain/interaction';
import { openImportedMaps } from '../../../server/cli/importedMaps';
import { round } from '../stats';
import {
  DAY,
  ENRON_CUTOFFS,
  ENRON_DIR,
  ENRON_MAILBOXES,
  type EnronPeople,
  type EnronTruthPair,
  loadEnronTruth,
  MIN_TRUTH,
  repoRoot,
} from './data';
import { isMachineAddress } from './machines';
import { duplicatePeople, sameNamePairs } from './people';

const run = promisify(execFile);

/** Counterparts ranked by a score (higher first), ties broken by key so rankings are stable. */
export const rankBy = (m: Map<string, number>) =>
  [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);

/** Distinct truth people among the first 10 rows. */
export function hitsAt10(ranked: string[], truth: Set<string>, people: EnronPeople): number {
  return new Set(
    ranked
      .slice(0, 10)
      .map((a) => people.personOf(a))
      .filter((k) => truth.has(k)),
  ).size;
}

/** One mailbox and cutoff, as the product saw it. */
export interface ProductPair extends EnronTruthPair {
  asOf: Date;
  /** The stored internal interactions up to asOf (what the map scores). */
  before: Interaction[];
  /** The map's ranking (addresses, strongest first). */
  ranked: string[];
  scored: boolean;
}

export interface EnronCase {
  mailbox: string;
  cutoff: string;
  truth: number;
  scored: boolean;
  model: number;
  rawCount: number;
  decayed30: number;
  ceiling: number;
  top10: string[];
  duplicates: string[];
  sameName: Array<[string, string]>;
  machines: string[];
}

/** The baselines' rankings: raw and 30-day decayed message counts per stored counterpart. */
export function baselineRankings(before: Interaction[], asOf: Date): { raw: string[]; decayed: string[] } {
  const raw = new Map<string, number>();
  const decayed = new Map<string, number>();
  const t0 = asOf.getTime();
  for (const i of before) {
    if (i.sourceType !== 'message') continue; // the baselines count messages
    raw.set(i.counterpart, (raw.get(i.counterpart) ?? 0) + 1);
    decayed.set(i.counterpart, (decayed.get(i.counterpart) ?? 0) + 0.5 ** ((t0 - i.at.getTime()) / DAY / 30));
  }
  return { raw: rankBy(raw), decayed: rankBy(decayed) };
}

const cliOutput = z.object({ people: z.array(z.object({ address: z.string() })) });

/** The CLI's top 10 for one mailbox and cutoff, run as a separate process exactly as a user would. */
async function cliTop10(dir: string, mailbox: string, cutoff: string): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'server/cli/main.ts'),
      'map',
      '--import',
      dir,
      '--mailbox',
      mailbox,
      '--as-of',
      cutoff,
      '--top',
      '10',
    ],
    { cwd: repoRoot, maxBuffer: 1 << 26, env: { ...process.env, LOG_LEVEL: 'silent' } },
  );
  return cliOutput.parse(JSON.parse(stdout)).people.map((p) => p.address);
}

/** The mailbox and cutoff the CLI is checked against (a large truth, and a known duplicate). */
export const CLI_CHECK = { mailbox: 'arnold-j', cutoff: '2001-07-01' } as const;

export interface EnronProduct {
  people: EnronPeople;
  pairs: ProductPair[];
  cases: EnronCase[];
  syncSeconds: number;
  cliCheck: { mailbox: string; cutoff: string; top10: string[]; same: true } | null;
}

export async function enronThroughProduct(
  dir = ENRON_DIR,
  opts: { checkCli?: boolean } = {},
): Promise<EnronProduct | null> {
  const truth = loadEnronTruth(dir);
  if (!truth) return null;
  const { people } = truth;
  const started = Date.now();
  const maps = await openImportedMaps(dir);
  const pairs: ProductPair[] = [];
  const cases: EnronCase[] = [];
  try {
    for (const mailbox of ENRON_MAILBOXES) {
      const stored = await maps.interactions(mailbox); // synced once, here
      for (const cutoff of ENRON_CUTOFFS) {
        const asOf = new Date(cutoff); // as the CLI reads --as-of
        const map = await maps.mapAsOf(mailbox, asOf);
        const ranked = map.people.map((p) => p.address);
        const before = stored.filter((i) => i.internal && i.at.getTime() <= asOf.getTime());
        const t = truth.pairs.find((p) => p.mailbox === mailbox && p.cutoff === cutoff)!;
        const scored = t.truth.size >= MIN_TRUTH;
        pairs.push({ ...t, asOf, before, ranked, scored });
        const base = baselineRankings(before, asOf);
        const seen = new Set(before.map((i) => people.personOf(i.counterpart)));
        const top10 = ranked.slice(0, 10);
        cases.push({
          mailbox,
          cutoff,
          truth: t.truth.size,
          scored,
          model: hitsAt10(ranked, t.truth, people) / 10,
          rawCount: hitsAt10(base.raw, t.truth, people) / 10,
          decayed30: hitsAt10(base.decayed, t.truth, people) / 10,
          ceiling: Math.min(10, [...t.truth].filter((k) => seen.has(k)).length) / 10,
          top10,
          duplicates: duplicatePeople(top10, people),
          sameName: sameNamePairs(top10, people),
          machines: top10.filter(isMachineAddress),
        });
      }
    }
  } finally {
    await maps.close();
  }
  const syncSeconds = round((Date.now() - started) / 1000, 1);
  let cliCheck: EnronProduct['cliCheck'] = null;
  if (opts.checkCli !== false) {
    const mine = cases.find((c) => c.mailbox === CLI_CHECK.mailbox && c.cutoff === CLI_CHECK.cutoff)!;
    const cli = await cliTop10(dir, CLI_CHECK.mailbox, CLI_CHECK.cutoff);
    if (JSON.stringify(cli) !== JSON.stringify(mine.top10))
      throw new Error(
        `the bench and the CLI rank ${CLI_CHECK.mailbox} as of ${CLI_CHECK.cutoff} differently:\n` +
          `bench ${mine.top10.join(', ')}\ncli   ${cli.join(', ')}`,
      );
    cliCheck = { ...CLI_CHECK, top10: cli, same: true };
  }
  return { people, pairs, cases, syncSeconds, cliCheck };
}
