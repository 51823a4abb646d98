import type {
  CalendarEvent,
  DirectoryUser,
  MailboxMessage,
  MailFolderName,
  TenantData,
} from '../../../server/devtenant/model';
import { memberUser, workWeekSettings } from '../../../server/devtenant/org/member';

/**
 * A hand-made organisation for the mailbox tests: four people at contoso.example whose calendars
 * are known to the minute (all in UTC, working 08:00–17:00 Monday to Friday), and an inbox big
 * enough to page. "Now" is Monday 2 March 2026, 00:00 UTC.
 */
export const NOW = new Date('2026-03-02T00:00:00Z');
export const DOMAIN = 'contoso.example';

function user(id: string, name: string, timeZone = 'UTC'): DirectoryUser {
  const mail = `${name.toLowerCase()}@${DOMAIN}`;
  return memberUser({
    id,
    mail,
    displayName: name,
    givenName: name,
    surname: 'Test',
    mailboxSettings: workWeekSettings(timeZone),
  });
}

export const ADA = user('00000000-0000-4000-a000-00000000000a', 'Ada');
export const BEN = user('00000000-0000-4000-a000-00000000000b', 'Ben');
export const CAI = user('00000000-0000-4000-a000-00000000000c', 'Cai');
export const DEE = user('00000000-0000-4000-a000-00000000000d', 'Dee');
export const EXTERNAL = 'partner@fabrikam.example';
const email = (u: DirectoryUser) => ({ name: u.displayName, address: u.mail! });

let n = 0;
export function meeting(
  organizer: DirectoryUser,
  start: string,
  end: string,
  attendees: Array<[DirectoryUser | string, CalendarEvent['attendees'][number]['status']['response']]> = [],
  extra: Partial<CalendarEvent> = {},
): CalendarEvent {
  const uid = extra.uid ?? `evt-${++n}`;
  return {
    uid,
    iCalUId: `040000008200E00074C5B7101A82E008${uid.toUpperCase()}`,
    subject: `Meeting ${uid}`,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    originalStartTimeZone: 'UTC',
    originalEndTimeZone: 'UTC',
    isAllDay: false,
    isCancelled: false,
    showAs: 'busy',
    type: 'singleInstance',
    seriesMasterUid: null,
    organizer: email(organizer),
    attendees: attendees.map(([who, response]) => ({
      emailAddress: typeof who === 'string' ? { name: who, address: who } : email(who),
      type: 'required',
      status: { response, time: '2026-02-20T10:00:00Z' },
    })),
    location: { displayName: 'Room 1', locationType: 'default' },
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    sensitivity: 'normal',
    importance: 'normal',
    responseRequested: true,
    createdDateTime: '2026-02-20T09:00:00Z',
    lastModifiedDateTime: '2026-02-20T09:00:00Z',
    ...extra,
  };
}

export function message(
  uid: string,
  from: DirectoryUser | string,
  to: DirectoryUser,
  received: string,
  folder: MailFolderName = 'inbox',
): MailboxMessage {
  const sender = { emailAddress: typeof from === 'string' ? { name: from, address: from } : email(from) };
  return {
    folder,
    isRead: false,
    message: {
      uid,
      internetMessageId: `<${uid}@${DOMAIN}>`,
      conversationId: `conv-${uid}`,
      subject: `Subject ${uid}`,
      from: sender,
      sender,
      toRecipients: [{ emailAddress: email(to) }],
      ccRecipients: [],
      bccRecipients: [],
      replyTo: [],
      sentDateTime: new Date(received).toISOString(),
      receivedDateTime: new Date(received).toISOString(),
      hasAttachments: false,
      importance: 'normal',
      isDraft: false,
    },
  };
}

/** Known calendars: Ada's week is in `ADA_WEEK`; Ben is busy Monday 10–11 and tentative Tuesday 9–10. */
export function smallTenant(): TenantData {
  n = 0;
  const shared = [
    meeting(
      ADA,
      '2026-03-02T10:00:00Z',
      '2026-03-02T11:00:00Z',
      [
        [BEN, 'accepted'],
        [EXTERNAL, 'none'],
      ],
      {
        uid: 'standup',
      },
    ),
  ];
  const benOwn = [
    meeting(BEN, '2026-03-03T09:00:00Z', '2026-03-03T10:00:00Z', [], {
      uid: 'ben-focus',
      showAs: 'tentative',
    }),
  ];
  const adaOwn: CalendarEvent[] = [];
  // Twelve one-hour meetings, 14:00 each weekday from Tuesday 3 March.
  for (let d = 3; adaOwn.length < 12; d++) {
    const day = new Date(Date.UTC(2026, 2, d));
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const at = `2026-03-${String(d).padStart(2, '0')}`;
    adaOwn.push(meeting(ADA, `${at}T14:00:00Z`, `${at}T15:00:00Z`, [], { uid: `ada-${d}` }));
  }
  // A weekly series: the master and three occurrences (Wednesdays 16:00).
  const master = meeting(ADA, '2026-03-04T16:00:00Z', '2026-03-04T16:30:00Z', [], {
    uid: 'series',
    type: 'seriesMaster',
  });
  const occurrences = [4, 11, 18].map((d) =>
    meeting(
      ADA,
      `2026-03-${String(d).padStart(2, '0')}T16:00:00Z`,
      `2026-03-${String(d).padStart(2, '0')}T16:30:00Z`,
      [],
      {
        uid: `series-${d}`,
        type: 'occurrence',
        seriesMasterUid: 'series',
      },
    ),
  );
  const adaMail: MailboxMessage[] = [];
  for (let i = 0; i < 25; i++)
    adaMail.push(
      message(`in-${i}`, i % 2 ? BEN : EXTERNAL, ADA, `2026-02-${String(1 + i).padStart(2, '0')}T09:00:00Z`),
    );
  for (let i = 0; i < 5; i++)
    adaMail.push(
      message(`sent-${i}`, ADA, BEN, `2026-02-${String(1 + i).padStart(2, '0')}T12:00:00Z`, 'sentitems'),
    );

  const mailboxes: Record<string, { events: CalendarEvent[]; messages: MailboxMessage[] }> = {
    [ADA.id]: { events: [...shared, ...adaOwn, master, ...occurrences], messages: adaMail },
    [BEN.id]: {
      events: [...shared, ...benOwn],
      messages: [message('b-1', ADA, BEN, '2026-02-01T12:00:00Z')],
    },
  };
  return {
    org: {
      id: '11111111-1111-4111-a111-111111111111',
      displayName: 'Contoso',
      verifiedDomains: [
        { name: DOMAIN, isDefault: true, isInitial: true, capabilities: 'Email', type: 'Managed' },
      ],
      externalDomains: ['fabrikam.example'],
    },
    users: [ADA, BEN, CAI, DEE],
    // Fresh objects on every call, as a generator computing on demand would return.
    mailbox: (id) => structuredClone(mailboxes[id] ?? { events: [], messages: [] }),
    truth: () => [],
    now: NOW,
  };
}
