import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Rating,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useId, useState } from 'react';
import type { TokenSource } from '../lib/api';
import { BAND_LABEL, FLAG_LABEL } from '../lib/health';
import type { Band } from '../lib/mapApi';
import { addToMap, countAsColleague, logAppreciation, type PaneColleagueCard, rate, saveNote } from './api';
import { ago, dueText, managerHint, onMap, roleText } from './format';

export const useCardStyles = makeStyles({
  card: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  head: { display: 'grid', gap: tokens.spacingVerticalXXS },
  name: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    '& dd': { margin: 0 },
    '& dt': { color: tokens.colorNeutralForeground3 },
  },
  form: { display: 'grid', gap: tokens.spacingVerticalS },
});

const BAND_COLOR: Record<Band, 'success' | 'warning' | 'danger' | 'subtle'> = {
  good: 'success',
  fair: 'warning',
  poor: 'danger',
  none: 'subtle',
};

/** A tiny line of monthly strength, oldest first (no chart library: the pane stays small). */
export function Sparkline({ series, label }: { series: number[]; label: string }) {
  if (series.length < 2) return null;
  const w = 64;
  const h = 18;
  const max = Math.max(1, ...series);
  const d = series
    .map(
      (v, i) =>
        `${i ? 'L' : 'M'}${(1 + (i * (w - 2)) / (series.length - 1)).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`,
    )
    .join('');
  return (
    <svg width={w} height={h} role="img" aria-label={label} data-testid="pane-sparkline">
      <path d={d} style={{ fill: 'none', stroke: tokens.colorBrandForeground1, strokeWidth: 1.5 }} />
    </svg>
  );
}

/** An API problem's detail (PaneApiError and the suggestions' ApiError alike), else the message. */
export const errorText = (e: unknown) =>
  e && typeof e === 'object' && 'detail' in e && typeof e.detail === 'string'
    ? e.detail
    : e instanceof Error
      ? e.message
      : String(e);

// The suggestions engine's card (menus, dialogs, radios) loads on first use: the pane opens fast.
const SuggestPanel = lazy(() => import('./SuggestPanel'));

type Panel = 'add' | 'note' | 'thanks' | 'suggest' | null;
export interface Note {
  intent: 'success' | 'error';
  text: string;
}

