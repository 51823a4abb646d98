import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  SpinButton,
  Switch,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { LoadError } from '../../components/LoadError';
import { ViewSkeleton } from '../../components/ViewSkeleton';
import { ApiError, type TokenSource } from '../../lib/api';
import { downloadExport } from '../../lib/downloadExport';
import { deleteMyData, type Settings, saveSettings, useSettings } from './api';
import { AutomatedSenders } from './AutomatedSenders';
import { DeleteData } from './DeleteData';
import { type SaveOutcome, SaveStatus } from './SaveStatus';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalL, maxWidth: '560px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const lines = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

function Num({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
}) {
  return (
    <Field label={label}>
      <SpinButton
        value={value}
        min={min}
        max={max}
        onChange={(_, d) => {
          const n = d.value ?? Number(d.displayValue);
          if (Number.isFinite(n)) onChange(Math.min(max, Math.max(min, Math.round(n))));
        }}
      />
    </Field>
  );
}

function Form({ initial, getToken }: { initial: Settings; getToken: TokenSource }) {
  const s = useStyles();
  const [v, setV] = useState(initial);
  const [stored, setStored] = useState(initial);
  const [people, setPeople] = useState(initial.excludedPeople.join('\n'));
  const [domains, setDomains] = useState(initial.excludedDomains.join('\n'));
  const [status, setStatus] = useState<SaveOutcome | null>(null);
  const set = <K extends keyof Settings>(k: K, x: Settings[K]) => setV((o) => ({ ...o, [k]: x }));
  const save = async () => {
    setStatus(null);
    try {
      // The automated-sender lists are changed by their own section: never overwritten from here.
      const { countAsColleagues: _counted, markedAutomated: _marked, ...edited } = v;
      const saved = await saveSettings(getToken, {
        ...edited,
        excludedPeople: lines(people),
        excludedDomains: lines(domains),
      });
      setV(saved);
      setStored(saved);
      setStatus({ ok: true, text: 'Settings saved' });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? (e.detail ?? e.title) : String(e) });
    }
  };
  return (
    <form
      className={s.form}
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className={s.row}>
        <Num
          label="Leadership cadence (days)"
          value={v.cadenceDays.leadership}
          min={1}
          max={365}
          onChange={(n) => set('cadenceDays', { ...v.cadenceDays, leadership: n })}
        />
        <Num
          label="Peer cadence (days)"
          value={v.cadenceDays.peer}
          min={1}
          max={365}
          onChange={(n) => set('cadenceDays', { ...v.cadenceDays, peer: n })}
        />
      </div>
      <div className={s.row}>
        <Num
          label="Coverage target (good per function)"
          value={v.coverageTarget}
          min={1}
          max={20}
          onChange={(n) => set('coverageTarget', n)}
        />
        <Num
          label="Weekly invite budget"
          value={v.weeklyInviteBudget}
          min={0}
          max={20}
          onChange={(n) => set('weeklyInviteBudget', n)}
        />
      </div>
      <div className={s.row}>
        <Field label="Lunch from">
          <Input
            type="time"
            value={v.lunchWindow.start}
            onChange={(_, d) => set('lunchWindow', { ...v.lunchWindow, start: d.value })}
          />
        </Field>
        <Field label="Lunch until">
          <Input
            type="time"
            value={v.lunchWindow.end}
            onChange={(_, d) => set('lunchWindow', { ...v.lunchWindow, end: d.value })}
          />
        </Field>
      </div>
      <Field label="Excluded people" hint="E-mail addresses, one a line: never scored nor suggested.">
        <Textarea value={people} onChange={(_, d) => setPeople(d.value)} resize="vertical" />
      </Field>
      <Field label="Excluded domains" hint="Such as contoso.com, one a line.">
        <Textarea value={domains} onChange={(_, d) => setDomains(d.value)} resize="vertical" />
      </Field>
      <Switch
        label="Keep meeting subjects (mail subjects are never kept)"
        checked={v.storeMeetingSubjects}
        onChange={(_, d) => set('storeMeetingSubjects', d.checked)}
      />
      <Field hint="Colleagues who use Rapport will never get you proposed for a lunch, coffee or 1:1, and no one is told why.">
        <Switch
          label="Don’t suggest me to colleagues"
          checked={v.doNotSuggestMe}
          onChange={(_, d) => set('doNotSuggestMe', d.checked)}
        />
      </Field>
      <Field
        hint={
          v.weeklyInviteBudget > 0
            ? `Off by default. When on, Rapport sends up to ${v.weeklyInviteBudget} of the week’s suggested invites in your name, at the first mutual free time, without asking you first. They show under Suggestions → Sent, and on your calendar like any meeting you send.`
            : 'Off by default. Your weekly invite budget is 0, so nothing would be sent: raise it to use this.'
        }
      >
        <Switch
          label="Send my suggestions automatically, within my weekly budget"
          checked={v.autoSend}
          onChange={(_, d) => set('autoSend', d.checked)}
        />
      </Field>
      {v.autoSend && !stored.autoSend ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            Once saved, invitations go out to colleagues without a click from you (up to{' '}
            {v.weeklyInviteBudget} a week).
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.actions}>
        <Button appearance="primary" type="submit">
          Save settings
        </Button>
      </div>
      <SaveStatus status={status} />
    </form>
  );
}

/** Your settings, your data's export, and deleting all of it. */
export default function SettingsView({
  getToken,
  onDeleted,
}: {
  getToken: TokenSource;
  onDeleted: () => void;
}) {
  const s = useStyles();
  const { result, reload } = useSettings(getToken);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className={s.form}>
      <Text as="h2" size={500} weight="semibold">
        Settings
      </Text>
      {result.state === 'loading' ? (
        <ViewSkeleton label="Loading settings" />
      ) : result.state === 'error' ? (
        <LoadError what="your settings" error={result.error} retry={reload} />
      ) : (
        <Form initial={result.data} getToken={getToken} />
      )}
      <AutomatedSenders getToken={getToken} />
      <Text as="h2" size={500} weight="semibold">
        Your data
      </Text>
      <div className={s.actions}>
        <Button
          onClick={() => void downloadExport(getToken, 'json').catch((e: unknown) => setError(String(e)))}
        >
          Export my data
        </Button>
        <DeleteData
          onConfirm={async () => {
            try {
              await deleteMyData(getToken);
              onDeleted();
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            }
          }}
        />
      </div>
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
