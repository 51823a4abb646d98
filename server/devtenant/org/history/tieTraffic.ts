import type { Rng } from '../random';
import type { Absences } from './absences';
import type { HistoryPlan } from './plan';
import type { Roster } from './roster';
import { strengthAt } from './ties';
import type { Timeline } from './timeline';
import { topicFor } from './topics';
import type { Tie } from './types';

/**
 * What each tie yields week by week from that month's strength: meetings (Poisson, beyond the
 * recurring manager 1:1s), now and then a lunch or coffee (∝ strength²), and mail threads whose
 * replies grow likelier and faster with strength; department mates get CC'd, and assistants send
 * some of their executives' mail.
 */
export function planTieTraffic(
  rng: Rng,
  plan: HistoryPlan,
  roster: Roster,
  ties: Tie[],
  timeline: Timeline,
  absences: Absences,
): void {
  const { people, active, managerOf } = roster;
  const { available } = absences;
  const sameTeamOrManager = (t: Tie) => managerOf(t.a) === t.b || managerOf(t.b) === t.a;
  const assistantFor = new Map(
    people.flatMap((p, i) => (p.assistantOf !== null ? [[p.assistantOf, i] as const] : [])),
  );
  for (const t of ties) {
    const deptMates = (i: number) =>
      active.filter(({ p }) => p.user.department === people[i]!.user.department).map(({ i: j }) => j);
    for (const week of timeline.weeks) {
      if (week > timeline.end) break;
      if (!available(t.a, week) || !available(t.b, week)) continue;
      const s = strengthAt(t, week, timeline);
      if (s <= 0) continue;
      // Meetings beyond manager 1:1s (which are recurring above).
      const meetings = sameTeamOrManager(t) ? 0 : rng.poisson(s * 0.55);
      for (let k = 0; k < meetings; k++) {
        const organizer = rng.chance(0.5) ? t.a : t.b;
        const other = organizer === t.a ? t.b : t.a;
        const extra = rng.chance(0.3)
          ? [rng.pick(deptMates(organizer))].filter((x) => x !== other && x !== organizer)
          : [];
        plan.addEvent({
          kind: extra.length ? 'small-meeting' : 'one-on-one',
          subject: topicFor(rng, people[other]!.fn),
          start: plan.when(organizer, week, rng.int(0, 4), rng.int(9, 16), rng.chance(0.5) ? 30 : 0),
          minutes: rng.pick([30, 30, 45, 60]),
          organizer,
          attendees: [other, ...extra],
          seriesMaster: null,
          isSeriesMaster: false,
          isAllDay: false,
          isCancelled: rng.chance(0.03),
          showAs: 'busy',
          online: rng.chance(0.7),
          strength: s,
        });
      }
      if (rng.chance(s * s * 0.12)) {
        const organizer = rng.chance(0.5) ? t.a : t.b;
        plan.addEvent({
          kind: rng.chance(0.5) ? 'lunch' : 'coffee',
          subject: rng.chance(0.5) ? 'Lunch' : 'Coffee',
          start: plan.when(organizer, week, rng.int(0, 4), 12),
          minutes: 60,
          organizer,
          attendees: [organizer === t.a ? t.b : t.a],
          seriesMaster: null,
          isSeriesMaster: false,
          isAllDay: false,
          isCancelled: false,
          showAs: 'busy',
          online: false,
          strength: s,
        });
      }
      const threads = rng.poisson(s * 1.6);
      for (let k = 0; k < threads; k++) {
        const starter = rng.chance(0.5) ? t.a : t.b;
        const other = starter === t.a ? t.b : t.a;
        const subject = topicFor(rng, people[other]!.fn);
        const cc = rng.chance(0.3)
          ? rng
              .shuffle(deptMates(starter).filter((x) => x !== starter && x !== other))
              .slice(0, rng.int(1, 4))
          : [];
        let time = plan.when(starter, week, rng.int(0, 4), rng.int(8, 17), rng.int(0, 59));
        const conv = plan.nextConversation();
        // Replies are likelier in strong ties (reciprocity), and come faster.
        const replies = rng.poisson(0.4 + s * 2.2);
        let from = starter;
        let to = other;
        for (let r = 0; r <= replies; r++) {
          const sender = assistantFor.has(from) && rng.chance(0.35) ? assistantFor.get(from)! : from;
          plan.addMessage({
            conversation: conv,
            subject: r === 0 ? subject : `RE: ${subject}`,
            from,
            sender,
            to: [to],
            cc,
            sent: time,
            kind: r === 0 ? 'thread' : 'reply',
          });
          time += Math.round((0.2 + rng.next() * (1 - s) * 20) * 3_600_000);
          [from, to] = [to, from];
        }
      }
    }
  }
}
