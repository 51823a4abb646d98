import type { Rng } from '../random';
import type { HistoryPlan } from './plan';
import type { Roster } from './roster';
import { strengthAt, type TieSet } from './ties';
import type { Timeline } from './timeline';

/**
 * Recurring meetings, the first confounder: weekly team syncs and a monthly all-hands put weakly
 * tied people together, a weekly pipeline review gathers leaders; manager 1:1s are a real strong
 * tie, and their occurrences lapse as it weakens.
 */
export function planStandingMeetings(
  rng: Rng,
  plan: HistoryPlan,
  roster: Roster,
  ties: TieSet,
  timeline: Timeline,
): void {
  const { people, active, reportsOf } = roster;
  for (const [mgr, reports] of reportsOf) {
    if (!people[mgr]!.user.accountEnabled) continue;
    const team = reports.filter((r) => people[r]!.user.accountEnabled);
    if (team.length)
      plan.recurring({
        kind: 'team',
        subject: `${people[mgr]!.user.department} team sync`,
        organizer: mgr,
        attendees: team,
        day: 1,
        hour: 10,
        minutes: 45,
        everyWeeks: 1,
      });
    // Manager 1:1s: a real strong tie, but recurring (its cancellations follow the tie).
    for (const r of team) {
      const t = ties.between(r, mgr);
      plan.recurring({
        kind: 'one-on-one',
        subject: `${people[mgr]!.user.givenName} / ${people[r]!.user.givenName} 1:1`,
        organizer: mgr,
        attendees: [r],
        day: rng.int(0, 4),
        hour: rng.int(9, 15),
        minutes: 30,
        everyWeeks: 1,
        strengthOf: (w) => (t ? strengthAt(t, w, timeline) : 0.6),
      });
    }
  }
  const everyone = active.map(({ i }) => i).filter((i) => i !== 0);
  plan.recurring({
    kind: 'all-hands',
    subject: 'Contoso all-hands',
    organizer: 0,
    attendees: everyone,
    day: 3,
    hour: 9,
    minutes: 60,
    everyWeeks: 4,
  });
  const leaders = active
    .filter(
      ({ p }) =>
        p.level <= 3 && ['Sales', 'Sales Ops', 'Demand Gen/BDR', 'Marketing', 'Executives'].includes(p.fn),
    )
    .map(({ i }) => i);
  const cro = leaders.find((i) => people[i]!.user.jobTitle === 'Chief Revenue Officer') ?? leaders[0];
  if (cro !== undefined)
    plan.recurring({
      kind: 'pipeline-review',
      subject: 'Weekly pipeline review',
      organizer: cro,
      attendees: leaders.filter((i) => i !== cro),
      day: 0,
      hour: 11,
      minutes: 60,
      everyWeeks: 1,
    });
}
