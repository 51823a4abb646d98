import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../server/devtenant/model';
import { generateOrg } from '../../server/devtenant/org/generate';

/** The generated organisation: deterministic, realistic in shape, and driven by its own truth. */
const NOW = new Date('2026-11-24T12:00:00Z');
const org = generateOrg({ seed: 'rapport', people: 300, now: NOW });
const demo = org.users[0]!;
const members = org.users.filter((u) => u.userType === 'Member' && u.mailboxSettings.userPurpose === 'user');

describe('generated organisation', () => {
  it('is deterministic from its seed and day', () => {
    const again = generateOrg({ seed: 'rapport', people: 300, now: new Date('2026-11-24T18:30:00Z') });
    expect(again.users.map((u) => u.id)).toEqual(org.users.map((u) => u.id));
    expect(again.mailbox(demo.id).messages.map((m) => m.message.uid)).toEqual(
      org.mailbox(demo.id).messages.map((m) => m.message.uid),
    );
    const other = generateOrg({ seed: 'other', people: 300, now: NOW });
    expect(other.users[5]!.id).not.toBe(org.users[5]!.id);
  });

  it('has about 300 people in all 15 functions, with rooms, guests and disabled accounts', () => {
    expect(members.length).toBeGreaterThanOrEqual(270);
    expect(new Set(members.map((u) => u.truthFunction))).toEqual(new Set(FUNCTIONS));
    expect(org.users.some((u) => u.mailboxSettings.userPurpose === 'room')).toBe(true);
    expect(org.users.some((u) => u.userType === 'Guest' && u.userPrincipalName.includes('#EXT#'))).toBe(true);
    expect(org.users.some((u) => !u.accountEnabled)).toBe(true);
    expect(new Set(members.map((u) => u.mailboxSettings.timeZone)).size).toBeGreaterThanOrEqual(4);
  });

  it('gives every account an address the API accepts: ASCII, accents dropped (guests too)', () => {
    // Names keep their accents (Müller); addresses do not, as Exchange's defaults do.
    // Seed s3 has a guest named Müller.
    for (const o of [org, generateOrg({ seed: 's3', people: 120, now: NOW })]) {
      const addresses = o.users.flatMap((u) => [u.mail ?? '', ...u.proxyAddresses.map((a) => a.slice(5))]);
      expect(addresses.filter((a) => !/^[\x21-\x7e]+@[a-z0-9.-]+$/.test(a))).toEqual([]);
      expect(o.users.some((u) => /[^ -~]/.test(u.displayName))).toBe(true);
    }
  });

  it('has one management tree: a single root, every manager exists, no cycles', () => {
    const byId = new Map(members.map((u) => [u.id, u]));
    const roots = members.filter((u) => !u.managerId);
    expect(roots).toHaveLength(1);
    expect(roots[0]!.jobTitle).toBe('Chief Executive Officer');
    for (const u of members) {
      const seen = new Set<string>();
      let cur = u;
      while (cur.managerId) {
        expect(seen.has(cur.id)).toBe(false);
        seen.add(cur.id);
        cur = byId.get(cur.managerId)!;
        expect(cur).toBeDefined();
      }
    }
  });

  it('lists the demo personas first, led by a sales director two or more levels below the CEO', () => {
    expect(org.users.slice(0, 5).every((u) => u.demoPersona)).toBe(true);
    expect(demo.jobTitle).toMatch(/Regional Sales Director/);
    expect(demo.managerId).not.toBeNull();
  });

  it('puts each meeting in every internal attendee’s mailbox and each message in sender’s and recipients’', () => {
    const box = org.mailbox(demo.id);
    const meeting = box.events.find((e) => e.attendees.length >= 2 && e.organizer.address === demo.mail)!;
    for (const a of meeting.attendees) {
      const u = org.users.find((x) => x.mail === a.emailAddress.address);
      if (u) expect(org.mailbox(u.id).events.some((e) => e.uid === meeting.uid)).toBe(true);
    }
    const sent = box.messages.find(
      (m) =>
        m.folder === 'sentitems' &&
        m.message.toRecipients.some((r) => r.emailAddress.address.endsWith('contoso.example')),
    )!;
    const to = org.users.find((u) => u.mail === sent.message.toRecipients[0]!.emailAddress.address)!;
    expect(org.mailbox(to.id).messages.find((m) => m.message.uid === sent.message.uid)?.folder).toBe('inbox');
  });

  it('keeps most meetings inside the organizer’s working hours, and uses valid responses', () => {
    const events = org
      .mailbox(demo.id)
      .events.filter((e) => !e.isAllDay && e.organizer.address === demo.mail);
    const hour = (iso: string) =>
      Number(
        new Intl.DateTimeFormat('en-US', {
          timeZone: 'America/Los_Angeles',
          hour: 'numeric',
          hourCycle: 'h23',
        }).format(new Date(iso)),
      );
    const inHours = events.filter((e) => hour(e.start) >= 8 && hour(e.start) < 17);
    expect(inHours.length / events.length).toBeGreaterThan(0.9);
    const valid = new Set(['none', 'organizer', 'accepted', 'tentativelyAccepted', 'declined']);
    expect(events.flatMap((e) => e.attendees).every((a) => valid.has(a.status.response))).toBe(true);
  });

  it('writes a truth in which cooling ties really cool off in the data', () => {
    const truth = org.truth(demo.id);
    expect(new Set(truth.map((t) => t.trend))).toEqual(new Set(['stable', 'growing', 'cooling', 'never']));
    const box = org.mailbox(demo.id);
    const cutoff = NOW.getTime() - 90 * 86_400_000;
    const start = NOW.getTime() - 365 * 86_400_000;
    let earlyRate = 0;
    let lateRate = 0;
    for (const tie of org.truth(demo.id).filter((t) => t.trend === 'cooling')) {
      const other = org.users.find((u) => u.id === tie.counterpartId)!;
      const touches = box.messages
        .filter((m) =>
          [m.message.from, ...m.message.toRecipients].some((r) => r.emailAddress.address === other.mail),
        )
        .map((m) => Date.parse(m.message.sentDateTime));
      earlyRate += touches.filter((t) => t >= start && t < cutoff).length / 275;
      lateRate += touches.filter((t) => t >= cutoff).length / 90;
    }
    expect(lateRate).toBeLessThan(earlyRate);
  });

  it('makes a heavy mailbox on request: at least 50,000 messages and 5,000 events a year', () => {
    const heavy = generateOrg({ seed: 'rapport', people: 300, now: NOW, heavyUserIds: 'demo' });
    const box = heavy.mailbox(heavy.users[0]!.id);
    const yearAgo = NOW.getTime() - 365 * 86_400_000;
    expect(
      box.messages.filter((m) => Date.parse(m.message.sentDateTime) >= yearAgo).length,
    ).toBeGreaterThanOrEqual(50_000);
    expect(box.events.filter((e) => Date.parse(e.start) >= yearAgo).length).toBeGreaterThanOrEqual(5_000);
  });
});
