import type { FunctionName, TieTruth } from '../model';
import type { Directory } from './directory';
import type { Rng } from './random';
import { DAY, localToUtc, mondayOf, WEEK } from './time';

/**
 * Twelve months of meetings and mail, sampled from a latent truth: every tie between two people
 * has a monthly strength (0..1) and a trend, and interactions are drawn from Poisson rates of that
 * month's strength. Confounders make raw counts mislead, as they do in real mailboxes: weekly team
 * meetings and monthly all-hands put weakly tied people together, a weekly pipeline review gathers
 * leaders, threads carry CCs, assistants send for their executives, out-of-office weeks silence
 * everyone, and notification mail floods inboxes.
 *
 * Recipients are numbers: an index into `people`, or `EXT + i` for external contact i.
 */
export const EXT = 1_000_000;

export interface Tie {
  a: number;
  b: number;
  monthly: number[];
  trend: TieTruth['trend'];
  confounders: string[];
}

export interface PlannedEvent {
  uid: number;
  kind: string;
  subject: string;
  start: number;
  minutes: number;
  organizer: number;
  attendees: number[];
  /** Response per attendee (same order). */
  responses: Array<'accepted' | 'tentativelyAccepted' | 'declined' | 'none'>;
  seriesMaster: number | null;
  isSeriesMaster: boolean;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: 'busy' | 'free' | 'oof' | 'tentative';
  online: boolean;
  created: number;
}

export interface PlannedMessage {
  uid: number;
  conversation: number;
  subject: string;
  from: number;
  /** Differs from `from` when an assistant sends for an executive. */
  sender: number;
  to: number[];
  cc: number[];
  sent: number;
  kind: string;
  /** A sender outside the directory (notifications, newsletters). */
  systemSender?: { name: string; address: string };
}

export interface History {
  ties: Tie[];
  events: PlannedEvent[];
  messages: PlannedMessage[];
  /** Per person: indices into events and messages. */
  eventsOf: number[][];
  messagesOf: number[][];
  monthStarts: number[];
}

const TOPICS: Partial<Record<FunctionName, string[]>> = {
  'Sales Ops': [
    'Q{q} forecast call prep',
    'Territory plan review',
    'CRM hygiene',
    'Quota attainment check-in',
    'Deal desk: {c} pricing',
  ],
  'Demand Gen/BDR': [
    'Pipeline from the {c} campaign',
    'BDR handoff: {c}',
    'Event follow-ups',
    'Lead routing question',
  ],
  Marketing: ['Customer story: {c}', 'Launch messaging review', 'Field event in {o}', 'Competitive brief'],
  Legal: ['{c} MSA redlines', 'NDA for {c}', 'Data processing addendum', 'Contract review: {c} renewal'],
  Finance: [
    'Discount approval for {c}',
    'Deal structure: {c}',
    'Q{q} commission questions',
    'Budget check-in',
  ],
  Product: ['{c} feature request', 'Roadmap preview for {c}', 'Beta feedback', 'Product gap from {c}'],
  Engineering: ['Escalation: {c} integration', 'Technical deep dive for {c}', 'Security questionnaire'],
  'Customer Service': [
    '{c} onboarding status',
    'Renewal risk: {c}',
    'QBR prep: {c}',
    'Support escalation: {c}',
  ],
  HR: ['Team headcount plan', 'Performance review cycle', 'Offer approval'],
  Recruiting: ['Interview loop: AE candidate', 'Hiring plan for Q{q}', 'Candidate debrief'],
  Executives: ['Strategic account review: {c}', 'Board prep: sales update', 'Executive sponsor for {c}'],
  IT: ['Laptop refresh', 'CRM access request', 'VPN issue'],
  Operations: ['Quarterly business review logistics', 'Process change: approvals', 'OKR check-in'],
  Purchasing: ['Vendor onboarding: {c}', 'PO for event', 'Software renewal'],
  Sales: ['{c} opportunity strategy', 'Deal review: {c}', 'Account planning: {c}', 'Joint call prep: {c}'],
};
const CUSTOMERS = ['Fabrikam', 'Northwind', 'Adatum', 'Tailspin', 'Woodgrove', 'Litware', 'Proseware'];
const OFFICES = ['Seattle', 'New York', 'London', 'Chicago', 'Berlin'];

const monthIndex = (monthStarts: number[], t: number) => {
  let m = 0;
  while (m + 1 < monthStarts.length && monthStarts[m + 1]! <= t) m++;
  return m;
};

