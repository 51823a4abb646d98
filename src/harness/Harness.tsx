import {
  Button,
  Field,
  FluentProvider,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Text,
  teamsHighContrastTheme,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { type KeyboardEvent, useEffect, useState, useSyncExternalStore } from 'react';
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

const THEMES = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  root: {
    height: '100vh',
    display: 'grid',
    gridTemplateRows: 'auto 1fr',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  barTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  barGroup: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  body: { display: 'grid', gridTemplateColumns: '280px 1fr', minHeight: 0 },
  inbox: {
    overflowY: 'auto',
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  message: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  from: { display: 'block', fontWeight: tokens.fontWeightSemibold },
  subject: { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  reading: {
    overflowY: 'auto',
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500 },
  well: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  external: { border: `1px dashed ${tokens.colorNeutralStroke1}` },
  typed: { minWidth: '220px', flexGrow: 1 },
  picker: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'end' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const LABELS: Record<RecipientField, string> = {
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
  requiredAttendees: 'Required attendees',
  optionalAttendees: 'Optional attendees',
};

/** `<input type="datetime-local">` speaks local wall time without a zone. */
const localValue = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function RecipientWell(props: {
  mailbox: Mailbox;
  field: RecipientField;
  recipients: Recipient[];
  typing: string;
  directory: DirectoryPerson[];
}) {
  const s = useStyles();
  const { mailbox, field } = props;
  const label = LABELS[field];
  const [pick, setPick] = useState('');
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
      <div className={s.well}>
        <Text weight="semibold">{label}</Text>
        {props.recipients.map((r, i) => (
          <span
            key={`${r.emailAddress}-${i}`}
            className={`${s.chip} ${r.recipientType === 'externalUser' ? s.external : ''}`}
            data-testid="harness-chip"
            data-address={r.emailAddress}
            title={r.emailAddress}
          >
            {r.displayName}
            {r.recipientType === 'externalUser' ? ' (external)' : ''}
            <Button
              size="small"
              appearance="subtle"
              aria-label={`Remove ${r.displayName} from ${label}`}
              onClick={() => mailbox.remove(field, r.emailAddress)}
            >
              ×
            </Button>
          </span>
        ))}
        <Input
          className={s.typed}
          aria-label={`${label}: type an address, then Enter or ;`}
          placeholder="name@example.com, then Enter"
          value={props.typing}
          onChange={(_, d) => mailbox.setTyping(field, d.value)}
          onKeyDown={onKey}
        />
      </div>
      <div className={s.picker}>
        <Field label={`Pick from the directory (${label})`} size="small">
          <Select value={pick} onChange={(_, d) => setPick(d.value)}>
            <option value="">Choose a person…</option>
            {props.directory.map((p) => (
              <option key={p.mail} value={p.mail}>
                {p.displayName}
                {p.jobTitle ? ` — ${p.jobTitle}` : ''}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          size="small"
          disabled={!pick}
          onClick={() => {
            const p = props.directory.find((x) => x.mail === pick);
            if (p) mailbox.pickFromDirectory(field, p.mail, p.displayName);
            setPick('');
          }}
        >
          Add to {label}
        </Button>
      </div>
    </div>
  );
}

function ReadView({ item }: { item: ReadMessage }) {
  const s = useStyles();
  const names = (rs: Recipient[]) => rs.map((r) => `${r.displayName} <${r.emailAddress}>`).join('; ');
  return (
    <article className={s.reading} aria-label="Reading pane" data-testid="harness-read">
      <h2 className={s.heading}>{item.subject || '(no subject)'}</h2>
      <Text>
        From: {item.from ? `${item.from.displayName} <${item.from.emailAddress}>` : '(unknown sender)'}
      </Text>
      <Text>To: {names(item.to) || '—'}</Text>
      {item.cc.length > 0 && <Text>Cc: {names(item.cc)}</Text>}
      {item.receivedDateTime && (
        <Text className={s.muted}>Received {new Date(item.receivedDateTime).toLocaleString()}</Text>
      )}
      <Text className={s.muted}>(The demo reads metadata only: there is no body to show.)</Text>
    </article>
  );
}

function ComposeView(props: { mailbox: Mailbox; item: ComposeMessage; directory: DirectoryPerson[] }) {
  const s = useStyles();
  const { mailbox, item } = props;
  return (
    <section className={s.reading} aria-label="New message" data-testid="harness-compose">
      <h2 className={s.heading}>New message</h2>
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
        <Input value={item.subject} onChange={(_, d) => mailbox.editSubject(d.value)} />
      </Field>
    </section>
  );
}

function MeetingView(props: { mailbox: Mailbox; item: ComposeAppointment; directory: DirectoryPerson[] }) {
  const s = useStyles();
  const { mailbox, item } = props;
  const time = (k: 'start' | 'end', label: string) => (
    <Field label={label}>
      <Input
        type="datetime-local"
        value={localValue(item[k])}
        onChange={(_, d) => {
          const t = Date.parse(d.value);
          if (!Number.isNaN(t)) mailbox.editAppointment({ [k]: new Date(t) });
        }}
      />
    </Field>
  );
  return (
    <section className={s.reading} aria-label="New meeting" data-testid="harness-meeting">
      <h2 className={s.heading}>New meeting (you are the organiser)</h2>
      <Field label="Title">
        <Input value={item.subject} onChange={(_, d) => mailbox.editAppointment({ subject: d.value })} />
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

export function Harness(props: {
  mailbox: Mailbox;
  inbox: () => InboxResponse['messages'];
  toRead: (i: number) => ReadMessage;
  newMessage: () => ComposeMessage;
  newMeeting: () => ComposeAppointment;
  directory: () => DirectoryPerson[];
}) {
  const { mailbox } = props;
  useSyncExternalStore(
    (cb) => mailbox.subscribe({ onChange: cb }),
    () => mailbox.version,
  );
  // The pane's frame is the page's own (index.html), outside React: the Outlook shell around it
  // follows the theme, and reloading the pane is reloading that frame.
  useEffect(() => {
    document.body.dataset.theme = mailbox.theme;
  }, [mailbox.theme]);
  const s = useStyles();
  const item = mailbox.selected;
  const selectedId = item?.kind === 'read' ? item.id : null;
  return (
    <FluentProvider theme={THEMES[mailbox.theme]}>
      <div className={s.root}>
        <header className={s.bar}>
          <h1 className={s.barTitle}>Outlook (Rapport's stand-in)</h1>
          <div className={s.barGroup}>
            <Button onClick={() => mailbox.select(props.newMessage())}>New email</Button>
            <Button onClick={() => mailbox.select(props.newMeeting())}>New meeting</Button>
            <Button onClick={() => mailbox.select(null)}>Nothing selected</Button>
          </div>
          <div className={s.barGroup}>
            <Switch
              label="Pane pinned"
              checked={mailbox.pinned}
              onChange={(_, d) => mailbox.setPinned(d.checked)}
            />
          </div>
          <div className={s.barGroup}>
            <RadioGroup
              layout="horizontal"
              aria-label="Outlook theme"
              value={mailbox.theme}
              onChange={(_, d) => mailbox.setTheme(d.value as ThemeName)}
            >
              <Radio value="light" label="Light" />
              <Radio value="dark" label="Dark" />
              <Radio value="contrast" label="High contrast" />
            </RadioGroup>
          </div>
        </header>
        <div className={s.body}>
          <nav className={s.inbox} aria-label="Inbox">
            <ul className={s.list}>
              {props.inbox().map((m, i) => (
                <li key={m.id}>
                  <button
                    type="button"
                    className={`${s.message} ${selectedId === m.id ? s.selected : ''}`}
                    aria-current={selectedId === m.id ? 'true' : undefined}
                    data-testid="harness-message"
                    data-from={m.from?.emailAddress ?? ''}
                    onClick={() => mailbox.select(props.toRead(i))}
                  >
                    <span className={s.from}>{m.from?.displayName ?? '(unknown sender)'}</span>
                    <span className={s.subject}>{m.subject || '(no subject)'}</span>
                    {m.receivedDateTime && (
                      <span className={s.muted}>{new Date(m.receivedDateTime).toLocaleDateString()}</span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <main style={{ minHeight: 0, display: 'grid' }}>
            {!mailbox.itemReady && !mailbox.profile.emailAddress && (
              <div className={s.reading}>
                <Text>Opening the demo mailbox…</Text>
              </div>
            )}
            {item === null && mailbox.itemReady && (
              <div className={s.reading} data-testid="harness-none">
                <Text>Nothing is selected.</Text>
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
    </FluentProvider>
  );
}
