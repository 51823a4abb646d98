/**
 * Quality against the generated truth, in-process (no HTTP, no database): the dev tenant's
 * organisation (seed 'rapport', 300 people) and its latent tie strengths. A mailbox goes through the
 * dev tenant's own Graph formatter and the sync's own extraction, is scored as of `now`, and compared
 * with the latent strength of the latest month (Spearman), the latent 'cooling' trend (precision,
 * recall), and the directory (internal/external classification).
 */
import type { TenantData } from '../../server/devtenant/model';
import type { Interaction } from '../../server/domain/interaction';
import { generateOrg } from '../../server/devtenant/org/generate';
import { graphEvent, graphMessage } from '../../server/devtenant/graph/mailcal/format';
import {
  eventInteractions,
  graphEventSchema,
  graphMessageSchema,
  messageInteractions,
  type DirectoryPerson,
  type ExtractionContext,
} from '../../server/sync/interactions';
import {
  DEFAULT_CONFIG,
  isCooling,
  monthlySeries,
  scoreCounterparts,
  type ModelConfig,
} from '../../server/insights/model';
import { round, spearman } from './stats';

/** The instant every generated organisation here ends. */
export const GENERATED_NOW = new Date('2026-11-24T12:00:00Z');

const ROOM = /^(conf(erence)?\.?\s*room|room)\b/i;

/** The extraction context the sync would build from the directory (as in directorySync.ts). */
export function tenantContext(data: TenantData, ownerId: string): ExtractionContext {
  const index = new Map<string, DirectoryPerson>();
  let owner: DirectoryPerson | undefined;
  for (const u of data.users) {
    if (u.userType === 'Guest') continue; // the directory sync skips guests
    const addresses = [
      ...new Set(
        [u.mail, u.userPrincipalName, ...u.proxyAddresses.map((a) => a.replace(/^(smtp|x500):/i, ''))]
          .filter((a): a is string => Boolean(a))
          .map((a) => a.toLowerCase()),
      ),
    ];
    const person: DirectoryPerson = {
      id: u.id,
      mail: u.mail?.toLowerCase() ?? null,
      addresses,
      kind: ROOM.test(u.displayName) && !u.jobTitle ? 'room' : 'person',
    };
    for (const a of addresses) index.set(a, person);
    if (u.id === ownerId) owner = person;
  }
  return {
    owner: { id: ownerId, addresses: owner?.addresses ?? [] },
    internalDomains: data.org.verifiedDomains.map((d) => d.name.toLowerCase()),
    lookup: (a) => index.get(a.toLowerCase()),
  };
}

/**
 * A mailbox's interactions, as the sync extracts them: items go through the dev tenant's own Graph
 * formatter (UTC wall times, the owner's response), then the sync's extraction.
 */
export function mailboxInteractions(data: TenantData, ownerId: string): Interaction[] {
  const ctx = tenantContext(data, ownerId);
  const mine = new Set(ctx.owner.addresses);
  const ownerMail = data.users.find((u) => u.id === ownerId)?.mail ?? '';
  const box = data.mailbox(ownerId);
  const out: Interaction[] = [];
  box.events.forEach((event, k) => {
    const own = event.attendees.find((a) => mine.has(a.emailAddress.address.toLowerCase()));
    const response = mine.has(event.organizer.address.toLowerCase())
      ? { response: 'organizer' as const, time: event.createdDateTime }
      : (own?.status ?? { response: 'none' as const, time: '0001-01-01T00:00:00Z' });
    const item = { graphId: `e${k}`, event, seq: k + 1, deleted: false, response };
    const p = graphEventSchema.safeParse(graphEvent(item, ownerMail, 'UTC', null));
    if (p.success) out.push(...eventInteractions(p.data, ctx));
  });
  box.messages.forEach((entry, k) => {
    const item = { graphId: `m${k}`, entry, seq: k + 1, deleted: false, createdSeq: k + 1 };
    const p = graphMessageSchema.safeParse(graphMessage(item, entry.folder, false));
    if (p.success) out.push(...messageInteractions(p.data, entry.folder, ctx));
  });
  return out;
}

export interface GeneratedQuality {
  spearmanTop50: number;
  coolingPrecision: number;
  coolingRecall: number;
  internalClassificationErrors: number;
  details: {
    owner: string;
    now: string;
    ties: number;
    compared: number;
    truthCooling: string[];
    predictedCooling: string[];
    unresolvedCounterparts: Array<{ counterpart: string; strength: number }>;
    top: Array<{ name: string; latent: number; trend: string; strength: number; explanation: string }>;
    personas: Array<{
      owner: string;
      spearmanTop50: number;
      coolingPrecision: number;
      coolingRecall: number;
    }>;
  };
}

export interface OwnerQuality {
  spearman: number;
  precision: number;
  recall: number;
  cooling: { tp: number; fp: number; fn: number };
  errors: number;
  truthCooling: string[];
  predictedCooling: string[];
  unresolved: Array<{ counterpart: string; strength: number }>;
  compared: number;
  ties: number;
  top: GeneratedQuality['details']['top'];
}

/**
 * The counterparts the model flags as cooling as of `now`, by directory id (the address where the
 * directory does not know it): what the map's health shows as "cooling".
 */
export function predictedCooling(interactions: Interaction[], now: Date, config: ModelConfig): Set<string> {
  const idOf = new Map<string, string>();
  for (const i of interactions) idOf.set(i.counterpart, i.counterpartId ?? i.counterpart);
  const predicted = new Set<string>();
  for (const [counterpart, s] of monthlySeries(interactions, now, 12, config))
    if (isCooling(s, config)) predicted.add(idOf.get(counterpart) ?? counterpart);
  return predicted;
}

