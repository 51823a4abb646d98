import {
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { Empty, LoadError } from '../../components/LoadError';
import { Section } from '../../components/Section';
import { ViewSkeleton } from '../../components/ViewSkeleton';
import { ApiError, type TokenSource } from '../../lib/api';
import {
  addToMeeting,
  anotherTime,
  type BringSuggestion,
  dismissSuggestion,
  loadSuggestions,
  refreshSuggestions,
  type SentInvite,
  snoozeSuggestion,
  sendSuggestion,
  type Suggestion,
  type SuggestionsResponse,
  suggestFor,
  useSuggestions,
} from './api';
import {
  answerOf,
  budgetLabel,
  formatInstant,
  formatSlot,
  KIND_LABEL,
  meetingName,
  withoutAsked,
} from './format';
import { type CardActions, type CardMessage, SnoozedCard, SuggestionCard } from './SuggestionCard';

const useStyles = makeStyles({
  view: { display: 'grid', gap: tokens.spacingVerticalL },
  header: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  title: { margin: 0, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  spacer: { flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground3 },
  cards: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))',
    alignItems: 'start',
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  row: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
  },
  who: { display: 'grid' },
});

const DAY = 86_400_000;
const SNOOZE_DAYS = 7;
const firstName = (name: string) => name.split(' ')[0] || name;
const problemText = (e: unknown) =>
  e instanceof ApiError ? (e.detail ?? e.title) : e instanceof Error ? e.message : String(e);

type Asked =
  | { state: 'loading' }
  | { state: 'ready'; data: Suggestion }
  | { state: 'error'; error: Error }
  | { state: 'done' };

