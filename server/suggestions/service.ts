import type { Client } from '@microsoft/microsoft-graph-client';
import type { Kysely } from 'kysely';
import type {
  BringSuggestion,
  InvitePreview,
  MeetingBringResponse,
  SentInvite,
  SuggestedPerson,
  Suggestion,
  SuggestionKind,
  SuggestionsResponse,
} from '../../contract';
import { domainOf, isInternalAddress } from '../domain/address';
import { GET_SCHEDULE_MAX_PEOPLE as GET_SCHEDULE_BATCH } from '../graph/urls';
import type { GraphScheduleInformation, GraphTrackedEvent } from '../graph/schemas';
import type { RelationshipMap } from '../insights/map';
import { getUserSettings } from '../settings/userSettings';
import type { Schema } from '../store/schema';
import { bringCandidates } from './bring';
import {
  calendarWindow,
  createEvent,
  forwardEvent,
  mailboxLimit,
  readSchedules,
  setAttendees,
} from './calendar';
import {
  askedCandidate,
  DURATION_MINUTES,
  type PersonFacts,
  type SuggestionCandidate,
  suggestionCandidates,
} from './candidates';
import {
  dateTimeIn,
  eventBody,
  happened,
  invitePreview,
  RAPPORT_CATEGORY,
  responseOf,
  transactionIdFor,
} from './invite';
import { coolDownUntil, type Refusal, suggestable } from './limits';
import * as repo from './repository';
import { ianaNameOf, personSchedule, zoneOf } from './schedule';
import { freeSlots, type PersonSchedule, spreadSlots } from './slots';
import { addDays, utcOf, wallTime, type Zone } from './zone';

/**
 * Suggested invites, end to end: who is due (the map), when both are free (getSchedule), what
 * protects colleagues (PostgreSQL), what is sent (Graph, as the user) and how it was answered.
 * One run reads every schedule it needs in ⌈people/20⌉ requests plus one calendar window.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Proposals shown in a week. */
export const WEEKLY_PROPOSALS = 6;
/** People whose schedules one run reads (the user besides): the stakeholders of a busy user. */
export const MAX_SCHEDULES = 200;
const HORIZON_DAYS = 14;
/** Past invites are re-read while their meeting is this recent. */
const TRACK_BACK_DAYS = 14;
/** A view re-reads the answers when the last look is older than this. */
const TRACK_EVERY_MS = 5 * MINUTE;
const DEFAULT_LUNCH = { start: '11:30', end: '13:30' };
/** The local start a person would pick first, per kind: mid-morning coffee, noon lunch. */
const PREFERRED_START: Record<SuggestionKind, number> = {
  lunch: 12 * 60,
  virtualCoffee: 10 * 60,
  coffee: 10 * 60,
  oneOnOne: 10 * 60,
  mentorChat: 15 * 60,
};

const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** A refusal the API turns into its problem: the code, and a sentence for the user. */
export class SuggestionRefusal extends Error {
  constructor(
    readonly code: Refusal | 'slot_taken' | 'not_found' | 'no_schedule' | 'not_suggestable',
    message: string,
  ) {
    super(message);
    this.name = 'SuggestionRefusal';
  }
}

interface UserContext {
  map: RelationshipMap;
  settings: Awaited<ReturnType<typeof getUserSettings>>;
  owner: { address: string; displayName: string; officeLocation: string | null };
  domains: string[];
  zone: Zone;
  zoneName: string;
  ianaName: string;
  week: string;
  weekStart: Date;
}

export interface SuggestionsDeps {
  db: Kysely<Schema>;
  /** The user's relationship map (the insights service, cached). */
  map: (tid: string, oid: string) => Promise<RelationshipMap>;
  clock?: () => Date;
}

export class SuggestionsService {
  private readonly db: Kysely<Schema>;
  private readonly now: () => Date;
  constructor(private readonly deps: SuggestionsDeps) {
    this.db = deps.db;
    this.now = deps.clock ?? (() => new Date());
  }

  /** The user's zone from their synced mailbox settings (UTC until known), and this week. */
  private async context(
    tid: string,
    oid: string,
    zoneHint?: { zone: Zone; name: string },
  ): Promise<UserContext> {
    const [map, settings, me, mailbox, domains] = await Promise.all([
      this.deps.map(tid, oid),
      getUserSettings(this.db, tid, oid),
      this.db
        .selectFrom('directory_people')
        .select(['mail', 'user_principal_name', 'display_name', 'office_location'])
        .where('tid', '=', tid)
        .where('id', '=', oid)
        .executeTakeFirst(),
      this.db
        .selectFrom('mailbox_settings')
        .select('time_zone')
        .where('tid', '=', tid)
        .where('oid', '=', oid)
        .executeTakeFirst(),
      this.db.selectFrom('tenant_domains').select('domain').where('tid', '=', tid).execute(),
    ]);
    const zoneName = zoneHint?.name ?? mailbox?.time_zone ?? 'UTC';
    const zone = zoneHint?.zone ?? zoneOf({ name: zoneName }) ?? zoneOf({ name: 'UTC' })!;
    return this.inZone(
      {
        map,
        settings,
        owner: {
          address: (me?.mail ?? me?.user_principal_name ?? '').toLowerCase(),
          displayName: me?.display_name ?? map.owner.displayName ?? 'Your colleague',
          officeLocation: me?.office_location ?? null,
        },
        domains: domains.map((d) => d.domain),
      },
      zone,
      zoneName,
    );
  }