export function ownerQuality(data: TenantData, ownerId: string, config: ModelConfig): OwnerQuality {
  const interactions = mailboxInteractions(data, ownerId);
  const scores = scoreCounterparts(interactions, data.now, config);
  const byId = new Map(scores.filter((s) => s.counterpartId).map((s) => [s.counterpartId!, s]));
  const nameOf = new Map(data.users.map((u) => [u.id, u.displayName]));
  // Spearman over the 50 strongest latent ties (all of them when fewer): the people a user looks at.
  const ties = data.truth(ownerId);
  const top = [...ties].sort((a, b) => b.monthly.at(-1)! - a.monthly.at(-1)!).slice(0, 50);
  const rho = spearman(
    top.map((t) => t.monthly.at(-1)!),
    top.map((t) => byId.get(t.counterpartId)?.strength ?? 0),
  );
  // Cooling over every counterpart with evidence or a latent tie; people without a tie are negatives.
  const predicted = predictedCooling(interactions, data.now, config);
  const truthCooling = new Set(ties.filter((t) => t.trend === 'cooling').map((t) => t.counterpartId));
  const hits = [...predicted].filter((id) => truthCooling.has(id)).length;
  // Classification: a counterpart the model treats as internal must be a member in the directory.
  const members = new Map(data.users.filter((u) => u.userType === 'Member').map((u) => [u.id, u]));
  const guests = new Set(
    data.users
      .filter((u) => u.userType === 'Guest')
      .flatMap((u) => [u.mail, u.userPrincipalName].filter(Boolean)),
  );
  const externalDomains = new Set(data.org.externalDomains);
  let errors = 0;
  const unresolved: OwnerQuality['unresolved'] = [];
  for (const s of scores) {
    const domain = s.counterpart.slice(s.counterpart.indexOf('@') + 1);
    const truthInternal = s.counterpartId !== null && members.has(s.counterpartId);
    if (externalDomains.has(domain) || guests.has(s.counterpart)) errors += s.internal ? 1 : 0;
    else if (s.counterpartId === null) unresolved.push({ counterpart: s.counterpart, strength: s.strength });
    else if (truthInternal !== s.internal) errors++;
  }
  return {
    spearman: rho,
    cooling: { tp: hits, fp: predicted.size - hits, fn: truthCooling.size - hits },
    precision: predicted.size ? hits / predicted.size : truthCooling.size ? 0 : 1,
    recall: truthCooling.size ? hits / truthCooling.size : 1,
    errors,
    truthCooling: [...truthCooling].map((id) => nameOf.get(id) ?? id),
    predictedCooling: [...predicted].map((id) => nameOf.get(id) ?? id),
    unresolved,
    compared: top.length,
    ties: ties.length,
    top: top.map((t) => ({
      name: nameOf.get(t.counterpartId) ?? t.counterpartId,
      latent: t.monthly.at(-1)!,
      trend: t.trend,
      strength: byId.get(t.counterpartId)?.strength ?? 0,
      explanation: byId.get(t.counterpartId)?.explanation ?? 'no evidence',
    })),
  };
}

/** The generated organisation the dev tenant serves by default, scored for its demo user. */
export async function generatedTruthQuality(
  opts: { seed?: string; people?: number; now?: Date; config?: ModelConfig } = {},
): Promise<GeneratedQuality> {
  const config = opts.config ?? DEFAULT_CONFIG;
  const data = generateOrg({
    seed: opts.seed ?? 'rapport',
    people: opts.people ?? 300,
    now: opts.now ?? GENERATED_NOW,
  });
  const demo = data.users[0]!; // the first persona (the dev tenant lists personas first)
  const q = ownerQuality(data, demo.id, config);
  // The other personas, as a robustness check (not part of the headline figures).
  const personas = data.users
    .slice(1)
    .filter((u) => u.demoPersona && u.userType === 'Member')
    .map((u) => {
      const p = ownerQuality(data, u.id, config);
      return {
        owner: `${u.displayName} (${u.demoPersona})`,
        spearmanTop50: round(p.spearman),
        coolingPrecision: round(p.precision),
        coolingRecall: round(p.recall),
      };
    });
  return {
    spearmanTop50: round(q.spearman),
    coolingPrecision: round(q.precision),
    coolingRecall: round(q.recall),
    internalClassificationErrors: q.errors,
    details: {
      owner: demo.displayName,
      now: data.now.toISOString(),
      ties: q.ties,
      compared: q.compared,
      truthCooling: q.truthCooling,
      predictedCooling: q.predictedCooling,
      unresolvedCounterparts: q.unresolved,
      top: q.top,
      personas,
    },
  };
}

let demoCache: { data: TenantData; ownerId: string; interactions: Interaction[] } | null = null;

/** The demo user's Spearman for a config (the headline generated measure), with the mailbox cached. */
export function demoSpearman(config: ModelConfig): number {
  if (!demoCache) {
    const data = generateOrg({ seed: 'rapport', people: 300, now: GENERATED_NOW });
    const ownerId = data.users[0]!.id;
    demoCache = { data, ownerId, interactions: mailboxInteractions(data, ownerId) };
  }
  const { data, ownerId, interactions } = demoCache;
  const byId = new Map(
    scoreCounterparts(interactions, data.now, config)
      .filter((s) => s.counterpartId)
      .map((s) => [s.counterpartId!, s.strength]),
  );
  const top = [...data.truth(ownerId)].sort((a, b) => b.monthly.at(-1)! - a.monthly.at(-1)!).slice(0, 50);
  return spearman(
    top.map((t) => t.monthly.at(-1)!),
    top.map((t) => byId.get(t.counterpartId) ?? 0),
  );
}