export function buildHistory(
  rng: Rng,
  dir: Directory,
  now: number,
  months: number,
  heavy: Set<number>,
): History {
  const people = dir.people;
  const members = people.map((p, i) => ({ p, i })).filter(({ p }) => p.user.userType === 'Member');
  const active = members.filter(({ p }) => p.user.accountEnabled);
  const idxById = new Map(people.map((p, i) => [p.user.id, i]));
  const managerOf = (i: number) => {
    const m = people[i]!.user.managerId;
    return m ? (idxById.get(m) ?? null) : null;
  };
  const reportsOf = new Map<number, number[]>();
  for (const { i } of members) {
    const m = managerOf(i);
    if (m !== null) reportsOf.set(m, [...(reportsOf.get(m) ?? []), i]);
  }
  const byFunction = new Map<FunctionName, number[]>();
  for (const { p, i } of active) byFunction.set(p.fn, [...(byFunction.get(p.fn) ?? []), i]);

  const end = Date.UTC(
    new Date(now).getUTCFullYear(),
    new Date(now).getUTCMonth(),
    new Date(now).getUTCDate(),
  );
  const start = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - (months - 1), 1);
  const monthStarts: number[] = [];
  for (let m = 0; m < months; m++)
    monthStarts.push(Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + m, 1));
  const firstWeek = mondayOf(start);
  const lastWeek = mondayOf(end + 3 * WEEK); // a few weeks of future meetings
  const weeks: number[] = [];
  for (let w = firstWeek; w <= lastWeek; w += WEEK) weeks.push(w);

  // ----- The truth: ties with a monthly strength series -----
  const ties: Tie[] = [];
  const tieKey = new Map<string, Tie>();
  const addTie = (
    a: number,
    b: number,
    base: number,
    trendWeights: [number, number, number, number],
    confounders: string[] = [],
  ) => {
    if (a === b) return;
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (tieKey.has(key)) return;
    const trend = (['stable', 'growing', 'cooling', 'never'] as const)[rng.weighted(trendWeights)]!;
    const turn = rng.int(Math.floor(months * 0.4), months - 3); // when a trend starts to show
    const monthly = Array.from({ length: months }, (_, m) => {
      const noise = 1 + (rng.next() - 0.5) * 0.2;
      let s = base;
      if (trend === 'never') s = 0;
      else if (trend === 'growing')
        s = m < turn ? base * 0.2 : base * (0.2 + (0.8 * (m - turn + 1)) / (months - turn));
      else if (trend === 'cooling')
        s = m < turn ? base : base * Math.max(0.05, 1 - (0.95 * (m - turn + 1)) / (months - turn));
      return Math.round(Math.min(1, Math.max(0, s * noise)) * 1000) / 1000;
    });
    const t: Tie = { a: Math.min(a, b), b: Math.max(a, b), monthly, trend, confounders };
    tieKey.set(key, t);
    ties.push(t);
  };
  for (const { p, i } of active) {
    const mgr = managerOf(i);
    if (mgr !== null) addTie(i, mgr, 0.7 + rng.next() * 0.25, [8, 1, 1, 0]);
    const peers = mgr !== null ? (reportsOf.get(mgr) ?? []).filter((x) => x !== i) : [];
    for (const q of peers) addTie(i, q, 0.15 + rng.next() * 0.4, [6, 2, 2, 0]);
    // Cross-functional stakeholders: sales roles depend on many functions, others on Sales.
    const wanted: Array<[FunctionName, number]> =
      p.fn === 'Sales' || p.fn === 'Executives'
        ? [
            ['Sales Ops', 2],
            ['Demand Gen/BDR', 2],
            ['Marketing', 1],
            ['Legal', 1],
            ['Finance', 1],
            ['Product', 1],
            ['Customer Service', 2],
            ['Engineering', 1],
            ['HR', 1],
            ['Recruiting', p.level <= 3 ? 1 : 0],
            ['Executives', p.level <= 3 ? 2 : 0],
            ['Operations', 1],
            ['IT', 1],
            ['Purchasing', p.level <= 3 ? 1 : 0],
          ]
        : [
            ['Sales', 3],
            [p.fn, 2],
            ['Customer Service', 1],
            ['Finance', 1],
            ['Product', 1],
          ];
    for (const [fn, count] of wanted) {
      const pool = (byFunction.get(fn) ?? []).filter((x) => x !== i);
      for (let k = 0; k < count && pool.length; k++) {
        const q = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
        addTie(i, q, 0.08 + rng.next() * 0.55, [5, 2, 2, 1.5]);
      }
    }
  }
  const tiesOf = new Map<number, Tie[]>();
  for (const t of ties) {
    tiesOf.set(t.a, [...(tiesOf.get(t.a) ?? []), t]);
    tiesOf.set(t.b, [...(tiesOf.get(t.b) ?? []), t]);
  }

  // ----- Out-of-office weeks -----
  const ooo = people.map((p) => {
    const set = new Set<number>();
    if (p.user.userType !== 'Member') return set;
    const n = rng.int(1, 3);
    for (let k = 0; k < n; k++) set.add(weeks[rng.int(0, weeks.length - 4)]!);
    return set;
  });
  const newHireFrom = people.map((p) => (p.newHire ? end - 35 * DAY : 0));
  const available = (i: number, week: number) =>
    i >= EXT ? true : !ooo[i]!.has(week) && week + WEEK > newHireFrom[i]!;

  const events: PlannedEvent[] = [];
  const messages: PlannedMessage[] = [];
  let uid = 1;
  let conversation = 1;
  const when = (person: number, week: number, dayOffset: number, hour: number, minute = 0) => {
    const p = people[person >= EXT ? 0 : person]!;
    return localToUtc(p.zone, week + dayOffset * DAY, hour, minute);
  };
  const respond = (strength: number): PlannedEvent['responses'][number] => {
    const r = rng.next();
    if (r < 0.05 + (1 - strength) * 0.08) return 'declined';
    if (r < 0.15) return 'tentativelyAccepted';
    if (r < 0.25) return 'none';
    return 'accepted';
  };
  type EventDefaults = 'seriesMaster' | 'isSeriesMaster' | 'isAllDay' | 'isCancelled' | 'showAs' | 'online';
  const addEvent = (
    e: Omit<PlannedEvent, 'uid' | 'responses' | 'created' | EventDefaults> &
      Partial<Pick<PlannedEvent, EventDefaults>> & {
        strength?: number;
        responses?: PlannedEvent['responses'];
      },
  ) => {
    const ev: PlannedEvent = {
      seriesMaster: null,
      isSeriesMaster: false,
      isAllDay: false,
      isCancelled: false,
      showAs: 'busy',
      online: true,
      ...e,
      uid: uid++,
      responses: e.responses ?? e.attendees.map((a) => (a >= EXT ? 'none' : respond(e.strength ?? 0.6))),
      created: e.start - rng.int(1, 14) * DAY,
    };
    events.push(ev);
    return ev;
  };
  const recurring = (opts: {
    kind: string;
    subject: string;
    organizer: number;
    attendees: number[];
    day: number;
    hour: number;
    minutes: number;
    everyWeeks: number;
    strengthOf?: (week: number) => number;
  }) => {
    const master = addEvent({
      kind: opts.kind,
      subject: opts.subject,
      start: when(opts.organizer, weeks[0]!, opts.day, opts.hour),
      minutes: opts.minutes,
      organizer: opts.organizer,
      attendees: opts.attendees,
      seriesMaster: null,
      isSeriesMaster: true,
      isAllDay: false,
      isCancelled: false,
      showAs: 'busy',
      online: true,
    });
    weeks.forEach((week, w) => {
      if (w % opts.everyWeeks !== 0) return;
      const strength = opts.strengthOf?.(week) ?? 0.6;
      // Weak or cooling relationships let recurring meetings lapse: cancelled occurrences.
      const cancelled = !available(opts.organizer, week) || rng.chance(0.04 + (1 - strength) * 0.25);
      addEvent({
        kind: opts.kind,
        subject: opts.subject,
        start: when(opts.organizer, week, opts.day, opts.hour),
        minutes: opts.minutes,
        organizer: opts.organizer,
        attendees: opts.attendees,
        seriesMaster: master.uid,
        isSeriesMaster: false,
        isAllDay: false,
        isCancelled: cancelled,
        showAs: 'busy',
        online: true,
        strength,
      });
    });
  };
  const strengthAt = (t: Tie, time: number) =>
    t.monthly[Math.min(Math.max(0, monthIndex(monthStarts, time)), months - 1)]!;

  // ----- Confounders: team meetings, all-hands, pipeline review -----
  for (const [mgr, reports] of reportsOf) {
    if (!people[mgr]!.user.accountEnabled) continue;
    const team = reports.filter((r) => people[r]!.user.accountEnabled);
    if (team.length)
      recurring({
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
      const t = tieKey.get(r < mgr ? `${r}:${mgr}` : `${mgr}:${r}`);
      recurring({
        kind: 'one-on-one',
        subject: `${people[mgr]!.user.givenName} / ${people[r]!.user.givenName} 1:1`,
        organizer: mgr,
        attendees: [r],
        day: rng.int(0, 4),
        hour: rng.int(9, 15),
        minutes: 30,
        everyWeeks: 1,
        strengthOf: (w) => (t ? strengthAt(t, w) : 0.6),
      });
    }
  }
  const everyone = active.map(({ i }) => i).filter((i) => i !== 0);
  recurring({
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
    recurring({
      kind: 'pipeline-review',
      subject: 'Weekly pipeline review',
      organizer: cro,
      attendees: leaders.filter((i) => i !== cro),
      day: 0,
      hour: 11,
      minutes: 60,
      everyWeeks: 1,
    });

  // ----- Ties: meetings, lunches and mail threads from the month's strength -----
  const topicFor = (fn: FunctionName) => {
    const t = rng.pick(TOPICS[fn] ?? TOPICS.Sales!);
    return t
      .replace('{c}', rng.pick(CUSTOMERS))
      .replace('{o}', rng.pick(OFFICES))
      .replace('{q}', String(rng.int(1, 4)));
  };
  const sameTeamOrManager = (t: Tie) => managerOf(t.a) === t.b || managerOf(t.b) === t.a;
  const assistantFor = new Map(
    people.flatMap((p, i) => (p.assistantOf !== null ? [[p.assistantOf, i] as const] : [])),
  );
  for (const t of ties) {
    const deptMates = (i: number) =>
      active.filter(({ p }) => p.user.department === people[i]!.user.department).map(({ i: j }) => j);
    for (const week of weeks) {
      if (week > end) break;
      if (!available(t.a, week) || !available(t.b, week)) continue;
      const s = strengthAt(t, week);
      if (s <= 0) continue;
      // Meetings beyond manager 1:1s (which are recurring above).
      const meetings = sameTeamOrManager(t) ? 0 : rng.poisson(s * 0.55);
      for (let k = 0; k < meetings; k++) {
        const organizer = rng.chance(0.5) ? t.a : t.b;
        const other = organizer === t.a ? t.b : t.a;
        const extra = rng.chance(0.3)
          ? [rng.pick(deptMates(organizer))].filter((x) => x !== other && x !== organizer)
          : [];
        addEvent({
          kind: extra.length ? 'small-meeting' : 'one-on-one',
          subject: topicFor(people[other]!.fn),
          start: when(organizer, week, rng.int(0, 4), rng.int(9, 16), rng.chance(0.5) ? 30 : 0),
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
        addEvent({
          kind: rng.chance(0.5) ? 'lunch' : 'coffee',
          subject: rng.chance(0.5) ? 'Lunch' : 'Coffee',
          start: when(organizer, week, rng.int(0, 4), 12),
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
        const subject = topicFor(people[other]!.fn);
        const cc = rng.chance(0.3)
          ? rng
              .shuffle(deptMates(starter).filter((x) => x !== starter && x !== other))
              .slice(0, rng.int(1, 4))
          : [];
        let time = when(starter, week, rng.int(0, 4), rng.int(8, 17), rng.int(0, 59));
        const conv = conversation++;
        // Replies are likelier in strong ties (reciprocity), and come faster.
        const replies = rng.poisson(0.4 + s * 2.2);
        let from = starter;
        let to = other;
        for (let r = 0; r <= replies; r++) {
          const sender = assistantFor.has(from) && rng.chance(0.35) ? assistantFor.get(from)! : from;
          messages.push({
            uid: uid++,
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

  // ----- Customers: meetings and mail with externals; internal staff brought along -----
  const externals = dir.externals;
  for (const { p, i } of active) {
    if (!(p.fn === 'Sales' || p.fn === 'Customer Service' || p.level <= 1)) continue;
    const accounts = rng.shuffle(externals.map((_, k) => k)).slice(0, 6);
    for (const week of weeks) {
      if (!available(i, week)) continue;
      for (let k = rng.poisson(p.fn === 'Sales' ? 2 : 0.6); k > 0; k--) {
        const ext = EXT + rng.pick(accounts);
        const helper = rng.chance(0.25)
          ? rng.pick([...(byFunction.get('Product') ?? []), ...(byFunction.get('Engineering') ?? [])])
          : null;
        addEvent({
          kind: 'customer',
          subject: `${externals[ext - EXT]!.org}: ${rng.pick(['discovery call', 'demo', 'QBR', 'negotiation', 'kickoff'])}`,
          start: when(i, week, rng.int(0, 4), rng.int(9, 16)),
          minutes: rng.pick([30, 60]),
          organizer: i,
          attendees: [ext, ...(helper !== null ? [helper] : [])],
        });
      }
      if (week > end) continue;
      for (let k = rng.poisson(p.fn === 'Sales' ? 6 : 2); k > 0; k--) {
        const ext = EXT + rng.pick(accounts);
        const outbound = rng.chance(0.5);
        messages.push({
          uid: uid++,
          conversation: conversation++,
          subject: `${externals[ext - EXT]!.org} — ${rng.pick(['proposal', 'next steps', 'pricing', 'follow-up', 'contract'])}`,
          from: outbound ? i : ext,
          sender: outbound ? i : ext,
          to: [outbound ? ext : i],
          cc: [],
          sent: when(i, week, rng.int(0, 4), rng.int(8, 18), rng.int(0, 59)),
          kind: 'external',
        });
      }
    }
  }

  // ----- Every calendar: focus blocks, out-of-office; every inbox: newsletters and notifications -----
  for (const { p, i } of active) {
    for (const week of weeks) {
      if (ooo[i]!.has(week)) {
        addEvent({
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
        addEvent({
          kind: 'focus',
          subject: 'Focus time',
          start: when(i, week, rng.int(0, 4), 14),
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
      if (week > end) continue;
      messages.push({
        uid: uid++,
        conversation: conversation++,
        subject: 'This week at Contoso',
        from: -1,
        sender: -1,
        to: [i],
        cc: [],
        sent: when(i, week, 4, 9),
        kind: 'newsletter',
        systemSender: { name: 'Contoso Communications', address: `news@${dir.domain}` },
      });
      const notifications = heavy.has(i) ? 700 : rng.poisson(p.fn === 'Sales' ? 6 : 3);
      for (let k = 0; k < notifications; k++) {
        messages.push({
          uid: uid++,
          conversation: conversation++,
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
          sent: when(i, week, rng.int(0, 4), rng.int(0, 23), rng.int(0, 59)),
          kind: 'notification',
          systemSender: { name: 'Contoso Notifications', address: `noreply@${dir.domain}` },
        });
      }
      if (heavy.has(i)) {
        // A heavy mailbox: a packed calendar of short syncs and big meetings, and busy CC traffic.
        for (let d = 0; d < 5; d++) {
          for (let k = 0; k < 24; k++) {
            const other = rng.pick(active).i;
            if (other === i) continue;
            addEvent({
              kind: 'sync',
              subject: 'Quick sync',
              start: when(i, week, d, 8 + Math.floor(k / 2), (k % 2) * 30),
              minutes: 15,
              organizer: rng.chance(0.5) ? i : other,
              attendees: [rng.chance(0.5) ? other : i].filter((x) => x !== undefined),
            });
          }
        }
        for (let k = 0; k < 350; k++) {
          const from = rng.pick(active).i;
          messages.push({
            uid: uid++,
            conversation: conversation++,
            subject: topicFor(p.fn),
            from,
            sender: from,
            to: [rng.pick(active).i],
            cc: [i],
            sent: when(i, week, rng.int(0, 4), rng.int(7, 19), rng.int(0, 59)),
            kind: 'cc',
          });
        }
      }
    }
  }

  // Organizer-only fix-up: an event's attendee list never contains its organizer.
  for (const e of events) {
    if (e.attendees.includes(e.organizer)) {
      const keep = e.attendees
        .map((a, k) => [a, e.responses[k]!] as const)
        .filter(([a]) => a !== e.organizer);
      e.attendees = keep.map(([a]) => a);
      e.responses = keep.map(([, r]) => r);
    }
  }

  const eventsOf: number[][] = people.map(() => []);
  events.forEach((e, k) => {
    if (e.organizer < EXT) eventsOf[e.organizer]!.push(k);
    for (const a of e.attendees) if (a < EXT) eventsOf[a]!.push(k);
  });
  const messagesOf: number[][] = people.map(() => []);
  messages.forEach((m, k) => {
    const seen = new Set<number>();
    for (const x of [m.sender, m.from, ...m.to, ...m.cc]) {
      if (x >= 0 && x < EXT && !seen.has(x)) {
        seen.add(x);
        messagesOf[x]!.push(k);
      }
    }
  });
  return { ties, events, messages, eventsOf, messagesOf, monthStarts };
}
