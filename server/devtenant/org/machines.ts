import { createHash } from 'node:crypto';
import type { DirectoryUser, EmailAddress, MailboxMessage } from '../model';
import type { Directory } from './directory';
import { memberUser, workWeekSettings } from './member';
import { guid, Rng } from './random';

/**
 * Senders every organisation has that are not colleagues — and one that is — so the rule that
 * tells them apart is tested on truth (the names are the generator's, not a list the product
 * knows):
 * - a ticketing system, in the directory as a mailbox without a job title or department, mailing
 *   each person about their tickets;
 * - a newsletter, sent to an all-staff list: the reader is never named in To or Cc;
 * - an HR portal the directory does not have, mailing each person reminders;
 * - a shared mailbox (sales desk) that answers: salespeople write to it and it replies — a colleague.
 * Drawn from a generator of their own, so the rest of the organisation's history is unchanged.
 */

export interface Machines {
  /** Directory entries: the ticketing system's and the shared mailbox's. */
  users: DirectoryUser[];
  /** The truth: addresses that are machines, and the one that is a colleague. */
  automated: string[];
  colleagues: string[];
  /** The machine mail of one person's mailbox (by index in the directory's people). */
  messagesOf(i: number): MailboxMessage[];
}

const DAY = 86_400_000;

export function buildMachines(dir: Directory, seed: string, now: number, months: number): Machines {
  const d = dir.domain;
  const tickets = { name: 'IT Service Desk', address: `itsm@${d}` };
  const newsletter = { name: 'The Weekly Insider', address: `insider@${d}` };
  const allStaff = { name: 'All Staff', address: `everyone@${d}` };
  const hr = { name: 'HR Self-Service', address: `hrss@${d}` };
  const desk = { name: 'Sales Desk', address: `salesdesk@${d}` };
  // Shared mailboxes, as Exchange makes them: a disabled account whose mailbox is for no one person.
  const mailbox = (e: EmailAddress) =>
    memberUser({
      id: guid(seed, 'machine', e.address),
      mail: e.address,
      displayName: e.name,
      accountEnabled: false,
      mailboxSettings: { ...workWeekSettings('UTC'), userPurpose: 'shared' },
    });
  const start = now - months * 30 * DAY;
  const uid = (kind: string, n: string) =>
    createHash('sha1').update(`${seed}|${kind}|${n}`).digest('base64url');

  function messagesOf(i: number): MailboxMessage[] {
    const person = dir.people[i];
    if (!person || person.user.userType !== 'Member') return [];
    const me = { name: person.user.displayName, address: person.user.mail ?? person.user.userPrincipalName };
    const rng = new Rng(`${seed}|machines|${person.user.id}`);
    const out: MailboxMessage[] = [];
    const mail = (
      n: string,
      o: { from: EmailAddress; to: EmailAddress[]; at: number; subject: string; conversation?: string },
    ) => {
      const sent = o.from.address === me.address;
      const at = new Date(o.at).toISOString();
      out.push({
        folder: sent ? 'sentitems' : 'inbox',
        isRead: true,
        message: {
          uid: uid('machine-message', `${person.user.id}|${n}`),
          internetMessageId: `<${uid('machine-mid', `${person.user.id}|${n}`)}@${d}>`,
          conversationId: uid('machine-conversation', `${person.user.id}|${o.conversation ?? n}`),
          subject: o.subject,
          from: { emailAddress: o.from },
          sender: { emailAddress: o.from },
          toRecipients: o.to.map((emailAddress) => ({ emailAddress })),
          ccRecipients: [],
          bccRecipients: [],
          replyTo: [],
          sentDateTime: at,
          receivedDateTime: at,
          hasAttachments: false,
          importance: 'normal',
          isDraft: false,
          kind: 'machine',
        },
      });
    };
    const workday = (t: number) => t - (t % DAY) + rng.int(8, 17) * 3_600_000 + rng.int(0, 59) * 60_000;
    for (let week = 0, t = start; t < now - DAY; week++, t += 7 * DAY) {
      mail(`insider-${week}`, {
        from: newsletter,
        to: [allStaff],
        at: workday(t + DAY),
        subject: 'The Weekly Insider',
      });
      if (rng.chance(0.5))
        mail(`itsm-${week}`, {
          from: tickets,
          to: [me],
          at: workday(t + rng.int(0, 4) * DAY),
          subject: rng.pick(['Your ticket was updated', 'Ticket resolved', 'Please rate our service']),
        });
      if (week % 4 === 0)
        mail(`hrss-${week}`, {
          from: hr,
          to: [me],
          at: workday(t + 2 * DAY),
          subject: 'Action needed: your timesheet',
        });
      // Salespeople ask the sales desk for quotes; it answers every one.
      if (person.fn === 'Sales' && rng.chance(0.6)) {
        const asked = workday(t + rng.int(0, 3) * DAY);
        mail(`desk-${week}`, { from: me, to: [desk], at: asked, subject: 'Quote request' });
        mail(`desk-${week}-re`, {
          from: desk,
          to: [me],
          at: asked + rng.int(1, 6) * 3_600_000,
          subject: 'RE: Quote request',
          conversation: `desk-${week}`,
        });
      }
    }
    return out;
  }

  return {
    users: [mailbox(tickets), mailbox(desk)],
    automated: [tickets.address, newsletter.address, hr.address],
    colleagues: [desk.address],
    messagesOf,
  };
}
