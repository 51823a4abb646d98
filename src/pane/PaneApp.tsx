import {
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Host } from '../hosts/host';
import type { OfficeLike } from '../hosts/office/types';
import {
  loadBring,
  loadCards,
  MAX_ADDRESSES,
  type MeetingBringResponse,
  type PeopleCardsResponse,
} from './api';
import { ColleagueCard, errorText } from './ColleagueCard';
import { needsSummary, summaryLine, updatedText } from './format';
import { tabLink } from './links';
import { type PeopleFeed, setKey, startPeopleFeed } from './feed';
import { addAttendee, type ItemPeople, type PeopleState } from './office/recipients';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  external: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
  },
  section: { display: 'grid', gap: tokens.spacingVerticalS },
  bring: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

type Cards =
  | { state: 'idle' }
  | { state: 'loading'; key: string; previous: PeopleCardsResponse | null }
  | { state: 'ready'; key: string; data: PeopleCardsResponse }
  | { state: 'error'; key: string; error: Error };

/** Bring a colleague to the meeting being organised: free then, added with Office.js. */
function BringList({
  people,
  data,
  onAdd,
}: {
  people: ItemPeople;
  data: MeetingBringResponse;
  onAdd: (c: MeetingBringResponse['colleagues'][number], optional: boolean) => Promise<void>;
}) {
  const s = useStyles();
  const headingId = useId();
  const [added, setAdded] = useState<Record<string, string>>({});
  const list = data.colleagues.filter(
    (c) => !people.addresses.includes(c.address.toLowerCase()) || added[c.address],
  );
  if (!list.length) return null;
  return (
    <section className={s.section} aria-labelledby={headingId} data-testid="pane-bring-list">
      <Text as="h2" size={400} weight="semibold" id={headingId}>
        Bring a colleague
      </Text>
      <Text size={200} className={s.muted}>
        This meeting has external attendees. Colleagues free at that time:
      </Text>
      <ul className={s.list}>
        {list.map((c) => (
          <li key={c.address} className={s.bring} data-testid="pane-bring" data-address={c.address}>
            <Text weight="semibold">{c.displayName}</Text>
            <Text size={200} className={s.muted}>
              {[c.jobTitle, c.function].filter(Boolean).join(' · ')}
            </Text>
            <Text size={200}>{c.why}</Text>
            {added[c.address] ? (
              <Text role="status">{added[c.address]}</Text>
            ) : (
              <div className={s.row}>
                <Button
                  size="small"
                  appearance="primary"
                  data-testid="pane-bring-add"
                  aria-label={`Add ${c.displayName} to the meeting`}
                  onClick={() =>
                    void onAdd(c, false).then(
                      () => setAdded((a) => ({ ...a, [c.address]: 'Added to the meeting' })),
                      (e: unknown) => setAdded((a) => ({ ...a, [c.address]: `Could not add: ${String(e)}` })),
                    )
                  }
                >
                  Add
                </Button>
                <Button
                  size="small"
                  aria-label={`Add ${c.displayName} as optional`}
                  onClick={() =>
                    void onAdd(c, true).then(
                      () => setAdded((a) => ({ ...a, [c.address]: 'Added as optional' })),
                      (e: unknown) => setAdded((a) => ({ ...a, [c.address]: `Could not add: ${String(e)}` })),
                    )
                  }
                >
                  Optional
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The Outlook pane: follows the item and its people, asks the server once per change of the set,
 * and draws a card per colleague, a marker per external, a summary for long lists, and — for a
 * meeting being organised with customers — colleagues worth bringing.
 */
export function PaneApp({
  host,
  office,
  teamsAppId,
  feed,
}: {
  host: Host;
  office: OfficeLike;
  teamsAppId: string | null;
  feed?: PeopleFeed;
}) {
  const s = useStyles();
  const [people, setPeople] = useState<PeopleState>(() => feed?.current() ?? { kind: 'loading' });
  const [cards, setCards] = useState<Cards>({ state: 'idle' });
  const [bring, setBring] = useState<{ key: string; data: MeetingBringResponse } | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [status, setStatus] = useState('');
  const [reload, setReload] = useState(0);
  const watcher = useRef<PeopleFeed['watcher'] | null>(feed?.watcher ?? null);
  const summaryId = useId();

  useEffect(() => {
    // The feed main.tsx started as soon as Office was ready, or one of our own.
    const f = feed ?? startPeopleFeed(office, host.getToken);
    watcher.current = f.watcher;
    setPeople(f.current());
    const off = f.subscribe(setPeople);
    return () => {
      off();
      if (f !== feed) f.stop(); // the page's own feed lives as long as the page
    };
  }, [office, feed, host]);

  const addresses = useMemo(() => (people.kind === 'item' ? people.people.addresses : []), [people]);
  const key = setKey(addresses);

  // One request per change of the set of people (whatever the count), and after a saved action.
  useEffect(() => {
    if (!addresses.length) {
      setCards({ state: 'idle' });
      return;
    }
    let live = true;
    setCards((c) => ({ state: 'loading', key, previous: c.state === 'ready' ? c.data : null }));
    (feed?.takeEarly(key) ?? loadCards(host.getToken, addresses))
      .then((data) => {
        if (!live) return;
        setCards({ state: 'ready', key, data });
        setStatus(updatedText(data.cards.length));
      })
      .catch((error: unknown) => {
        if (!live) return;
        setCards({ state: 'error', key, error: error instanceof Error ? error : new Error(String(error)) });
        setStatus('Could not load the cards');
      });
    return () => {
      live = false;
    };
    // The set (key), not the array's identity or order, decides: an unchanged set asks nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, reload, host]);

  const data = cards.state === 'ready' ? cards.data : cards.state === 'loading' ? cards.previous : null;
  const meeting = people.kind === 'item' ? people.people.meeting : null;
  const hasExternal = data?.cards.some((c) => c.kind === 'external') ?? false;
  const bringKey = meeting && hasExternal ? `${key}|${meeting.start}|${meeting.end}` : null;

  useEffect(() => {
    if (!bringKey || !meeting) {
      setBring(null);
      return;
    }
    let live = true;
    loadBring(host.getToken, meeting, addresses)
      .then((d) => live && setBring({ key: bringKey, data: d }))
      .catch(() => live && setBring(null));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bringKey, host]);

  const onChanged = useCallback(() => setReload((n) => n + 1), []);
  const openInTeams = useCallback(
    (address: string) => void host.openLink(tabLink(teamsAppId, window.location.origin, address)),
    [host, teamsAppId],
  );
  const onAdd = useCallback(
    async (c: { address: string; displayName: string }, optional: boolean) => {
      const w = watcher.current;
      const item = w?.item();
      if (!w || !item) throw new Error('No meeting is open');
      await addAttendee(
        office,
        item,
        { address: c.address, displayName: c.displayName },
        optional,
        w.limiter,
      );
      w.refresh();
    },
    [office],
  );

  const live = (
    <div role="status" aria-live="polite" data-testid="pane-status" className={s.srOnly}>
      {status}
    </div>
  );

  if (people.kind === 'loading')
    return (
      <>
        {live}
        <Spinner size="small" label="Reading the email…" />
      </>
    );
  if (people.kind === 'none')
    return (
      <>
        {live}
        <MessageBar intent="info" data-testid="pane-empty">
          <MessageBarBody>Open an email to see your relationships with its recipients.</MessageBarBody>
        </MessageBar>
      </>
    );

  const p = people.people;
  if (p.unknown)
    return (
      <>
        {live}
        <MessageBar intent="info" data-testid="pane-empty">
          <MessageBarBody>
            {p.mode === 'compose'
              ? 'Add recipients to see your relationship with each colleague.'
              : 'No one on this email besides you.'}
          </MessageBarBody>
        </MessageBar>
      </>
    );

  const summarise = needsSummary(p.addresses.length, p.distributionLists.length);
  const showCards = !summarise || expanded;
  const notShown = Math.max(0, p.addresses.length - MAX_ADDRESSES);
  // The server answers in the order asked; draw in the item's current order.
  const byAddress = new Map((data?.cards ?? []).map((c) => [c.address, c]));
  const ordered = p.addresses.map((a) => byAddress.get(a)).filter((c) => c !== undefined);
  // External people are shown by domain only: one line per domain, with how many are on the item.
  const externalCount = new Map<string, number>();
  for (const c of ordered)
    if (c.kind === 'external') externalCount.set(c.domain, (externalCount.get(c.domain) ?? 0) + 1);
  const shown = ordered.filter(
    (c, i) =>
      c.kind === 'colleague' ||
      ordered.findIndex((d) => d.kind === 'external' && d.domain === c.domain) === i,
  );
  return (
    <div className={s.section} aria-busy={cards.state === 'loading' || undefined}>
      {live}
      {cards.state === 'error' ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>Could not load the cards: {errorText(cards.error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {!data && cards.state === 'loading' ? (
        <Spinner size="small" label="Looking up your relationships…" />
      ) : null}
      {data && summarise ? (
        <div className={s.row} data-testid="pane-summary">
          <Text weight="semibold" id={summaryId}>
            {summaryLine(data.summary, { distributionLists: p.distributionLists.length, notShown })}
          </Text>
          <Button
            size="small"
            appearance="subtle"
            aria-expanded={expanded}
            aria-describedby={summaryId}
            onClick={() => setExpanded((e) => !e)}
          >
            {expanded ? 'Hide people' : 'Show people'}
          </Button>
        </div>
      ) : null}
      {bring && meeting ? <BringList people={p} data={bring.data} onAdd={onAdd} /> : null}
      {showCards ? (
        <ul className={s.list} aria-label="People on this email">
          {shown.map((c) =>
            c.kind === 'colleague' ? (
              <li key={c.address}>
                <ColleagueCard
                  card={c}
                  getToken={host.getToken}
                  now={Date.parse(data!.asOf)}
                  onChanged={onChanged}
                  openInTeams={openInTeams}
                />
              </li>
            ) : (
              <li
                key={c.domain}
                className={s.external}
                data-testid="pane-external"
                data-address={c.address}
                data-domain={c.domain}
              >
                <Text>
                  {externalCount.get(c.domain)! > 1
                    ? `${externalCount.get(c.domain)} external people`
                    : 'External'}{' '}
                  · {c.domain}
                </Text>
              </li>
            ),
          )}
          {p.distributionLists.map((dl) => (
            <li key={dl} className={s.external} data-testid="pane-list" data-address={dl}>
              <Text>Distribution list · {dl}</Text>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
