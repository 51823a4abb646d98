import type { Client } from '@microsoft/microsoft-graph-client';
import type {
  InvitePreview,
  SentInvite,
  SuggestedPerson,
  Suggestion,
  SuggestionsResponse,
} from '../../contract';
import { bringCandidates } from './bring';
import { calendarWindow, createEvent, mailboxLimit, readSchedules } from './calendar';
import { dateTimeIn, eventBody, transactionIdFor } from './invite';
import * as repo from './repository';
import { personSchedule, zoneOf } from './schedule';
import { freeSlots } from './slots';
import { addDays, utcOf, wallTime } from './zone';
import {
  DAY,
  DEFAULT_LUNCH,
  HORIZON_DAYS,
  MAX_SCHEDULES,
  refused,
  SuggestionRefusal,
  TRACK_BACK_DAYS,
  TRACK_EVERY_MS,
  lunchDaysOf,
  toBring,
  toSent,
  type UserContext,
  WEEKLY_PROPOSALS,
  zoneNameOf,
} from './core';
import { SuggestionsOnDemand } from './onDemand';

/**
 * Suggested invites, end to end: the week prepared (by the weekly job or the first look), shown,
 * sent after a click (or by auto-send), another time, snooze, dismiss. The shared parts are in
 * core.ts, the on-demand ones in onDemand.ts.
 */
export class SuggestionsService extends SuggestionsOnDemand {
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
}

export { RAPPORT_CATEGORY } from './invite';
export { SuggestionRefusal } from './core';
