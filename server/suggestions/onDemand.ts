import type { Client } from '@microsoft/microsoft-graph-client';
import type { BringSuggestion, MeetingBringResponse, Suggestion } from '../../contract';
import { domainOf, isInternalAddress } from '../domain/address';
import { GET_SCHEDULE_MAX_PEOPLE as GET_SCHEDULE_BATCH } from '../graph/urls';
import { calendarWindow, forwardEvent, readSchedules, setAttendees } from './calendar';
import { askedCandidate, type PersonFacts } from './candidates';
import { coolDownUntil } from './limits';
import * as repo from './repository';
import { personSchedule } from './schedule';
import { freeSlots } from './slots';
import { addDays, utcOf, wallTime } from './zone';
import {
  DAY,
  DEFAULT_LUNCH,
  HORIZON_DAYS,
  MINUTE,
  SuggestionRefusal,
  SuggestionsCore,
  toBring,
} from './core';

/**
 * Suggestions asked for on the spot: for one colleague (the person panel, the Outlook card), and
 * colleagues to bring to a meeting with customers (the week's list, or one being organised).
 */
export class SuggestionsOnDemand extends SuggestionsCore {
  /** A suggestion for one colleague the user asked about (the person panel, the Outlook card). */
  async forPerson(tid: string, oid: string, graph: Client, address: string): Promise<Suggestion> {
    const [a, ctx] = await Promise.all([this.personAddress(tid, address), this.context(tid, oid)]);
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
    // Attendees by any of their addresses: a stakeholder invited under an alias is on the meeting.
    const present = await this.withPrimaries(tid, [...m.attendees, ctx.owner.address]);
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