  /** The user's week in a zone: its Monday (a local date) and that Monday's midnight. */
  private inZone(
    base: Pick<UserContext, 'map' | 'settings' | 'owner' | 'domains'>,
    zone: Zone,
    zoneName: string,
  ): UserContext {
    const today = wallTime(zone, this.now().getTime());
    const week = addDays(today.date, -((today.weekday + 6) % 7));
    return {
      ...base,
      zone,
      zoneName,
      ianaName: ianaNameOf({ name: zoneName }) ?? 'UTC',
      week,
      weekStart: new Date(utcOf(zone, week)),
    };
  }

  /** Directory facts for addresses the map does not carry. */
  private async directoryFacts(
    tid: string,
    addresses: string[],
    map: RelationshipMap,
  ): Promise<Map<string, PersonFacts>> {
    const out = new Map<string, PersonFacts>();
    if (addresses.length === 0) return out;
    const rows = await this.db
      .selectFrom('directory_people')
      .select(['id', 'mail', 'addresses', 'display_name', 'job_title', 'department', 'office_location'])
      .where('tid', '=', tid)
      .where('kind', '=', 'member')
      .where((eb) => eb.or([eb('mail', 'in', addresses), eb('user_principal_name', 'in', addresses)]))
      .execute();
    const fnOf = new Map(map.people.map((p) => [p.address.toLowerCase(), p.function]));
    for (const r of rows) {
      const address = (r.mail ?? '').toLowerCase();
      const leaderFn = map.functions.find(
        (f) =>
          f.leader?.counterpart.toLowerCase() === address ||
          f.candidates.some((c) => c.address.toLowerCase() === address),
      )?.name;
      out.set(address, {
        address,
        id: r.id,
        displayName: r.display_name ?? address,
        jobTitle: r.job_title,
        officeLocation: r.office_location,
        function:
          fnOf.get(address) ??
          leaderFn ??
          (map.mentors.some((m) => m.address?.toLowerCase() === address) ? 'Executives' : 'Other'),
        relation: null,
        tier: map.mentors.some((m) => m.address?.toLowerCase() === address) ? 'leadership' : 'peer',
      });
    }
    return out;
  }

  /** The people a run considers, in order, without the opted-out, the held and the cooling-down. */
  private async candidates(
    tid: string,
    oid: string,
    ctx: UserContext,
  ): Promise<{ candidates: SuggestionCandidate[]; prefs: Awaited<ReturnType<typeof repo.colleaguePrefs>> }> {
    const m = ctx.map;
    const extra = [
      ...m.functions.flatMap((f) => [
        ...f.candidates.map((c) => c.address),
        ...(f.leader ? [f.leader.counterpart] : []),
      ]),
      ...m.mentors.flatMap((x) => (x.address ? [x.address] : [])),
    ].map((a) => a.toLowerCase());
    const facts = await this.directoryFacts(tid, [...new Set(extra)], m);
    const all = suggestionCandidates({
      map: m,
      ownerOffice: ctx.owner.officeLocation,
      lookup: (a) => facts.get(a) ?? null,
    });
    const now = this.now();
    const [prefs, held, history] = await Promise.all([
      repo.colleaguePrefs(
        this.db,
        tid,
        all.flatMap((c) => (c.person.id ? [c.person.id] : [])),
        all.map((c) => c.person.address),
      ),
      repo.holds(this.db, tid, oid, now),
      repo.inviteHistory(this.db, tid, oid),
    ]);
    const excluded = new Set(ctx.settings.excludedPeople);
    const candidates = all.filter((c) => {
      const a = c.person.address;
      if (a === ctx.owner.address || excluded.has(a) || held.has(a)) return false;
      if (!isInternalAddress(a, ctx.domains)) return false;
      const p = (c.person.id ? prefs.byId.get(c.person.id) : undefined) ?? prefs.byAddress.get(a);
      return suggestable({
        now: now.getTime(),
        optedOut: p?.optedOut ?? false,
        coolDownUntil: coolDownUntil(history.get(a) ?? []),
      });
    });
    return { candidates, prefs };
  }