function BringList({
  items,
  zone,
  getToken,
  onAdded,
}: {
  items: BringSuggestion[];
  zone: string;
  getToken: TokenSource;
  onAdded: (b: BringSuggestion) => void;
}) {
  const s = useStyles();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; text: string } | null>(null);
  if (!items.length)
    return (
      <Text className={s.muted}>No meetings with customers coming up where a colleague would help.</Text>
    );
  const add = async (b: BringSuggestion) => {
    setBusy(b.id);
    setError(null);
    try {
      onAdded((await addToMeeting(getToken, b.id)).bring);
    } catch (e) {
      setError({ id: b.id, text: problemText(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <ul className={s.list}>
      {items.map((b) => (
        <li key={b.id} className={s.row} data-testid="bring">
          <span className={s.who}>
            <Text weight="semibold">{meetingName(b)}</Text>
            <Text size={200}>{formatSlot(b.meeting, zone)}</Text>
            <Text size={200}>
              Bring {b.colleague.displayName}
              {b.colleague.jobTitle ? ` · ${b.colleague.jobTitle}` : ''} · {b.colleague.function}
            </Text>
            <Text size={200} className={s.muted}>
              {b.why}
              {b.meeting.isOrganizer ? '' : ' · You do not organise it: the invitation is forwarded.'}
            </Text>
            {error?.id === b.id ? (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>{error.text}</MessageBarBody>
              </MessageBar>
            ) : null}
          </span>
          {b.state === 'added' ? (
            <Badge appearance="tint" color="success">
              Added
            </Badge>
          ) : (
            <Button
              size="small"
              disabled={busy === b.id}
              onClick={() => void add(b)}
              aria-label={`Add ${b.colleague.displayName} to ${meetingName(b)}`}
            >
              Add
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

function SentList({ items, zone }: { items: SentInvite[]; zone: string }) {
  const s = useStyles();
  if (!items.length)
    return (
      <Text className={s.muted}>Nothing sent in the last eight weeks: the invites you send show here.</Text>
    );
  return (
    <ul className={s.list}>
      {items.map((i) => {
        const answer = answerOf(i, zone);
        return (
          <li key={i.id} className={s.row} data-testid="sent-invite">
            <span className={s.who}>
              <Text weight="semibold">
                {KIND_LABEL[i.kind]} with {i.person.displayName}
              </Text>
              <Text size={200}>{formatSlot(i, zone)}</Text>
              <Text size={200} className={s.muted}>
                Sent {formatInstant(i.sentAt, zone)}
                {i.auto ? ' · automatically' : ''}
              </Text>
            </span>
            <Badge appearance="tint" color={answer.tone} data-testid="sent-answer">
              {answer.label}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Suggested invites: this week's lunches, coffees and 1:1s with the people who are due, three
 * mutual free times each, the exact invite they would receive, one click to send within the weekly
 * budget; colleagues worth bringing to customer meetings; the invites sent and how they were answered.
 * `suggestFor` (from the person panel or a due person) asks for one person's suggestion, shown first.
 */
export default function SuggestionsView({
  getToken,
  suggestFor: address = null,
}: {
  getToken: TokenSource;
  suggestFor?: string | null;
}) {
  const s = useStyles();
  const { result, reload, update, replace } = useSuggestions(getToken);
  const [asked, setAsked] = useState<Asked | null>(address ? { state: 'loading' } : null);
  const [askAttempt, setAskAttempt] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [messages, setMessages] = useState<Record<string, CardMessage>>({});
  const [announce, setAnnounce] = useState<CardMessage | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!address) return;
    let live = true;
    setAsked({ state: 'loading' });
    suggestFor(getToken, address)
      .then((r) => {
        if (!live) return;
        setAsked({ state: 'ready', data: r.suggestion });
        setFocus(r.suggestion.id);
      })
      .catch(
        (e: unknown) =>
          live && setAsked({ state: 'error', error: e instanceof Error ? e : new Error(String(e)) }),
      );
    return () => {
      live = false;
    };
  }, [getToken, address, askAttempt]);
  useEffect(() => {
    if (focus === 'title') title.current?.focus();
  }, [focus]);

  if (result.state === 'loading') return <ViewSkeleton label="Loading your suggestions" />;
  if (result.state === 'error')
    return <LoadError what="your suggestions" error={result.error} retry={reload} />;
  const data = result.data;
  const zone = data.timeZone;
  const askedOne = asked?.state === 'ready' ? asked.data : null;
  const proposed = withoutAsked(
    data.suggestions.filter((x) => x.state === 'proposed'),
    askedOne,
  );
  const snoozed = data.suggestions.filter((x) => x.state === 'snoozed');

  const say = (id: string, m: CardMessage | null) =>
    setMessages((all) => {
      const next = { ...all };
      if (m) next[id] = m;
      else delete next[id];
      return next;
    });
  /** Changes one suggestion, wherever it is shown (the one asked for, or the week's list). */
  const patch = (id: string, f: (x: Suggestion) => Suggestion) => {
    setAsked((a) => (a?.state === 'ready' && a.data.id === id ? { state: 'ready', data: f(a.data) } : a));
    update((d) => ({ ...d, suggestions: d.suggestions.map((x) => (x.id === id ? f(x) : x)) }));
  };
  /** Takes a card away and puts focus on the one that takes its place (or the view's title). */
  const remove = (gone: (x: Suggestion) => boolean, from: Suggestion) => {
    const shown = [...(askedOne ? [askedOne] : []), ...proposed];
    const at = shown.findIndex((x) => x.id === from.id);
    const rest = shown.filter((x) => !gone(x));
    const next = rest[Math.min(Math.max(at, 0), rest.length - 1)];
    setAsked((a) => (a?.state === 'ready' && gone(a.data) ? { state: 'done' } : a));
    update((d) => ({ ...d, suggestions: d.suggestions.filter((x) => !gone(x)) }));
    setFocus(next ? next.id : 'title');
  };
  const act = async (x: Suggestion, f: () => Promise<void>) => {
    setBusy(x.id);
    say(x.id, null);
    setAnnounce(null);
    setFocus(null);
    try {
      await f();
    } catch (e) {
      say(x.id, { intent: 'error', text: problemText(e) });
    } finally {
      setBusy(null);
    }
  };

  const send = (x: Suggestion, start: string) =>
    act(x, async () => {
      try {
        const r = await sendSuggestion(getToken, x.id, start);
        remove((y) => y.id === x.id, x);
        update((d) => ({
          ...d,
          budget: r.budget,
          sent: [r.invite, ...d.sent.filter((i) => i.id !== r.invite.id)],
        }));
        setAnnounce({
          intent: 'success',
          text: `Invite sent to ${x.person.displayName} for ${formatSlot(r.invite, zone)}. Their answer shows under Sent.`,
        });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.status === 404) {
          remove((y) => y.id === x.id, x);
          setAnnounce({ intent: 'warning', text: e.detail ?? 'This suggestion is no longer there.' });
          return;
        }
        if (e.status === 409 && e.code === 'slot_taken') {
          // Fresh slots: the week's list again (and the one asked for, asked again when not in it).
          const fresh = await refreshedList();
          const again = fresh.suggestions.find((y) => y.id === x.id);
          if (asked?.state === 'ready' && asked.data.id === x.id)
            setAsked({
              state: 'ready',
              data: again ?? (await suggestFor(getToken, x.person.address)).suggestion,
            });
          say(x.id, { intent: 'warning', text: 'That time was just taken — here are the next free times.' });
          return;
        }
        if (e.status === 409 && e.code === 'budget_exhausted') void refreshedList().catch(() => undefined);
        throw e;
      }
    });
  const refreshedList = async (): Promise<SuggestionsResponse> => {
    const fresh = await loadSuggestions(getToken);
    replace(fresh);
    return fresh;
  };
  const actions: CardActions = {
    onSend: (x, start) => void send(x, start),
    onAnother: (x) =>
      void act(x, async () => {
        const r = await anotherTime(getToken, x.id);
        patch(x.id, () => r.suggestion);
        say(x.id, {
          intent: r.suggestion.slots.length ? 'info' : 'warning',
          text: r.suggestion.slots.length
            ? 'Here are the next free times.'
            : 'No more free times found in the coming weeks.',
        });
      }),
    onSnooze: (x) =>
      void act(x, async () => {
        await snoozeSuggestion(getToken, x.id, SNOOZE_DAYS);
        const until = new Date(Date.now() + SNOOZE_DAYS * DAY).toISOString();
        remove((y) => y.id === x.id, x);
        update((d) => ({
          ...d,
          suggestions: [
            ...d.suggestions.filter((y) => y.id !== x.id),
            { ...x, state: 'snoozed', snoozedUntil: until },
          ],
        }));
        setAnnounce({ intent: 'info', text: `${x.person.displayName} snoozed for a week.` });
        reload();
      }),
    onDismiss: (x, scope) =>
      void act(x, async () => {
        await dismissSuggestion(getToken, x.id, scope);
        remove((y) => (scope === 'person' ? y.person.address === x.person.address : y.id === x.id), x);
        setAnnounce({
          intent: 'info',
          text:
            scope === 'person'
              ? `Rapport will not suggest ${firstName(x.person.displayName)} again.`
              : 'Suggestion dismissed.',
        });
        reload();
      }),
  };
  const refresh = async () => {
    setRefreshing(true);
    setAnnounce(null);
    try {
      replace(await refreshSuggestions(getToken));
      setMessages({});
      setAnnounce({ intent: 'success', text: 'Suggestions prepared again.' });
    } catch (e) {
      setAnnounce({ intent: 'error', text: problemText(e) });
    } finally {
      setRefreshing(false);
    }
  };

  const card = (x: Suggestion, isAsked = false) => (
    <li key={x.id}>
      <SuggestionCard
        s={x}
        zone={zone}
        budget={data.budget}
        busy={busy === x.id}
        message={messages[x.id] ?? null}
        focus={focus === x.id}
        asked={isAsked}
        actions={actions}
      />
    </li>
  );

  return (
    <div className={s.view} data-testid="suggestions-view">
      <div className={s.header}>
        <Text as="h2" size={500} weight="semibold" ref={title} tabIndex={-1} className={s.title}>
          Suggested invites
        </Text>
        <Badge
          appearance="filled"
          color={data.budget.remaining > 0 ? 'brand' : 'warning'}
          size="large"
          data-testid="invite-budget"
        >
          {budgetLabel(data.budget)}
        </Badge>
        <span className={s.spacer} />
        {data.preparedAt ? (
          <Text size={200} className={s.muted}>
            Prepared {formatInstant(data.preparedAt, zone)}
          </Text>
        ) : null}
        <Button disabled={refreshing} onClick={() => void refresh()}>
          {refreshing ? 'Preparing…' : 'Prepare again'}
        </Button>
      </div>
      <Text size={200} className={s.muted}>
        Times are shown in your time zone ({zone}).{' '}
        {data.autoSend
          ? 'Auto-send is on: Rapport sends these itself, within your weekly budget (Settings turns it off).'
          : 'Nothing is sent until you press Send.'}
      </Text>
      <div aria-live="polite">
        {announce ? (
          <MessageBar intent={announce.intent} data-testid="suggestions-status">
            <MessageBarBody>{announce.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {data.notice ? (
        <MessageBar intent="info" data-testid="suggestions-notice">
          <MessageBarBody>{data.notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {asked && asked.state !== 'done' ? (
        <Section
          title={
            asked.state === 'ready' ? `You asked: ${asked.data.person.displayName}` : 'You asked for a time'
          }
          testId="asked"
        >
          {asked.state === 'loading' ? (
            <ViewSkeleton label="Finding a time" />
          ) : asked.state === 'error' ? (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>
                <MessageBarTitle>Could not suggest a time</MessageBarTitle>
                {problemText(asked.error)}
              </MessageBarBody>
              <MessageBarActions>
                <Button onClick={() => setAskAttempt((n) => n + 1)}>Retry</Button>
              </MessageBarActions>
            </MessageBar>
          ) : (
            <ul className={s.cards}>{card(asked.data, true)}</ul>
          )}
        </Section>
      ) : null}
      <Section title={`This week (${proposed.length})`} testId="proposed">
        {proposed.length ? (
          <ul className={s.cards}>{proposed.map((x) => card(x))}</ul>
        ) : data.notice ? (
          <Text className={s.muted}>No suggestions this week.</Text>
        ) : (
          <Empty testId="suggestions-empty">
            No one is due for a lunch or a coffee this week. Ask for someone from their card on the map.
          </Empty>
        )}
      </Section>
      {snoozed.length ? (
        <Section title={`Snoozed (${snoozed.length})`} testId="snoozed">
          <ul className={s.cards}>
            {snoozed.map((x) => (
              <li key={x.id}>
                <SnoozedCard s={x} zone={zone} busy={busy === x.id} actions={actions} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title={`Bring a colleague (${data.bring.length})`} testId="bring-list">
        <BringList
          items={data.bring}
          zone={zone}
          getToken={getToken}
          onAdded={(b) => update((d) => ({ ...d, bring: d.bring.map((x) => (x.id === b.id ? b : x)) }))}
        />
      </Section>
      <Section title={`Sent (${data.sent.length})`} testId="sent">
        <SentList items={data.sent} zone={zone} />
      </Section>
    </div>
  );
}
