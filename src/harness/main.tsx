import { createRoot } from 'react-dom/client';
import {
  apiToken,
  type DirectoryPerson,
  type InboxResponse,
  loadDirectory,
  loadInbox,
  profileFromToken,
} from './api';
import { Harness } from './Harness';
import {
  type ComposeAppointment,
  type ComposeMessage,
  Mailbox,
  pendingDialogs,
  type ReadMessage,
} from './officeStandIn';
import { defaultMeetingTimes, readParams } from './params';

/**
 * /harness/ (demo mode only): Outlook played around the real pane. The page frames /pane/ and, as
 * agreed with the pane, defines `window.RapportOfficeStandIn(paneWindow)`: the pane reads it through
 * `window.parent` (a real Outlook parent is cross-origin and throws) and uses what it returns as
 * `Office`. `window.RapportHarness` lets tests and the bench read the state back and drive it.
 */
declare global {
  interface Window {
    RapportOfficeStandIn?: (paneWindow: Window) => unknown;
    RapportHarness?: unknown;
  }
}

const root = document.getElementById('root')!;
const params = readParams();

const mailbox = new Mailbox();
mailbox.pinned = params.pinned;
mailbox.theme = params.theme;
document.body.dataset.theme = params.theme; // the page's colours before React's first render
for (const q of params.quirks) mailbox.quirks.add(q);
mailbox.token = apiToken;
window.RapportOfficeStandIn = (paneWindow: Window) => {
  const dialog = pendingDialogs.get(paneWindow);
  return mailbox.officeFor(paneWindow, dialog ? { dialog } : undefined).api;
};

// The pane's frame is there from the start, as in Outlook: it loads while the harness reads the
// mailbox, and the stand-in's onReady resolves once the first item is known.
let messages: InboxResponse['messages'] = [];
let people: DirectoryPerson[] = [];
mailbox.itemReady = false; // the harness shows "Opening the mailbox…" meanwhile
const toRead = (i: number): ReadMessage => {
  const m = messages[i]!;
  return {
    kind: 'read',
    id: m.id,
    subject: m.subject,
    receivedDateTime: m.receivedDateTime,
    from: m.from ? mailbox.recipient(m.from.emailAddress, m.from.displayName) : null,
    to: m.to.map((r) => mailbox.recipient(r.emailAddress, r.displayName)),
    cc: m.cc.map((r) => mailbox.recipient(r.emailAddress, r.displayName)),
  };
};
const newMessage = (to: string[] = [], cc: string[] = [], bcc: string[] = []): ComposeMessage => ({
  kind: 'compose',
  id: mailbox.newId('draft'),
  subject: '',
  to: to.map((a) => mailbox.recipient(a)),
  cc: cc.map((a) => mailbox.recipient(a)),
  bcc: bcc.map((a) => mailbox.recipient(a)),
  typing: { to: '', cc: '', bcc: '' },
});
const newMeeting = (
  attendees: string[] = ['buyer@fabrikam.example', 'procurement@fabrikam.example'],
  start?: Date | null,
  end?: Date | null,
): ComposeAppointment => {
  const d = defaultMeetingTimes();
  return {
    kind: 'appointment',
    id: mailbox.newId('meeting'),
    subject: 'Fabrikam renewal: pricing and next steps',
    start: start ?? d.start,
    end: end ?? (start ? new Date(start.getTime() + 30 * 60_000) : d.end),
    requiredAttendees: attendees.map((a) => mailbox.recipient(a)),
    optionalAttendees: [],
    typing: { requiredAttendees: '', optionalAttendees: '' },
  };
};
const frame = document.getElementById('rapport-pane') as HTMLIFrameElement;
mailbox.reloadPane = () => frame.contentWindow?.location.reload();
createRoot(root).render(
  <Harness
    mailbox={mailbox}
    inbox={() => messages}
    toRead={toRead}
    newMessage={() => newMessage()}
    newMeeting={() => newMeeting()}
    directory={() => people}
  />,
);
const select = (inbox: InboxResponse | null) => {
  // The inbox as Outlook lists it; read mode starts on the newest message someone else sent.
  const others = messages
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.from && m.from.emailAddress !== mailbox.profile.emailAddress);
  const first = others[Math.min(params.index, Math.max(0, others.length - 1))];
  return params.item === 'none'
    ? null
    : params.item === 'compose'
      ? newMessage(params.to, params.cc, params.bcc)
      : params.item === 'meeting'
        ? newMeeting(params.attendees.length ? params.attendees : undefined, params.start, params.end)
        : inbox && first
          ? toRead(first.i)
          : null;
};
const ready = () => {
  mailbox.itemReady = true;
  mailbox.markReady();
  mailbox.changed();
};
const mail = Promise.all([loadInbox(), loadDirectory().catch(() => ({ people: [] as DirectoryPerson[] }))]);
if (params.item !== 'read') {
  // Nothing here needs the inbox: the item is ready as soon as the user is known (from the
  // token), and the inbox and directory fill in behind it.
  mailbox.profile = await profileFromToken();
  mailbox.selected = select(null);
  ready();
}
const [inbox, directory] = await mail;
if (params.item === 'read') mailbox.profile = inbox.mailbox;
for (const p of directory.people) mailbox.directory.set(p.mail, p.displayName);
messages = inbox.messages;
people = directory.people;
if (params.item === 'read') {
  mailbox.selected = select(inbox);
  ready();
} else mailbox.changed();
window.RapportHarness = {
  mailbox,
  snapshot: () => mailbox.snapshot(),
  select: (what: 'none' | 'compose' | 'meeting' | number, to?: string[]) =>
    mailbox.select(
      what === 'none'
        ? null
        : what === 'compose'
          ? newMessage(to)
          : what === 'meeting'
            ? newMeeting(to)
            : toRead(what),
    ),
};
