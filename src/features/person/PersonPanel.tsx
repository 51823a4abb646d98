import {
  Badge,
  Button,
  Divider,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  OverlayDrawer,
  Input,
  Rating,
  Select,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { TokenSource } from '../../lib/api';
import { chatLink } from '../../lib/deepLinks';
import type { EvidenceInfo, MapPerson } from '../../lib/mapApi';
import { shortDate } from '../../lib/dates';
import { BAND_LABEL, FLAG_LABEL } from '../../lib/health';
import { ROLE_TAGS, type RoleTag, saveStakeholder } from '../../lib/stakeholderApi';
import { appreciate, rate } from './api';
import { Timeline } from './Timeline';

const useStyles = makeStyles({
  body: { display: 'grid', gap: tokens.spacingVerticalM, paddingBottom: tokens.spacingVerticalXL },
  muted: { color: tokens.colorNeutralForeground3 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dd': { margin: 0 },
    '& dt': { color: tokens.colorNeutralForeground3 },
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function Evidence({ e }: { e: EvidenceInfo }) {
  const s = useStyles();
  const rows: Array<[string, string | number]> = [
    ['1:1 meetings', e.oneOnOnes],
    ['Small meetings', e.groupMeetings],
    ['Large meetings', e.largeMeetings],
    ['Mail sent / received', `${e.mailsSent} / ${e.mailsReceived}`],
    ['Two-way exchanges', e.twoWayExchanges],
    ['Copied only', e.ccs],
    ['Last met', shortDate(e.lastMet)],
    ['Last contact', shortDate(e.lastContact)],
  ];
  return (
    <dl className={s.facts} aria-label={`Evidence from the last ${e.windowDays} days`}>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One person: the evidence, why they matter, notes, your rating, and adding them to your map. */
export default function PersonPanel({
  person: p,
  getToken,
  openLink,
  onClose,
  onChanged,
  onSuggest,
}: {
  person: MapPerson;
  getToken: TokenSource;
  /** The host's way out of the page (Teams: app.openLink; elsewhere a new tab). */
  openLink: (url: string) => Promise<void>;
  onClose: () => void;
  onChanged: () => void;
  /**
   * Proposes a lunch or coffee with them in mutual free time: the tab's Suggestions view, opened
   * for this person (given by features/app, so this feature imports no other).
   */
  onSuggest?: (address: string) => void;
}) {
  const s = useStyles();
  const st = p.stakeholder;
  const accepted = st?.status === 'accepted';
  const [why, setWhy] = useState(st?.why ?? '');
  const [notes, setNotes] = useState(st?.notes ?? '');
  const [priorities, setPriorities] = useState(st?.priorities ?? '');
  const [challenges, setChallenges] = useState(st?.challenges ?? '');
  const [roleTag, setRoleTag] = useState<RoleTag | ''>((st?.roleTag as RoleTag | null | undefined) ?? '');
  const [cadence, setCadence] = useState(st?.cadenceDays ? String(st.cadenceDays) : '');
  const [thanks, setThanks] = useState('');
  // After logging, focus returns to the note field: the Log button disables itself, and focus must
  // stay inside the drawer (Escape closes it, Tab cycles in it).
  const thanksRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = async (what: string, f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await f();
      setSaved(what);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const rating = st?.selfRating ?? p.calibration.selfRating ?? 0;
  return (
    <OverlayDrawer
      open
      position="end"
      size="medium"
      onOpenChange={(_, d) => !d.open && onClose()}
      data-testid="person-panel"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button appearance="subtle" aria-label="Close" onClick={onClose}>
              ✕
            </Button>
          }
        >
          {p.displayName}
        </DrawerHeaderTitle>
        <Text className={s.muted}>{[p.jobTitle, p.function, p.relation].filter(Boolean).join(' · ')}</Text>
      </DrawerHeader>
      <DrawerBody className={s.body}>
        <div className={s.actions}>
          <Badge
            appearance="filled"
            color={
              p.health.band === 'good'
                ? 'success'
                : p.health.band === 'fair'
                  ? 'warning'
                  : p.health.band === 'poor'
                    ? 'danger'
                    : 'subtle'
            }
          >
            {BAND_LABEL[p.health.band]} health
          </Badge>
          <Badge appearance="tint">Strength {p.strength.toFixed(1)}</Badge>
          {accepted ? (
            <Badge appearance="tint" color="brand">
              On your map
            </Badge>
          ) : null}
        </div>
        <Text>{p.explanation}</Text>
        <div className={s.actions}>
          <Button onClick={() => void openLink(chatLink([p.address]))}>Chat</Button>
          {onSuggest ? <Button onClick={() => onSuggest(p.address)}>Suggest lunch or coffee</Button> : null}
        </div>
        {p.evidence ? <Evidence e={p.evidence} /> : <Text className={s.muted}>No meetings or mail yet.</Text>}
        {p.nextAction ? (
          <MessageBar intent="info">
            <MessageBarBody>{p.nextAction}</MessageBarBody>
          </MessageBar>
        ) : null}
        {p.id ? (
          // Wrapped: the Card clips its overflow, which would let the body's grid squeeze it.
          <div>
            <Timeline key={p.id} personId={p.id} name={p.displayName} getToken={getToken} />
          </div>
        ) : null}
        <Divider />
        <Field
          label="Your rating of this relationship (1–5)"
          hint={p.calibration.flag ? `Check: ${FLAG_LABEL[p.calibration.flag]}` : undefined}
        >
          <Rating
            data-testid="self-rating"
            value={rating}
            max={5}
            itemLabel={(n) => `${n} of 5`}
            onChange={(_, d) => void run('Rating saved', () => rate(getToken, p.address, d.value, accepted))}
          />
        </Field>
        <Field label="Why they matter">
          <Textarea value={why} onChange={(_, d) => setWhy(d.value)} resize="vertical" />
        </Field>
        <Field label="Their priorities">
          <Textarea value={priorities} onChange={(_, d) => setPriorities(d.value)} resize="vertical" />
        </Field>
        <Field label="Their challenges">
          <Textarea value={challenges} onChange={(_, d) => setChallenges(d.value)} resize="vertical" />
        </Field>
        <Field label="Notes">
          <Textarea value={notes} onChange={(_, d) => setNotes(d.value)} resize="vertical" />
        </Field>
        <div className={s.actions}>
          <Field label="Role on your map">
            <Select value={roleTag} onChange={(_, d) => setRoleTag(d.value as RoleTag | '')}>
              <option value="">—</option>
              {ROLE_TAGS.map((r) => (
                <option key={r} value={r}>
                  {r.replace('-', ' ')}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Cadence (days)" hint={`Default: ${p.health.cadenceDays}`}>
            <Input type="number" min={1} max={365} value={cadence} onChange={(_, d) => setCadence(d.value)} />
          </Field>
        </div>
        <div className={s.actions}>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() =>
              void run('Saved', () =>
                saveStakeholder(getToken, p.address, {
                  status: 'accepted',
                  why: why || null,
                  notes: notes || null,
                  priorities: priorities || null,
                  challenges: challenges || null,
                  roleTag: roleTag || null,
                  cadenceDays: cadence ? Math.min(365, Math.max(1, Math.round(Number(cadence)))) : null,
                }),
              )
            }
          >
            {accepted ? 'Save' : 'Add to my map'}
          </Button>
          {accepted ? (
            <Button
              disabled={busy}
              onClick={() =>
                void run('Removed from your map', () =>
                  saveStakeholder(getToken, p.address, { status: 'rejected' }),
                )
              }
            >
              Remove
            </Button>
          ) : null}
        </div>
        {accepted ? (
          <section aria-label="Appreciation log" data-testid="appreciations">
            <Divider />
            <Text weight="semibold">Appreciation log</Text>
            {(st?.appreciations ?? []).length ? (
              <ul>
                {(st?.appreciations ?? []).map((a) => (
                  <li key={a.id}>
                    <Text className={s.muted}>{shortDate(a.at)}</Text> {a.note}
                  </li>
                ))}
              </ul>
            ) : (
              <Text className={s.muted}> Nothing yet: who helped you lately?</Text>
            )}
            <div className={s.actions}>
              <Input
                ref={thanksRef}
                aria-label="What did they do that you appreciate?"
                placeholder="Thanked them for…"
                value={thanks}
                onChange={(_, d) => setThanks(d.value)}
              />
              <Button
                disabled={busy || !thanks.trim()}
                onClick={() =>
                  void run('Appreciation logged', async () => {
                    await appreciate(getToken, p.address, thanks.trim());
                    setThanks('');
                    thanksRef.current?.focus();
                  })
                }
              >
                Log
              </Button>
            </div>
          </section>
        ) : null}
        {saved ? (
          <MessageBar intent="success" role="status">
            <MessageBarBody>{saved}</MessageBarBody>
          </MessageBar>
        ) : null}
        {error ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        ) : null}
      </DrawerBody>
    </OverlayDrawer>
  );
}
