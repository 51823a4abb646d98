import {
  type KeyboardEvent,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useState,
  useSyncExternalStore,
} from 'react';
import type { DirectoryPerson, InboxResponse } from './api';
import type {
  ComposeAppointment,
  ComposeMessage,
  Mailbox,
  ReadMessage,
  Recipient,
  RecipientField,
  ThemeName,
} from './officeStandIn';

/**
 * The Outlook stand-in's own UI: plain HTML elements styled by the page's stylesheet (index.html,
 * the `h-` classes, themed by `body[data-theme]`). It shares one main thread with the pane it
 * frames, so it stays light: no component library, no style engine.
 */

const LABELS: Record<RecipientField, string> = {
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
  requiredAttendees: 'Required attendees',
  optionalAttendees: 'Optional attendees',
};

const THEME_CHOICES: Array<{ value: ThemeName; label: string }> = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'contrast', label: 'High contrast' },
];

/** `<input type="datetime-local">` speaks local wall time without a zone. */
const localValue = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** A label above its control, as a form field in Outlook. */
function Field(props: { label: string; children: (id: string) => ReactNode; small?: boolean }) {
  const id = useId();
  return (
    <div className={props.small ? 'h-field h-field-small' : 'h-field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
    </div>
  );
}

/** The suggestions every "pick from the directory" box offers (one list, as Outlook's picker has). */
const DIRECTORY_LIST = 'harness-directory';

/**
 * The directory's people as one <datalist> for every well: type-ahead suggestions, as Outlook's
 * people picker gives. Its options are drawn once someone starts picking, not when the directory
 * arrives: that is right as the pane draws its first card, on the main thread they share. (Three
 * <select>s of 200 options each took ≈ 20 ms of it.)
 */
const DirectoryList = memo(function DirectoryList(props: { directory: DirectoryPerson[]; picking: boolean }) {
  return (
    <datalist id={DIRECTORY_LIST}>
      {props.picking &&
        props.directory.map((p) => (
          <option
            key={p.mail}
            value={p.mail}
            label={p.jobTitle ? `${p.displayName} — ${p.jobTitle}` : p.displayName}
          />
        ))}
    </datalist>
  );
});

function RecipientWell(props: {
  mailbox: Mailbox;
  field: RecipientField;
  recipients: Recipient[];
  typing: string;
  directory: DirectoryPerson[];
}) {
  const { mailbox, field } = props;
  const label = LABELS[field];
  const [pick, setPick] = useState('');
  const picked = props.directory.find((x) => x.mail === pick.trim().toLowerCase());
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ';' || e.key === ',') {
      e.preventDefault();
      mailbox.commitTyped(field);
    } else if (e.key === 'Backspace' && props.typing === '' && props.recipients.length) {
      mailbox.remove(field, props.recipients[props.recipients.length - 1]!.emailAddress);
    }
  };
  return (
    <div role="group" aria-label={label} data-testid={`harness-well-${field}`}>
      <div className="h-well">
        <span className="h-strong">{label}</span>
        {props.recipients.map((r, i) => (
          <span
            key={`${r.emailAddress}-${i}`}
            className={r.recipientType === 'externalUser' ? 'h-chip h-chip-external' : 'h-chip'}
            data-testid="harness-chip"
            data-address={r.emailAddress}
            title={r.emailAddress}
          >
            {r.displayName}
            {r.recipientType === 'externalUser' ? ' (external)' : ''}
            <button
              type="button"
              className="h-button h-small h-subtle"
              aria-label={`Remove ${r.displayName} from ${label}`}
              onClick={() => mailbox.remove(field, r.emailAddress)}
            >
              ×
            </button>
          </span>
        ))}
        <input
          type="text"
          className="h-input h-typed"
          aria-label={`${label}: type an address, then Enter or ;`}
          placeholder="name@example.com, then Enter"
          value={props.typing}
          onChange={(e) => mailbox.setTyping(field, e.target.value)}
          onKeyDown={onKey}
        />
      </div>
      <div className="h-picker">
        <Field label={`Pick from the directory (${label})`} small>
          {(id) => (
            <input
              id={id}
              type="text"
              list={DIRECTORY_LIST}
              className="h-input h-small"
              placeholder="Start typing a name"
              autoComplete="off"
              value={pick}
              onChange={(e) => setPick(e.target.value)}
            />
          )}
        </Field>
        <button
          type="button"
          className="h-button h-small"
          disabled={!picked}
          onClick={() => {
            if (picked) mailbox.pickFromDirectory(field, picked.mail, picked.displayName);
            setPick('');
          }}
        >
          Add to {label}
        </button>
      </div>
    </div>
  );
}