  /** The search window: from the user's next working day (minimum notice) for two weeks. */
  private horizon(me: PersonSchedule): { from: number; to: number } {
    const now = this.now().getTime();
    let date = addDays(wallTime(me.zone, now).date, 1);
    for (let i = 0; i < 7; i++) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (me.workingDays.has(weekday)) break;
      date = addDays(date, 1);
    }
    const from = utcOf(me.zone, date);
    return { from, to: from + HORIZON_DAYS * DAY };
  }

  private lunchWindow(w: { start: string; end: string }) {
    return { start: hm(w.start), end: hm(w.end) };
  }

  /** Local dates on which the user already has a Rapport lunch that still stands. */
  private async lunchDays(tid: string, oid: string, zone: Zone): Promise<Set<string>> {
    return lunchDaysOf(
      await repo.invitesSince(this.db, tid, oid, new Date(this.now().getTime() - 60 * DAY)),
      zone,
    );
  }

  private slotsFor(
    me: PersonSchedule,
    them: PersonSchedule,
    kind: SuggestionKind,
    span: { from: number; to: number },
    lunchDays: Set<string>,
    avoid?: ReadonlySet<number>,
  ): Array<{ start: number; end: number }> {
    const lunch = kind === 'lunch';
    return spreadSlots(
      freeSlots({
        people: [me, them],
        from: span.from,
        to: span.to,
        durationMinutes: DURATION_MINUTES[kind],
        lunch,
        excludeDates: lunch ? lunchDays : undefined,
      }),
      me.zone,
      3,
      { preferMinutes: PREFERRED_START[kind], avoid },
    );
  }

  private preview(
    ctx: UserContext,
    kind: SuggestionKind,
    person: { address: string; displayName: string },
  ): InvitePreview {
    return invitePreview({
      kind,
      owner: { displayName: ctx.owner.displayName, officeLocation: ctx.owner.officeLocation },
      colleague: person,
      timeZone: ctx.zoneName,
    });
  }

  /**
   * Prepares the week: reads the schedules of the user and up to 200 people (candidates first,
   * then the other stakeholders, who may be brought to meetings with customers) and the calendar
   * window, records the answers to earlier invites, and keeps the week's proposals and the
   * colleagues to bring. Sends them when the user turned auto-send on, within the budget.
   */
  async prepare(tid: string, oid: string, graph: Client): Promise<void> {
    let ctx = await this.context(tid, oid);
    const now = this.now().getTime();
    // The first two weeks from the next working day, and the fortnight behind for answers.
    const roughFrom = utcOf(ctx.zone, addDays(wallTime(ctx.zone, now).date, 1));
    const scheduleTo = roughFrom + (HORIZON_DAYS + 4) * DAY;
    // One mailbox, four requests at a time. The calendar window needs no candidates: it goes now,
    // while the database says who they are.
    const mailbox = mailboxLimit();
    const eventsRead = mailbox(() => calendarWindow(graph, now - TRACK_BACK_DAYS * DAY, scheduleTo));
    eventsRead.catch(() => undefined); // awaited below; a failure is not unhandled meanwhile
    const [{ candidates, prefs }, invites] = await Promise.all([
      this.candidates(tid, oid, ctx),
      repo.invitesSince(this.db, tid, oid, new Date(now - 120 * DAY)),
    ]);
    const stakeholders = ctx.map.people
      .filter((p) => p.stakeholder?.status === 'accepted')
      .map((p) => p.address.toLowerCase());
    const people = [...new Set([...candidates.map((c) => c.person.address), ...stakeholders])]
      .filter((a) => a !== ctx.owner.address)
      .slice(0, MAX_SCHEDULES);
    const stakeholderPeople = ctx.map.people.filter((p) => p.stakeholder?.status === 'accepted');
    const [events, schedules, stakeholderPrefs] = await Promise.all([
      eventsRead,
      readSchedules(graph, [ctx.owner.address, ...people], roughFrom, scheduleTo, mailbox),
      // Whom bring-a-colleague may name: never a colleague who opted out.
      repo.colleaguePrefs(
        this.db,
        tid,
        stakeholderPeople.flatMap((p) => (p.id ? [p.id] : [])),
        stakeholderPeople.map((p) => p.address),
      ),
    ]);
    const optedOut = (address: string) => {
      const id = stakeholderPeople.find((p) => p.address.toLowerCase() === address)?.id;
      return Boolean(
        ((id ? stakeholderPrefs.byId.get(id) : undefined) ?? stakeholderPrefs.byAddress.get(address))
          ?.optedOut,
      );
    };
    const answered = this.recordAnswers(tid, oid, events, invites);
    const mine = schedules.get(ctx.owner.address);
    const settings = ctx.settings;
    const me = mine ? personSchedule(mine, this.lunchWindow(settings.lunchWindow)) : null;
    if (!me || !mine?.workingHours) {
      await answered;
      await repo.replaceWeek(this.db, tid, oid, ctx.week, []);
      await repo.saveRun(this.db, tid, oid, {
        week: ctx.week,
        timeZone: ctx.ianaName,
        notice: 'Your free/busy could not be read, so no times can be proposed. Try again later.',
        prepared: true,
        at: new Date(now),
      });
      return;
    }
    // The user's own mailbox zone is the truth for their week from here on.
    ctx = this.inZone(ctx, me.zone, zoneNameOf(mine) ?? ctx.zoneName);
    const span = this.horizon(me);
    const lunchDays = lunchDaysOf(invites, me.zone);
    const excludedPeople = new Set(settings.excludedPeople);
    const rows: Parameters<typeof repo.replaceWeek>[4] = [];
    const offered = new Set<number>();
    for (const c of candidates) {
      if (rows.length >= WEEKLY_PROPOSALS) break;
      const info = schedules.get(c.person.address);
      const p =
        (c.person.id ? prefs.byId.get(c.person.id) : undefined) ?? prefs.byAddress.get(c.person.address);
      const them = info ? personSchedule(info, this.lunchWindow(p?.lunchWindow ?? DEFAULT_LUNCH)) : null;
      if (!them) continue; // no schedule: not suggested rather than guessed about
      let kind = c.kind;
      let slots = this.slotsFor(me, them, kind, span, lunchDays, offered);
      if (slots.length === 0 && kind === 'lunch') {
        kind = 'coffee'; // no lunch fits in two weeks: a coffee in the office may
        slots = this.slotsFor(me, them, kind, span, lunchDays, offered);
      }
      if (slots.length === 0) continue;
      for (const x of slots) offered.add(x.start);
      rows.push(this.row(ctx, c, kind, slots, info!, rows.length));
    }
    await Promise.all([
      answered,
      repo.replaceWeek(this.db, tid, oid, ctx.week, rows),
      repo.replaceBring(
        this.db,
        tid,
        oid,
        ctx.week,
        bringCandidates({
          events,
          now,
          horizonEnd: now + HORIZON_DAYS * DAY,
          domains: ctx.domains,
          ownerAddress: ctx.owner.address,
          ownerFunction: ctx.map.owner.function,
          people: ctx.map.people,
          schedule: (address) => {
            const info = schedules.get(address);
            return info ? personSchedule(info, this.lunchWindow(DEFAULT_LUNCH)) : null;
          },
          excluded: (address) => optedOut(address) || excludedPeople.has(address),
        }),
      ),
    ]);
    await repo.saveRun(this.db, tid, oid, {
      week: ctx.week,
      timeZone: ctx.ianaName,
      notice: rows.length
        ? null
        : candidates.length
          ? 'No mutual free time in the next two weeks with the people who are due.'
          : 'No one is due: every stakeholder is within their cadence.',
      prepared: true,
      at: new Date(now),
    });
    if (settings.autoSend) await this.autoSend(tid, oid, graph, ctx);
  }

  private row(
    ctx: UserContext,
    c: SuggestionCandidate,
    kind: SuggestionKind,
    slots: Array<{ start: number; end: number }>,
    info: GraphScheduleInformation,
    rank: number,
  ) {
    const person: SuggestedPerson = {
      address: c.person.address,
      id: c.person.id,
      displayName: c.person.displayName,
      jobTitle: c.person.jobTitle,
      officeLocation: c.person.officeLocation,
      function: c.person.function,
    };
    return {
      address: c.person.address,
      person,
      kind,
      source: c.source,
      why: c.why,
      durationMinutes: DURATION_MINUTES[kind],
      slots: slots.map((s) => ({
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
      })),
      theirTimeZone: info.workingHours ? ianaNameOf(info.workingHours.timeZone) : null,
      preview: this.preview(ctx, kind, person),
      rank,
    };
  }

  /** Auto-send: the week's first proposals on their first slot, as far as the budget goes. */
  private async autoSend(tid: string, oid: string, graph: Client, ctx: UserContext): Promise<void> {
    const used = await repo.sentSince(this.db, tid, oid, ctx.weekStart);
    let left = ctx.settings.weeklyInviteBudget - used;
    for (const s of await repo.weekSuggestions(this.db, tid, oid, ctx.week)) {
      if (left <= 0) break;
      if (s.state !== 'proposed' || !s.slots[0]) continue;
      try {
        await this.send(tid, oid, graph, s.id, s.slots[0].start, { auto: true });
        left--;
      } catch (err) {
        if (!(err instanceof SuggestionRefusal)) throw err;
      }
    }
  }

  /** The answers on the organiser's copies of Rapport's invites, and whether each took place. */
  private async recordAnswers(
    tid: string,
    oid: string,
    events: GraphTrackedEvent[],
    known?: repo.InviteRow[],
  ): Promise<void> {
    const now = this.now();
    const invites =
      known ?? (await repo.invitesSince(this.db, tid, oid, new Date(now.getTime() - 120 * DAY)));
    const byId = new Map(events.map((e) => [e.id, e]));
    const byTx = new Map(events.flatMap((e) => (e.transactionId ? [[e.transactionId, e] as const] : [])));
    const windowFrom = now.getTime() - TRACK_BACK_DAYS * DAY;
    for (const i of invites) {
      if (i.end.getTime() < windowFrom) continue; // settled: outside the window read
      const event = (i.eventId ? byId.get(i.eventId) : undefined) ?? byTx.get(i.transactionId) ?? null;
      if (i.state === 'sending' && !event) continue; // not created (yet): the retry will tell
      const { response, proposedStart } = responseOf(event, i.address);
      await repo.markInvite(this.db, tid, oid, i.id, {
        ...(i.state === 'sending' && event ? { state: 'sent' as const, eventId: event.id } : {}),
        response,
        proposedStart: proposedStart ? new Date(proposedStart) : null,
        happened: happened(response, i.end.getTime(), now.getTime()),
        checkedAt: now,
      });
    }
  }

  /** Re-reads the calendar window for the answers (one request). */
  async track(tid: string, oid: string, graph: Client): Promise<void> {
    const now = this.now().getTime();
    const events = await calendarWindow(graph, now - TRACK_BACK_DAYS * DAY, now + (HORIZON_DAYS + 14) * DAY);
    await this.recordAnswers(tid, oid, events);
    const ctx = await this.context(tid, oid);
    await repo.saveRun(this.db, tid, oid, {
      week: ctx.week,
      timeZone: ctx.ianaName,
      notice: null,
      prepared: false,
      at: new Date(now),
    });
  }

  /**
   * What the Suggestions view shows. Prepares the week on its first look; afterwards re-reads the
   * answers when the last look is a few minutes old.
   */
  async view(
    tid: string,
    oid: string,
    graph: () => Promise<Client>,
    o: { refresh?: boolean } = {},
  ): Promise<SuggestionsResponse> {
    let ctx = await this.context(tid, oid);
    let run = await repo.run(this.db, tid, oid, ctx.week);
    if (!run || o.refresh) {
      await this.prepare(tid, oid, await graph());
      ctx = await this.context(tid, oid);
      run = await repo.run(this.db, tid, oid, ctx.week);
    } else if (this.now().getTime() - run.trackedAt.getTime() > TRACK_EVERY_MS) {
      await this.track(tid, oid, await graph());
    }
    const now = this.now();
    const [rows, bring, invites, used] = await Promise.all([
      repo.weekSuggestions(this.db, tid, oid, ctx.week),
      repo.bringList(this.db, tid, oid, now),
      repo.invitesSince(this.db, tid, oid, new Date(now.getTime() - 56 * DAY)),
      repo.sentSince(this.db, tid, oid, ctx.weekStart),
    ]);
    const weekly = ctx.settings.weeklyInviteBudget;
    return {
      weekOf: ctx.weekStart.toISOString(),
      preparedAt: run ? run.preparedAt.toISOString() : null,
      timeZone: run?.timeZone ?? ctx.ianaName,
      budget: { weekly, used, remaining: Math.max(0, weekly - used) },
      autoSend: ctx.settings.autoSend,
      suggestions: rows
        .filter((r) => r.state === 'proposed' || (r.state === 'snoozed' && r.snoozedUntil !== null))
        .map((r) => this.toSuggestion(r, now)),
      bring: bring.map(toBring),
      sent: invites.map(toSent),
      notice: run?.notice ?? null,
    };
  }

  private toSuggestion(r: repo.SuggestionRow, now: Date): Suggestion {
    const snoozed = r.state === 'snoozed' && r.snoozedUntil !== null && r.snoozedUntil > now;
    return {
      id: r.id,
      person: r.person as SuggestedPerson,
      kind: r.kind as SuggestionKind,
      source: r.source as Suggestion['source'],
      why: r.why,
      durationMinutes: r.durationMinutes,
      slots: r.slots.filter((s) => Date.parse(s.start) > now.getTime()),
      theirTimeZone: r.theirTimeZone,
      preview: r.preview as InvitePreview,
      state: snoozed ? 'snoozed' : 'proposed',
      snoozedUntil: snoozed ? r.snoozedUntil!.toISOString() : null,
    };
  }

  private async suggestion(tid: string, oid: string, id: string): Promise<repo.SuggestionRow> {
    const s = await repo.suggestionById(this.db, tid, oid, id);
    if (!s || s.state === 'dismissed')
      throw new SuggestionRefusal('not_found', 'This suggestion is no longer there.');
    return s;
  }

  /** The person's and the user's schedules now, over [from, to). */
  private async pairSchedule(
    tid: string,
    oid: string,
    graph: Client,
    ctx: UserContext,
    address: string,
    from: number,
    to: number,
  ) {
    const schedules = await readSchedules(graph, [ctx.owner.address, address], from, to);
    const mine = schedules.get(ctx.owner.address);
    const theirs = schedules.get(address);
    const prefs = await repo.colleaguePrefs(this.db, tid, [], [address]);
    const me = mine ? personSchedule(mine, this.lunchWindow(ctx.settings.lunchWindow)) : null;
    const them = theirs
      ? personSchedule(theirs, this.lunchWindow(prefs.byAddress.get(address)?.lunchWindow ?? DEFAULT_LUNCH))
      : null;
    void oid;
    return { me, them, mine, theirs };
  }

  /**
   * Sends the invite for one of the suggestion's slots. A retry of the same slot is the same invite
   * (its transactionId); otherwise the slot is checked again for both people, the budget and caps
   * are claimed in PostgreSQL, and only then is the event created.
   */
  async send(
    tid: string,
    oid: string,
    graph: Client,
    id: string,
    startIso: string,
    o: { auto?: boolean } = {},
  ): Promise<{ invite: SentInvite; budget: { weekly: number; used: number; remaining: number } }> {
    const ctx = await this.context(tid, oid);
    const s = await this.suggestion(tid, oid, id);
    const slot = s.slots.find((x) => Date.parse(x.start) === Date.parse(startIso));
    const start = Date.parse(startIso);
    const transactionId = transactionIdFor(tid, oid, s.id, start);
    const earlier = await repo.inviteByTransaction(this.db, tid, oid, transactionId);
    if (!earlier || earlier.state === 'failed') {
      if (s.state === 'sent') throw new SuggestionRefusal('not_found', 'This suggestion was already sent.');
      if (!slot)
        throw new SuggestionRefusal(
          'slot_taken',
          'That time is not one of the times offered. Choose one of the times shown.',
        );
      if (start <= this.now().getTime()) throw new SuggestionRefusal('slot_taken', 'That time has passed.');
      // Checked again for both: a meeting may have landed on either calendar since the proposal.
      const end = Date.parse(slot.end);
      const { me, them } = await this.pairSchedule(tid, oid, graph, ctx, s.address, start - DAY, end + DAY);
      const free =
        me &&
        them &&
        freeSlots({
          people: [me, them],
          from: start,
          to: end,
          durationMinutes: s.durationMinutes,
          lunch: s.kind === 'lunch',
          stepMinutes: 1,
        }).length > 0;
      if (!free) {
        await this.reslot(tid, oid, graph, ctx, s, start);
        throw new SuggestionRefusal('slot_taken', 'That time was just taken. Here are the next free times.');
      }
    }
    const person = s.person as SuggestedPerson;
    const end = earlier ? earlier.end.getTime() : Date.parse(slot!.end);
    const claim = await repo.reserveInvite(this.db, tid, oid, {
      suggestionId: s.id,
      address: s.address,
      recipientId: person.id,
      displayName: person.displayName,
      kind: s.kind,
      start: new Date(start),
      end: new Date(end),
      transactionId,
      auto: o.auto ?? false,
      weekStart: ctx.weekStart,
      weeklyBudget: ctx.settings.weeklyInviteBudget,
      now: this.now(),
    });
    if (!claim.ok) throw refused(claim.refusal, person.displayName);
    let invite = claim.invite;
    if (invite.state !== 'sent') {
      const preview = s.preview as InvitePreview;
      const zoneName = preview.timeZone;
      const zone = zoneOf({ name: zoneName }) ?? ctx.zone;
      const body = eventBody({
        preview,
        colleague: { address: s.address, displayName: person.displayName },
        start: dateTimeIn(zone, zoneName, start),
        end: dateTimeIn(zone, zoneName, end),
        transactionId,
        suggestionId: s.id,
      });
      let created: Awaited<ReturnType<typeof createEvent>>;
      try {
        created = await createEvent(graph, body);
      } catch (err) {
        // A refusal Graph will repeat frees the claim; anything else may have created the event,
        // so the claim stays and a retry (the same transactionId) finds it.
        const status = (err as { statusCode?: number }).statusCode ?? 0;
        if (status >= 400 && status < 500 && status !== 408 && status !== 429)
          await repo.markInvite(this.db, tid, oid, invite.id, { state: 'failed' });
        throw err;
      }
      await repo.markInvite(this.db, tid, oid, invite.id, { state: 'sent', eventId: created.id });
      await repo.setSuggestion(this.db, tid, oid, s.id, { state: 'sent' });
      invite = { ...invite, state: 'sent', eventId: created.id };
    }
    const used = await repo.sentSince(this.db, tid, oid, ctx.weekStart);
    const weekly = ctx.settings.weeklyInviteBudget;
    return { invite: toSent(invite), budget: { weekly, used, remaining: Math.max(0, weekly - used) } };
  }

  /** Fresh slots after `after` (the next ones), saved on the suggestion. */
  private async reslot(
    tid: string,
    oid: string,
    graph: Client,
    ctx: UserContext,
    s: repo.SuggestionRow,
    after: number,
  ) {
    const now = this.now().getTime();
    const roughFrom = utcOf(ctx.zone, addDays(wallTime(ctx.zone, now).date, 1));
    const { me, them } = await this.pairSchedule(
      tid,
      oid,
      graph,
      ctx,
      s.address,
      roughFrom,
      roughFrom + (HORIZON_DAYS + 4) * DAY,
    );
    let slots: Array<{ start: number; end: number }> = [];
    if (me && them) {
      const span = this.horizon(me);
      const lunchDays = await this.lunchDays(tid, oid, me.zone);
      slots = this.slotsFor(
        me,
        them,
        s.kind as SuggestionKind,
        { from: Math.max(span.from, after + MINUTE), to: span.to },
        lunchDays,
      );
      if (slots.length === 0)
        slots = this.slotsFor(me, them, s.kind as SuggestionKind, span, lunchDays).filter(
          (x) => x.start !== after,
        );
    }
    const iso = slots.map((x) => ({
      start: new Date(x.start).toISOString(),
      end: new Date(x.end).toISOString(),
    }));
    await repo.setSuggestion(this.db, tid, oid, s.id, { slots: iso });
    return { ...s, slots: iso };
  }

  /** "Another time": the next three slots after the last one offered. */
  async another(tid: string, oid: string, graph: Client, id: string): Promise<Suggestion> {
    const ctx = await this.context(tid, oid);
    const s = await this.suggestion(tid, oid, id);
    const last = Math.max(0, ...s.slots.map((x) => Date.parse(x.start)));
    const next = await this.reslot(tid, oid, graph, ctx, s, last);
    return this.toSuggestion(next, this.now());
  }

  async snooze(
    tid: string,
    oid: string,
    id: string,
    days: number,
    scope: 'suggestion' | 'person',
  ): Promise<void> {
    const s = await this.suggestion(tid, oid, id);
    const until = new Date(this.now().getTime() + days * DAY);
    if (scope === 'person') await repo.hold(this.db, tid, oid, s.address, until);
    await repo.setSuggestion(this.db, tid, oid, s.id, { state: 'snoozed', snoozedUntil: until });
  }

  async dismiss(tid: string, oid: string, id: string, scope: 'suggestion' | 'person'): Promise<void> {
    const s = await this.suggestion(tid, oid, id);
    if (scope === 'person') await repo.hold(this.db, tid, oid, s.address, null);
    await repo.setSuggestion(this.db, tid, oid, s.id, { state: 'dismissed' });
  }

  /** A suggestion for one colleague the user asked about (the person panel, the Outlook card). */
  async forPerson(tid: string, oid: string, graph: Client, address: string): Promise<Suggestion> {
    const a = address.toLowerCase();
    const ctx = await this.context(tid, oid);
    const facts = ctx.map.people.find((p) => p.address.toLowerCase() === a);
    const person: PersonFacts | null = facts
      ? {
          address: a,
          id: facts.id,
          displayName: facts.displayName,
          jobTitle: facts.jobTitle,
          officeLocation: facts.officeLocation,
          function: facts.function,
          relation: facts.relation,
          tier: facts.tier,
        }
      : ((await this.directoryFacts(tid, [a], ctx.map)).get(a) ?? null);
    const unavailable = () =>
      new SuggestionRefusal('not_suggestable', 'Rapport cannot suggest a time with this colleague.');
    if (!person || a === ctx.owner.address || !isInternalAddress(a, ctx.domains)) throw unavailable();
    const prefs = await repo.colleaguePrefs(this.db, tid, person.id ? [person.id] : [], [a]);
    if (((person.id ? prefs.byId.get(person.id) : undefined) ?? prefs.byAddress.get(a))?.optedOut)
      throw unavailable();
    const until = coolDownUntil((await repo.inviteHistory(this.db, tid, oid)).get(a) ?? []);
    if (until !== null && until > this.now().getTime())
      throw new SuggestionRefusal(
        'cooling_down',
        `You invited ${person.displayName} recently; Rapport suggests them again after ${new Date(until).toISOString().slice(0, 10)}.`,
      );
    const c = askedCandidate(person, ctx.map, ctx.owner.officeLocation);
    const now = this.now().getTime();
    const roughFrom = utcOf(ctx.zone, addDays(wallTime(ctx.zone, now).date, 1));
    const { me, them, theirs } = await this.pairSchedule(
      tid,
      oid,
      graph,
      ctx,
      a,
      roughFrom,
      roughFrom + (HORIZON_DAYS + 4) * DAY,
    );
    if (!me || !them || !theirs)
      throw new SuggestionRefusal(
        'no_schedule',
        'Their free/busy could not be read, so no time can be proposed.',
      );
    const span = this.horizon(me);
    const lunchDays = await this.lunchDays(tid, oid, me.zone);
    let kind = c.kind;
    let slots = this.slotsFor(me, them, kind, span, lunchDays);
    if (slots.length === 0 && kind === 'lunch') {
      kind = 'coffee';
      slots = this.slotsFor(me, them, kind, span, lunchDays);
    }
    const row = await repo.upsertOne(this.db, tid, oid, ctx.week, this.row(ctx, c, kind, slots, theirs, -1));
    return this.toSuggestion(row, this.now());
  }

  /**
   * For a meeting the user is organising in Outlook (the pane, before it is sent): stakeholders from
   * other functions who are free for all of it, strongest tie first — one getSchedule for up to 19.
   */
  async bringForMeeting(
    tid: string,
    oid: string,
    graph: Client,
    m: { start: string; end: string; attendees: readonly string[] },
  ): Promise<MeetingBringResponse['colleagues']> {
    const ctx = await this.context(tid, oid);
    const start = Date.parse(m.start);
    const end = Date.parse(m.end);
    if (!(end > start) || end - start > DAY) return [];
    const present = new Set([...m.attendees.map((a) => a.toLowerCase()), ctx.owner.address]);
    const external = [
      ...new Set(
        m.attendees
          .filter((a) => !isInternalAddress(a.toLowerCase(), ctx.domains))
          .map((a) => domainOf(a.toLowerCase())),
      ),
    ];
    const excluded = new Set(ctx.settings.excludedPeople);
    const pool = ctx.map.people
      .filter(
        (p) =>
          p.stakeholder?.status === 'accepted' &&
          p.function !== ctx.map.owner.function &&
          p.function !== 'Other',
      )
      .filter((p) => !present.has(p.address.toLowerCase()) && !excluded.has(p.address.toLowerCase()))
      .sort((a, b) => b.strength - a.strength);
    const prefs = await repo.colleaguePrefs(
      this.db,
      tid,
      pool.flatMap((p) => (p.id ? [p.id] : [])),
      pool.map((p) => p.address),
    );
    const open = pool
      .filter(
        (p) =>
          !((p.id ? prefs.byId.get(p.id) : undefined) ?? prefs.byAddress.get(p.address.toLowerCase()))
            ?.optedOut,
      )
      .slice(0, GET_SCHEDULE_BATCH - 1);
    if (open.length === 0) return [];
    const schedules = await readSchedules(
      graph,
      open.map((p) => p.address),
      start,
      end,
    );
    const out: MeetingBringResponse['colleagues'] = [];
    for (const p of open) {
      const info = schedules.get(p.address.toLowerCase());
      const s = info ? personSchedule(info, this.lunchWindow(DEFAULT_LUNCH)) : null;
      if (!s) continue;
      const free = freeSlots({
        people: [s],
        from: start,
        to: end,
        durationMinutes: Math.round((end - start) / MINUTE),
        lunch: false,
        stepMinutes: 1,
      });
      if (free.length === 0) continue;
      out.push({
        address: p.address.toLowerCase(),
        id: p.id,
        displayName: p.displayName,
        jobTitle: p.jobTitle,
        function: p.function,
        why: `${p.function}: free then${external.length ? ` for ${external.join(', ')}` : ''}, and your strongest tie there`,
      });
      if (out.length === 3) break;
    }
    return out;
  }

  /**
   * Brings the colleague to the meeting: the organiser's event gains them as an attendee;
   * otherwise the user forwards the invitation to them.
   */
  async bring(tid: string, oid: string, graph: Client, id: string): Promise<BringSuggestion> {
    const b = await repo.bringById(this.db, tid, oid, id);
    if (!b) throw new SuggestionRefusal('not_found', 'This suggestion is no longer there.');
    const row = toBring(b);
    if (b.state !== 'added') {
      const colleague = row.colleague;
      if (row.meeting.isOrganizer) {
        const now = this.now().getTime();
        const events = await calendarWindow(
          graph,
          Date.parse(row.meeting.start) - 1,
          Date.parse(row.meeting.end) + 1,
        );
        const event = events.find((e) => e.id === b.eventId);
        if (!event) throw new SuggestionRefusal('not_found', 'The meeting is no longer on your calendar.');
        void now;
        const attendees = (event.attendees ?? []).flatMap((x) =>
          x.emailAddress?.address
            ? [
                {
                  emailAddress: {
                    address: x.emailAddress.address,
                    ...(x.emailAddress.name ? { name: x.emailAddress.name } : {}),
                  },
                  type: x.type ?? 'required',
                },
              ]
            : [],
        );
        if (!attendees.some((x) => x.emailAddress.address.toLowerCase() === colleague.address))
          attendees.push({
            emailAddress: { address: colleague.address, name: colleague.displayName },
            type: 'required',
          });
        await setAttendees(graph, b.eventId, attendees);
      } else {
        await forwardEvent(
          graph,
          b.eventId,
          { address: colleague.address, name: colleague.displayName },
          'I would value having you in this meeting.',
        );
      }
      await repo.markBringAdded(this.db, tid, oid, b.id);
    }
    return { ...row, state: 'added' };
  }
}

