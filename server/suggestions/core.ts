import type { Client } from '@microsoft/microsoft-graph-client';
import type { Kysely } from 'kysely';
import type { InvitePreview, SuggestedPerson, Suggestion, SuggestionKind } from '../../contract';
import { isInternalAddress } from '../domain/address';
import type { GraphScheduleInformation, GraphTrackedEvent } from '../graph/schemas';
import type { RelationshipMap } from '../insights/map';
import { resolvePeople } from '../insights/repository';
import { getUserSettings } from '../settings/userSettings';
import type { Schema } from '../store/schema';
import { readSchedules } from './calendar';
import {
  DURATION_MINUTES,
  type PersonFacts,
  type SuggestionCandidate,
  suggestionCandidates,
} from './candidates';
import { happened, invitePreview, responseOf } from './invite';
import { coolDownUntil, suggestable } from './limits';
import * as repo from './repository';
import { lunchDaysOf, SuggestionRefusal } from './rows';
export { lunchDaysOf, refused, SuggestionRefusal, toBring, toSent, zoneNameOf } from './rows';
import { ianaNameOf, personSchedule, zoneOf } from './schedule';
import { freeSlots, type PersonSchedule, spreadSlots } from './slots';
import { addDays, utcOf, wallTime, type Zone } from './zone';

/**
 * Suggested invites, end to end: who is due (the map), when both are free (getSchedule), what
 * protects colleagues (PostgreSQL), what is sent (Graph, as the user) and how it was answered.
 * One run reads every schedule it needs in ⌈people/20⌉ requests plus one calendar window.
 */

export const DAY = 86_400_000;
export const MINUTE = 60_000;
/** Proposals shown in a week. */
export const WEEKLY_PROPOSALS = 6;
/** People whose schedules one run reads (the user besides): the stakeholders of a busy user. */
export const MAX_SCHEDULES = 200;
export const HORIZON_DAYS = 14;
/** Past invites are re-read while their meeting is this recent. */
export const TRACK_BACK_DAYS = 14;
/** A view re-reads the answers when the last look is older than this. */
export const TRACK_EVERY_MS = 5 * MINUTE;
export const DEFAULT_LUNCH = { start: '11:30', end: '13:30' };
/** The local start a person would pick first, per kind: mid-morning coffee, noon lunch. */
export const PREFERRED_START: Record<SuggestionKind, number> = {
  lunch: 12 * 60,
  virtualCoffee: 10 * 60,
  coffee: 10 * 60,
  oneOnOne: 10 * 60,
  mentorChat: 15 * 60,
};

export const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export interface UserContext {
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

/** What every suggestion path shares: the user's context, the search, the rows and answers. */
export class SuggestionsCore {
  protected readonly db: Kysely<Schema>;
  protected readonly now: () => Date;
  constructor(private readonly deps: SuggestionsDeps) {
    this.db = deps.db;
    this.now = deps.clock ?? (() => new Date());
  }

  /** The user's zone from their synced mailbox settings (UTC until known), and this week. */
  protected async context(
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
    // An exclusion under one of a person's addresses excludes the person (the map keys them by one).
    const aliases = await resolvePeople(this.db, tid, settings.excludedPeople);
    settings.excludedPeople = [
      ...new Set([...settings.excludedPeople, ...[...aliases.values()].map((p) => p.address)]),
    ];
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
  protected inZone(
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

  /** The addresses given and, for each a directory person has, that person's primary address. */
  protected async withPrimaries(tid: string, addresses: readonly string[]): Promise<Set<string>> {
    const people = await resolvePeople(this.db, tid, addresses);
    return new Set([...addresses.map((a) => a.toLowerCase()), ...[...people.values()].map((p) => p.address)]);
  }

  /** The person's primary address when the directory has the address; the address otherwise. */
  protected async personAddress(tid: string, address: string): Promise<string> {
    const a = address.toLowerCase();
    return (await resolvePeople(this.db, tid, [a])).get(a)?.address ?? a;
  }

  /** Directory facts for addresses the map does not carry. */
  protected async directoryFacts(
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
      .where('kind', '=', 'person')
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
  protected async candidates(
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
  protected horizon(me: PersonSchedule): { from: number; to: number } {
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

  protected lunchWindow(w: { start: string; end: string }) {
    return { start: hm(w.start), end: hm(w.end) };
  }

  /** Local dates on which the user already has a Rapport lunch that still stands. */
  protected async lunchDays(tid: string, oid: string, zone: Zone): Promise<Set<string>> {
    return lunchDaysOf(
      await repo.invitesSince(this.db, tid, oid, new Date(this.now().getTime() - 60 * DAY)),
      zone,
    );
  }

  protected slotsFor(
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

  protected preview(
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

  protected row(
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

  /** The answers on the organiser's copies of Rapport's invites, and whether each took place. */
  protected async recordAnswers(
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

  protected toSuggestion(r: repo.SuggestionRow, now: Date): Suggestion {
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

  protected async suggestion(tid: string, oid: string, id: string): Promise<repo.SuggestionRow> {
    const s = await repo.suggestionById(this.db, tid, oid, id);
    if (!s || s.state === 'dismissed')
      throw new SuggestionRefusal('not_found', 'This suggestion is no longer there.');
    return s;
  }

  /** The person's and the user's schedules now, over [from, to). */
  protected async pairSchedule(
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

  /** Fresh slots after `after` (the next ones), saved on the suggestion. */
  protected async reslot(
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
}