function ReadView({ item }: { item: ReadMessage }) {
  const names = (rs: Recipient[]) => rs.map((r) => `${r.displayName} <${r.emailAddress}>`).join('; ');
  return (
    <article className="h-reading" aria-label="Reading pane" data-testid="harness-read">
      <h2 className="h-heading">{item.subject || '(no subject)'}</h2>
      <p>From: {item.from ? `${item.from.displayName} <${item.from.emailAddress}>` : '(unknown sender)'}</p>
      <p>To: {names(item.to) || '—'}</p>
      {item.cc.length > 0 && <p>Cc: {names(item.cc)}</p>}
      {item.receivedDateTime && (
        <p className="h-muted">Received {new Date(item.receivedDateTime).toLocaleString()}</p>
      )}
      <p className="h-muted">(The demo reads metadata only: there is no body to show.)</p>
    </article>
  );
}

function ComposeView(props: { mailbox: Mailbox; item: ComposeMessage; directory: DirectoryPerson[] }) {
  const { mailbox, item } = props;
  return (
    <section className="h-reading" aria-label="New message" data-testid="harness-compose">
      <h2 className="h-heading">New message</h2>
      {(['to', 'cc', 'bcc'] as const).map((f) => (
        <RecipientWell
          key={f}
          mailbox={mailbox}
          field={f}
          recipients={item[f]}
          typing={item.typing[f]}
          directory={props.directory}
        />
      ))}
      <Field label="Subject">
        {(id) => (
          <input
            id={id}
            type="text"
            className="h-input"
            value={item.subject}
            onChange={(e) => mailbox.editSubject(e.target.value)}
          />
        )}
      </Field>
    </section>
  );
}

function MeetingView(props: { mailbox: Mailbox; item: ComposeAppointment; directory: DirectoryPerson[] }) {
  const { mailbox, item } = props;
  const time = (k: 'start' | 'end', label: string) => (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          type="datetime-local"
          className="h-input"
          value={localValue(item[k])}
          onChange={(e) => {
            const t = Date.parse(e.target.value);
            if (!Number.isNaN(t)) mailbox.editAppointment({ [k]: new Date(t) });
          }}
        />
      )}
    </Field>
  );
  return (
    <section className="h-reading" aria-label="New meeting" data-testid="harness-meeting">
      <h2 className="h-heading">New meeting (you are the organiser)</h2>
      <Field label="Title">
        {(id) => (
          <input
            id={id}
            type="text"
            className="h-input"
            value={item.subject}
            onChange={(e) => mailbox.editAppointment({ subject: e.target.value })}
          />
        )}
      </Field>
      {time('start', 'Start')}
      {time('end', 'End')}
      {(['requiredAttendees', 'optionalAttendees'] as const).map((f) => (
        <RecipientWell
          key={f}
          mailbox={mailbox}
          field={f}
          recipients={item[f]}
          typing={item.typing[f]}
          directory={props.directory}
        />
      ))}
    </section>
  );
}

