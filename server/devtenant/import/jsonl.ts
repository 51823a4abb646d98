import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { z } from 'zod';
import type { CalendarEvent, DirectoryUser, MailboxMessage, Recipient, TenantData } from '../model';
import { memberUser, workWeekSettings } from '../org/member';
import { guid } from '../org/random';

/**
 * Loads Graph-shaped JSONL mail and meeting metadata (such as `../shared/datasets/enron/`) as dev
 * tenant mailboxes, so real data can be replayed through the same Graph surface. Every line is
 * validated; bad lines are counted and skipped, never fatal.
 */
const address = z.object({ name: z.string().nullish(), address: z.string().min(1) });
const recipient = z.object({ emailAddress: address });
const person = z.object({
  address: z.string().min(3),
  name: z.string().nullish(),
  givenName: z.string().nullish(),
  surname: z.string().nullish(),
  title: z.string().nullish(),
  department: z.string().nullish(),
  businessUnit: z.string().nullish(),
  mailbox: z.string().nullish(),
  aliases: z.array(z.string()).default([]),
  isInternal: z.boolean().default(true),
});
const message = z.object({
  id: z.string(),
  mailbox: z.string(),
  // 'sentByDelegate': an assistant sent it for the owner; it sits in the owner's Sent Items.
  direction: z.enum(['sent', 'sentByDelegate', 'received']).default('received'),
  sentDateTime: z.string(),
  receivedDateTime: z.string().optional(),
  from: recipient.nullish(),
  sender: recipient.nullish(),
  toRecipients: z.array(recipient).default([]),
  ccRecipients: z.array(recipient).default([]),
  bccRecipients: z.array(recipient).default([]),
  subject: z.string().nullish(),
  internetMessageId: z.string().nullish(),
  conversationId: z.string().nullish(),
  sentDateTimeSuspect: z.boolean().optional(),
});
const event = z.object({
  id: z.string(),
  subject: z.string().nullish(),
  start: z.object({ dateTime: z.string(), timeZone: z.string().default('UTC') }),
  end: z.object({ dateTime: z.string(), timeZone: z.string().default('UTC') }),
  isAllDay: z.boolean().default(false),
  isCancelled: z.boolean().default(false),
  type: z.string().default('singleInstance'),
  organizer: recipient,
  attendees: z
    .array(
      z.object({
        emailAddress: address,
        type: z.string().default('required'),
        status: z.object({ response: z.string(), time: z.string() }).optional(),
      }),
    )
    .default([]),
  location: z.object({ displayName: z.string().nullish() }).nullish(),
});

export interface ImportStats {
  people: number;
  messages: number;
  events: number;
  skipped: number;
}

async function* lines(file: string): AsyncGenerator<unknown | undefined> {
  if (!fs.existsSync(file)) return;
  const rl = readline.createInterface({
    input: fs.createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of rl) {
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line);
    } catch {
      yield undefined;
    }
  }
}

const utc = (dt: string) =>
  (/[zZ]|[+-]\d\d:\d\d$/.test(dt) ? new Date(dt) : new Date(`${dt.slice(0, 23)}Z`)).toISOString();