function lunchDaysOf(invites: readonly repo.InviteRow[], zone: Zone): Set<string> {
  return new Set(
    invites
      .filter((i) => i.kind === 'lunch' && i.response !== 'declined' && i.response !== 'cancelled')
      .map((i) => wallTime(zone, i.start.getTime()).date),
  );
}

function zoneNameOf(info: GraphScheduleInformation): string | null {
  const tz = info.workingHours?.timeZone;
  return tz && !('bias' in tz) ? tz.name : null;
}

function refused(r: Refusal, name: string): SuggestionRefusal {
  switch (r) {
    case 'opted_out':
      return new SuggestionRefusal('not_suggestable', 'Rapport cannot suggest a time with this colleague.');
    case 'cooling_down':
      return new SuggestionRefusal(
        'cooling_down',
        `You invited ${name} recently; Rapport waits before inviting them again.`,
      );
    case 'budget_exhausted':
      return new SuggestionRefusal(
        'budget_exhausted',
        'Your weekly invite budget is used up. Raise it in Settings or wait for next week.',
      );
    case 'colleague_capped':
      return new SuggestionRefusal(
        'colleague_capped',
        `${name} cannot take another Rapport invitation this week. Try next week.`,
      );
  }
}

function toSent(i: repo.InviteRow): SentInvite {
  return {
    id: i.id,
    suggestionId: i.suggestionId,
    person: { address: i.address, displayName: i.displayName },
    kind: i.kind as SuggestionKind,
    start: i.start.toISOString(),
    end: i.end.toISOString(),
    sentAt: i.createdAt.toISOString(),
    response: i.response,
    proposedStart: i.proposedStart ? i.proposedStart.toISOString() : null,
    happened: i.happened,
    auto: i.auto,
  };
}

function toBring(b: repo.BringRow): BringSuggestion {
  return {
    id: b.id,
    meeting: b.meeting as BringSuggestion['meeting'],
    colleague: b.colleague as SuggestedPerson,
    why: b.why,
    state: b.state === 'added' ? 'added' : 'proposed',
  };
}

export { RAPPORT_CATEGORY };