function Toolbar({
  mailbox,
  ...props
}: {
  mailbox: Mailbox;
  newMessage: () => ComposeMessage;
  newMeeting: () => ComposeAppointment;
}) {
  return (
    <header className="h-bar">
      <h1 className="h-bar-title">Outlook (Rapport's stand-in)</h1>
      <div className="h-bar-group">
        <button type="button" className="h-button" onClick={() => mailbox.select(props.newMessage())}>
          New email
        </button>
        <button type="button" className="h-button" onClick={() => mailbox.select(props.newMeeting())}>
          New meeting
        </button>
        <button type="button" className="h-button" onClick={() => mailbox.select(null)}>
          Nothing selected
        </button>
      </div>
      <div className="h-bar-group">
        <label className="h-switch">
          <input
            type="checkbox"
            role="switch"
            checked={mailbox.pinned}
            onChange={(e) => mailbox.setPinned(e.target.checked)}
          />
          Pane pinned
        </label>
      </div>
      <fieldset className="h-bar-group h-radios" role="radiogroup" aria-labelledby="h-theme-legend">
        <legend id="h-theme-legend" className="h-visually-hidden">
          Outlook theme
        </legend>
        {THEME_CHOICES.map((t) => (
          <label key={t.value} className="h-radio">
            <input
              type="radio"
              name="h-theme"
              value={t.value}
              checked={mailbox.theme === t.value}
              onChange={() => mailbox.setTheme(t.value)}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
    </header>
  );
}

/** One formatter for the inbox's dates (the same text as `toLocaleDateString()`, made once). */
const dayFormat = new Intl.DateTimeFormat();

/** The inbox, drawn again only when its messages or the selection change. */
const InboxList = memo(function InboxList(props: {
  messages: InboxResponse['messages'];
  selectedId: string | null;
  mailbox: Mailbox;
  toRead: (i: number) => ReadMessage;
}) {
  const { mailbox, selectedId } = props;
  return (
    <ul className="h-list">
      {props.messages.map((m, i) => (
        <li key={m.id}>
          <button
            type="button"
            className={selectedId === m.id ? 'h-message h-selected' : 'h-message'}
            aria-current={selectedId === m.id ? 'true' : undefined}
            data-testid="harness-message"
            data-from={m.from?.emailAddress ?? ''}
            onClick={() => mailbox.select(props.toRead(i))}
          >
            <span className="h-from">{m.from?.displayName ?? '(unknown sender)'}</span>
            <span className="h-subject">{m.subject || '(no subject)'}</span>
            {m.receivedDateTime && (
              <span className="h-muted">{dayFormat.format(new Date(m.receivedDateTime))}</span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
});

export function Harness(props: {
  mailbox: Mailbox;
  inbox: () => InboxResponse['messages'];
  toRead: (i: number) => ReadMessage;
  newMessage: () => ComposeMessage;
  newMeeting: () => ComposeAppointment;
  directory: () => DirectoryPerson[];
}) {
  const { mailbox } = props;
  const subscribe = useCallback((cb: () => void) => mailbox.subscribe({ onChange: cb }), [mailbox]);
  useSyncExternalStore(subscribe, () => mailbox.version);
  // The pane's frame is the page's own (index.html), outside React: the whole page, the Outlook
  // shell around the pane included, follows the theme through the body's data-theme.
  useEffect(() => {
    document.body.dataset.theme = mailbox.theme;
  }, [mailbox.theme]);
  // The directory list's options are drawn once a picker (an input using the list) is focused.
  const [picking, setPicking] = useState(false);
  const item = mailbox.selected;
  const selectedId = item?.kind === 'read' ? item.id : null;
  return (
    <div className="h-root">
      <Toolbar mailbox={mailbox} newMessage={props.newMessage} newMeeting={props.newMeeting} />
      <DirectoryList directory={props.directory()} picking={picking} />
      <div className="h-body">
        <nav className="h-inbox" aria-label="Inbox">
          <InboxList
            messages={props.inbox()}
            selectedId={selectedId}
            mailbox={mailbox}
            toRead={props.toRead}
          />
        </nav>
        <main
          className="h-main"
          onFocus={(e) => {
            if (e.target.getAttribute('list') === DIRECTORY_LIST) setPicking(true);
          }}
        >
          {!mailbox.itemReady && !mailbox.profile.emailAddress && (
            <div className="h-reading">
              <p>Opening the demo mailbox…</p>
            </div>
          )}
          {item === null && mailbox.itemReady && (
            <div className="h-reading" data-testid="harness-none">
              <p>Nothing is selected.</p>
            </div>
          )}
          {item?.kind === 'read' && <ReadView item={item} />}
          {item?.kind === 'compose' && (
            <ComposeView mailbox={mailbox} item={item} directory={props.directory()} />
          )}
          {item?.kind === 'appointment' && (
            <MeetingView mailbox={mailbox} item={item} directory={props.directory()} />
          )}
        </main>
      </div>
    </div>
  );
}