/** One colleague on the email: how the relationship stands, why they matter, what is due, actions. */
export function ColleagueCard({
  card,
  getToken,
  now,
  onChanged,
  openInTeams,
}: {
  card: PaneColleagueCard;
  getToken: TokenSource;
  now: number;
  /** Something was saved: the pane asks for the cards again. */
  onChanged: () => void;
  openInTeams: (address: string) => void;
}) {
  const c = useCardStyles();
  const headingId = useId();
  const p = card.person;
  const [panel, setPanel] = useState<Panel>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const accepted = onMap(p);
  const name = p?.displayName ?? card.address;
  const hint = managerHint(card);

  const open = (next: Panel, initial = '') => {
    setPanel(panel === next ? null : next);
    setText(initial);
    setNote(null);
  };
  const run = async (done: string, f: () => Promise<unknown>) => {
    setBusy(true);
    setNote(null);
    try {
      await f();
      setNote({ intent: 'success', text: done });
      setPanel(null);
      onChanged();
    } catch (e) {
      setNote({ intent: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const form = (label: string, submit: string, onSubmit: () => void, hintText?: string) => (
    <form
      className={c.form}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Field label={label} hint={hintText}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" autoFocus />
      </Field>
      <div className={c.row}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {submit}
        </Button>
        <Button onClick={() => setPanel(null)}>Cancel</Button>
      </div>
    </form>
  );

  const ev = p?.evidence ?? null;
  const selfRating = p?.stakeholder?.selfRating ?? p?.calibration.selfRating ?? null;
  const due = p && accepted ? dueText(p.health.daysOverdue) : null;
  const series = p?.series ?? [];
  return (
    <article
      className={c.card}
      aria-labelledby={headingId}
      data-testid="pane-card"
      data-address={card.address}
      data-on-map={accepted || undefined}
      aria-busy={busy || undefined}
    >
      <div className={c.head}>
        <Text as="h2" size={400} weight="semibold" id={headingId} className={c.name}>
          {name}
        </Text>
        {p ? (
          <Text size={200} className={c.muted}>
            {[p.jobTitle, p.function].filter(Boolean).join(' · ')}
          </Text>
        ) : null}
      </div>
      {hint ? (
        <MessageBar intent="warning" data-testid="pane-manager-hint">
          <MessageBarBody>{hint}</MessageBarBody>
        </MessageBar>
      ) : null}
      {p && p.health.band !== 'none' ? (
        <>
          <div className={c.row}>
            <Badge appearance="filled" color={BAND_COLOR[p.health.band]}>
              {BAND_LABEL[p.health.band]} health
            </Badge>
            <Text size={200}>{selfRating ? `You rate it ${selfRating}/5` : 'Not rated by you'}</Text>
            <Text size={200} className={c.muted}>
              Strength {p.strength.toFixed(0)}
            </Text>
            <Sparkline
              series={series}
              label={`Strength over the last ${series.length} months: ${series[0]?.toFixed(0)} to ${series.at(-1)?.toFixed(0)}`}
            />
          </div>
          {p.calibration.flag ? (
            <Text size={200} className={c.muted}>
              Check: {FLAG_LABEL[p.calibration.flag]}
            </Text>
          ) : null}
          <dl className={c.facts}>
            <dt>Last met</dt>
            <dd>{ago(ev?.lastMet, now) ?? 'never'}</dd>
            <dt>Last in touch</dt>
            <dd>{ago(ev?.lastContact, now) ?? 'never'}</dd>
            {roleText(p) ? (
              <>
                <dt>Role</dt>
                <dd>{roleText(p)}</dd>
              </>
            ) : null}
            {p.stakeholder?.why ? (
              <>
                <dt>Why they matter</dt>
                <dd>{p.stakeholder.why}</dd>
              </>
            ) : null}
          </dl>
          {due ? (
            <Text weight="semibold" data-testid="pane-due">
              {due}
            </Text>
          ) : null}
          <Text size={200}>{p.explanation}</Text>
        </>
      ) : card.automated ? (
        <Text data-testid="pane-automated">
          Not counted as a colleague: {card.automated.why}. It is not on your map nor suggested.
        </Text>
      ) : (
        <Text data-testid="pane-no-evidence">
          Rapport has no meetings or mail with {p ? p.displayName.split(' ')[0] : 'them'} yet
          {card.inDirectory ? '' : ' (not found in your directory)'}.
          {p?.stakeholder?.why ? ` Why they matter: ${p.stakeholder.why}` : ''}
        </Text>
      )}
      {card.automated ? (
        <div className={c.row}>
          <Button
            disabled={busy}
            onClick={() =>
              void run(`${card.address} counts as a colleague now`, () =>
                countAsColleague(getToken, card.address),
              )
            }
          >
            Count as a colleague
          </Button>
        </div>
      ) : !accepted ? (
        <div className={c.row}>
          <Button appearance="primary" aria-expanded={panel === 'add'} onClick={() => open('add')}>
            Add to map
          </Button>
        </div>
      ) : (
        <Field label="Your rating (1–5)">
          <Rating
            value={selfRating ?? 0}
            max={5}
            size="medium"
            itemLabel={(n) => `${n} of 5`}
            onChange={(_, d) =>
              void run('Rating saved', () => rate(getToken, card.address, d.value, accepted))
            }
          />
        </Field>
      )}
      <div className={c.row}>
        {accepted ? (
          <>
            <Button
              size="small"
              aria-expanded={panel === 'note'}
              onClick={() => open('note', p?.stakeholder?.notes ?? '')}
            >
              Note
            </Button>
            <Button size="small" aria-expanded={panel === 'thanks'} onClick={() => open('thanks')}>
              Log appreciation
            </Button>
          </>
        ) : null}
        {p ? (
          <Button size="small" aria-expanded={panel === 'suggest'} onClick={() => open('suggest')}>
            Suggest lunch or coffee
          </Button>
        ) : null}
        <Button size="small" appearance="subtle" onClick={() => openInTeams(card.address)}>
          Open in Teams
        </Button>
      </div>
      {panel === 'add'
        ? form(
            `Why does ${name.split(' ')[0]} matter to you?`,
            'Add to map',
            () => void run('Added to your map', () => addToMap(getToken, card.address, text)),
            'Private to you.',
          )
        : null}
      {panel === 'note'
        ? form(
            'Your notes',
            'Save note',
            () => void run('Note saved', () => saveNote(getToken, card.address, text)),
            'Private to you.',
          )
        : null}
      {panel === 'thanks'
        ? form(
            'What did they do that you appreciate?',
            'Log',
            () =>
              void (text.trim()
                ? run('Appreciation logged', () => logAppreciation(getToken, card.address, text))
                : undefined),
          )
        : null}
      {panel === 'suggest' && p ? (
        <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>
          <SuggestPanel
            person={p}
            getToken={getToken}
            onDone={(n) => {
              setPanel(null);
              setNote(n);
            }}
          />
        </Suspense>
      ) : null}
      {note ? (
        <MessageBar intent={note.intent} role={note.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      ) : null}
    </article>
  );
}
