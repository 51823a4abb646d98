import type { Rng } from '../random';
import type { Absences } from './absences';
import type { HistoryPlan } from './plan';
import type { Roster } from './roster';
import type { Timeline } from './timeline';
import { topicFor } from './topics';

/**
 * Every calendar and inbox, week by week: out-of-office weeks, focus blocks, the newsletter and
 * notification mail — and, for heavy mailboxes, a packed calendar of short syncs and busy CC
 * traffic (≥ 50,000 messages and ≥ 5,000 events a year).
 */
export function planRoutine(
  rng: Rng,
  plan: HistoryPlan,
  roster: Roster,
  domain: string,
  timeline: Timeline,
  absences: Absences,
  heavy: Set<number>,
): void {
  const { active } = roster;
  for (const { p, i } of active) {
    for (const week of timeline.weeks) {
      if (absences.ooo[i]!.has(week)) {
        plan.addEvent({
          kind: 'ooo',
          subject: 'Out of office',
          start: week,
          minutes: 5 * 24 * 60,
          organizer: i,
          attendees: [],
          seriesMaster: null,
          isSeriesMaster: false,
          isAllDay: true,
          isCancelled: false,
          showAs: 'oof',
          online: false,
        });
        continue;
      }
      if (rng.chance(0.6))
        plan.addEvent({
          kind: 'focus',
          subject: 'Focus time',
          start: plan.when(i, week, rng.int(0, 4), 14),
          minutes: 120,
          organizer: i,
          attendees: [],
          seriesMaster: null,
          isSeriesMaster: false,
          isAllDay: false,
          isCancelled: false,
          showAs: rng.chance(0.5) ? 'busy' : 'free',
          online: false,
        });
      if (week > timeline.end) continue;
      plan.addMessage({
        conversation: plan.nextConversation(),
        subject: 'This week at Contoso',
        from: -1,
        sender: -1,
        to: [i],
        cc: [],
        sent: plan.when(i, week, 4, 9),
        kind: 'newsletter',
        systemSender: { name: 'Contoso Communications', address: `news@${domain}` },
      });
      const notifications = heavy.has(i) ? 700 : rng.poisson(p.fn === 'Sales' ? 6 : 3);
      for (let k = 0; k < notifications; k++) {
        plan.addMessage({
          conversation: plan.nextConversation(),
          subject: rng.pick([
            'Opportunity updated',
            'Approval requested',
            'Your expense report',
            'Ticket updated',
            'Daily digest',
          ]),
          from: -1,
          sender: -1,
          to: [i],
          cc: [],
          sent: plan.when(i, week, rng.int(0, 4), rng.int(0, 23), rng.int(0, 59)),
          kind: 'notification',
          systemSender: { name: 'Contoso Notifications', address: `noreply@${domain}` },
        });
      }
      if (heavy.has(i)) {
        // A heavy mailbox: a packed calendar of short syncs and big meetings, and busy CC traffic.
        for (let d = 0; d < 5; d++) {
          for (let k = 0; k < 24; k++) {
            const other = rng.pick(active).i;
            if (other === i) continue;
            plan.addEvent({
              kind: 'sync',
              subject: 'Quick sync',
              start: plan.when(i, week, d, 8 + Math.floor(k / 2), (k % 2) * 30),
              minutes: 15,
              organizer: rng.chance(0.5) ? i : other,
              attendees: [rng.chance(0.5) ? other : i].filter((x) => x !== undefined),
            });
          }
        }
        for (let k = 0; k < 350; k++) {
          const from = rng.pick(active).i;
          plan.addMessage({
            conversation: plan.nextConversation(),
            subject: topicFor(rng, p.fn),
            from,
            sender: from,
            to: [rng.pick(active).i],
            cc: [i],
            sent: plan.when(i, week, rng.int(0, 4), rng.int(7, 19), rng.int(0, 59)),
            kind: 'cc',
          });
        }
      }
    }
  }
}
