import type { Directory } from '../directory';
import type { Rng } from '../random';
import type { Absences } from './absences';
import type { HistoryPlan } from './plan';
import type { Roster } from './roster';
import type { Timeline } from './timeline';
import { EXT } from './types';

/**
 * Customers: sales, customer service and executives meet and write to a handful of accounts each;
 * a product manager or engineer is sometimes brought along.
 */
export function planCustomerTraffic(
  rng: Rng,
  plan: HistoryPlan,
  roster: Roster,
  externals: Directory['externals'],
  timeline: Timeline,
  absences: Absences,
): void {
  const { active, byFunction } = roster;
  for (const { p, i } of active) {
    if (!(p.fn === 'Sales' || p.fn === 'Customer Service' || p.level <= 1)) continue;
    const accounts = rng.shuffle(externals.map((_, k) => k)).slice(0, 6);
    for (const week of timeline.weeks) {
      if (!absences.available(i, week)) continue;
      for (let k = rng.poisson(p.fn === 'Sales' ? 2 : 0.6); k > 0; k--) {
        const ext = EXT + rng.pick(accounts);
        const helper = rng.chance(0.25)
          ? rng.pick([...(byFunction.get('Product') ?? []), ...(byFunction.get('Engineering') ?? [])])
          : null;
        plan.addEvent({
          kind: 'customer',
          subject: `${externals[ext - EXT]!.org}: ${rng.pick(['discovery call', 'demo', 'QBR', 'negotiation', 'kickoff'])}`,
          start: plan.when(i, week, rng.int(0, 4), rng.int(9, 16)),
          minutes: rng.pick([30, 60]),
          organizer: i,
          attendees: [ext, ...(helper !== null ? [helper] : [])],
        });
      }
      if (week > timeline.end) continue;
      for (let k = rng.poisson(p.fn === 'Sales' ? 6 : 2); k > 0; k--) {
        const ext = EXT + rng.pick(accounts);
        const outbound = rng.chance(0.5);
        plan.addMessage({
          conversation: plan.nextConversation(),
          subject: `${externals[ext - EXT]!.org} — ${rng.pick(['proposal', 'next steps', 'pricing', 'follow-up', 'contract'])}`,
          from: outbound ? i : ext,
          sender: outbound ? i : ext,
          to: [outbound ? ext : i],
          cc: [],
          sent: plan.when(i, week, rng.int(0, 4), rng.int(8, 18), rng.int(0, 59)),
          kind: 'external',
        });
      }
    }
  }
}