export async function importJsonl(dir: string): Promise<{ data: TenantData; stats: ImportStats }> {
  const stats: ImportStats = { people: 0, messages: 0, events: 0, skipped: 0 };
  const users: DirectoryUser[] = [];
  const byAddress = new Map<string, DirectoryUser>();
  const byMailbox = new Map<string, DirectoryUser>();
  const domains = new Set<string>();
  for await (const raw of lines(path.join(dir, 'people.jsonl'))) {
    const p = person.safeParse(raw);
    if (!p.success || !p.data.isInternal) {
      if (!p.success) stats.skipped++;
      continue;
    }
    const d = p.data;
    const mail = d.address.toLowerCase();
    domains.add(mail.split('@')[1]!);
    const u = memberUser({
      id: guid('import', mail),
      mail,
      proxyAddresses: [`SMTP:${mail}`, ...d.aliases.map((a) => `smtp:${a.toLowerCase()}`)],
      displayName: d.name ?? mail,
      givenName: d.givenName ?? null,
      surname: d.surname ?? null,
      jobTitle: d.title ?? null,
      department: [d.department, d.businessUnit].filter(Boolean).join(' – ') || null,
      mailboxSettings: workWeekSettings('Central Standard Time'),
      ...(d.mailbox ? { demoPersona: `Mailbox ${d.mailbox}` } : {}),
    });
    users.push(u);
    for (const a of [mail, ...d.aliases]) byAddress.set(a.toLowerCase(), u);
    if (d.mailbox) byMailbox.set(d.mailbox, u);
    stats.people++;
  }
  const mail = new Map<string, MailboxMessage[]>();
  let latest = 0;
  for await (const raw of lines(path.join(dir, 'messages.jsonl'))) {
    const m = message.safeParse(raw);
    const owner = m.success ? byMailbox.get(m.data.mailbox) : undefined;
    const sent = m.success ? Date.parse(m.data.sentDateTime) : Number.NaN;
    if (!m.success || !owner || Number.isNaN(sent)) {
      stats.skipped++;
      continue;
    }
    const d = m.data;
    if (!d.sentDateTimeSuspect) latest = Math.max(latest, sent);
    const r = (x: z.infer<typeof recipient>): Recipient => ({
      emailAddress: { name: x.emailAddress.name ?? x.emailAddress.address, address: x.emailAddress.address },
    });
    const from = d.from ? r(d.from) : { emailAddress: { name: '', address: 'unknown@invalid' } };
    const list = mail.get(owner.id) ?? [];
    list.push({
      folder: d.direction === 'received' ? 'inbox' : 'sentitems',
      isRead: true,
      message: {
        uid: createHash('sha1').update(d.id).digest('base64url'),
        internetMessageId: d.internetMessageId ?? `<${d.id}@import>`,
        conversationId: d.conversationId ?? d.id,
        subject: d.subject ?? '',
        from,
        sender: d.sender ? r(d.sender) : from,
        toRecipients: d.toRecipients.map(r),
        ccRecipients: d.ccRecipients.map(r),
        bccRecipients: d.bccRecipients.map(r),
        replyTo: [],
        sentDateTime: new Date(sent).toISOString(),
        receivedDateTime:
          d.receivedDateTime && !Number.isNaN(Date.parse(d.receivedDateTime))
            ? new Date(d.receivedDateTime).toISOString()
            : new Date(sent).toISOString(),
        hasAttachments: false,
        importance: 'normal',
        isDraft: false,
      },
    });
    mail.set(owner.id, list);
    stats.messages++;
  }
  const calendars = new Map<string, CalendarEvent[]>();
  for await (const raw of lines(path.join(dir, 'events.jsonl'))) {
    const e = event.safeParse(raw);
    if (!e.success) {
      stats.skipped++;
      continue;
    }
    const d = e.data;
    const ev: CalendarEvent = {
      uid: createHash('sha1').update(`event|${d.id}`).digest('base64url'),
      iCalUId: `040000008200E00074C5B7101A82E008${createHash('sha1').update(d.id).digest('hex').toUpperCase()}`,
      subject: d.subject ?? '',
      start: utc(d.start.dateTime),
      end: utc(d.end.dateTime),
      originalStartTimeZone: d.start.timeZone,
      originalEndTimeZone: d.end.timeZone,
      isAllDay: d.isAllDay,
      isCancelled: d.isCancelled,
      showAs: 'busy',
      type: 'singleInstance',
      seriesMasterUid: null,
      organizer: { name: d.organizer.emailAddress.name ?? '', address: d.organizer.emailAddress.address },
      attendees: d.attendees.map((a) => ({
        emailAddress: { name: a.emailAddress.name ?? '', address: a.emailAddress.address },
        type: a.type === 'optional' ? 'optional' : a.type === 'resource' ? 'resource' : 'required',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      })),
      location: { displayName: d.location?.displayName ?? '', locationType: 'default' },
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      sensitivity: 'normal',
      importance: 'normal',
      responseRequested: true,
      createdDateTime: utc(d.start.dateTime),
      lastModifiedDateTime: utc(d.start.dateTime),
    };
    for (const a of [d.organizer.emailAddress.address, ...d.attendees.map((x) => x.emailAddress.address)]) {
      const u = byAddress.get(a.toLowerCase());
      if (u) calendars.set(u.id, [...(calendars.get(u.id) ?? []).filter((x) => x.uid !== ev.uid), ev]);
    }
    stats.events++;
  }
  const domain = [...domains][0] ?? 'example.com';
  const data: TenantData = {
    org: {
      id: guid('import', dir),
      displayName: domain.split('.')[0]!.replace(/^./, (c) => c.toUpperCase()),
      verifiedDomains: [...domains].map((name, i) => ({
        name,
        isDefault: i === 0,
        isInitial: false,
        capabilities: 'Email',
        type: 'Managed',
      })),
      externalDomains: [],
    },
    users,
    now: new Date(latest || Date.now()),
    mailbox: (userId) => ({ events: calendars.get(userId) ?? [], messages: mail.get(userId) ?? [] }),
    truth: () => [],
  };
  return { data, stats };
}
