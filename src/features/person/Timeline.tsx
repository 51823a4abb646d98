import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Skeleton,
  SkeletonItem,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { scaleBand, scaleLinear } from 'd3-scale';
import { useEffect, useRef } from 'react';
import { Empty, LoadError } from '../../components/LoadError';
import { Section } from '../../components/Section';
import type { TokenSource } from '../../lib/api';
import { type TimelineEntry, type TimelineMonth, useTimeline } from './timelineApi';
import {
  absoluteDate,
  byMonth,
  entryDetail,
  entryLabel,
  monthName,
  plural,
  relativeDate,
  stripSummary,
} from './timelineFormat';

const useStyles = makeStyles({
  body: { display: 'grid', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  strip: { width: '100%', maxWidth: '360px', height: 'auto', display: 'block' },
  meetingBar: { fill: tokens.colorBrandBackground },
  mailBar: { fill: tokens.colorPaletteTealForeground2 },
  axis: { fill: tokens.colorNeutralForeground3, fontSize: '9px' },
  legend: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginRight: tokens.spacingHorizontalXS },
  meetingSwatch: { backgroundColor: tokens.colorBrandBackground },
  mailSwatch: { backgroundColor: tokens.colorPaletteTealForeground2 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  item: { display: 'grid', gridTemplateColumns: '20px 1fr', columnGap: tokens.spacingHorizontalS },
  icon: { color: tokens.colorNeutralForeground2, marginTop: '2px' },
  line: { display: 'block' },
  more: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

/** Twelve small stacked bars (meetings under mail), one per month, oldest first. */
function MonthStrip({ months }: { months: TimelineMonth[] }) {
  const s = useStyles();
  const w = 360;
  const h = 64;
  const bottom = 14;
  const x = scaleBand<string>()
    .domain(months.map((m) => m.month))
    .range([0, w])
    .padding(0.25);
  const max = Math.max(1, ...months.map((m) => m.meetings + m.mail));
  const y = scaleLinear()
    .domain([0, max])
    .range([0, h - bottom - 2]);
  return (
    <svg
      className={s.strip}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={stripSummary(months)}
      data-testid="timeline-strip"
    >
      {months.map((m) => {
        const x0 = x(m.month) ?? 0;
        const meet = y(m.meetings);
        const mail = y(m.mail);
        const base = h - bottom;
        return (
          <g key={m.month}>
            <title>{`${monthName(m.month)}: ${plural(m.meetings, 'meeting', 'meetings')}, ${plural(m.mail, 'mail', 'mails')}`}</title>
            <rect x={x0} width={x.bandwidth()} y={base - meet} height={meet} className={s.meetingBar} />
            <rect x={x0} width={x.bandwidth()} y={base - meet - mail} height={mail} className={s.mailBar} />
            <text x={x0 + x.bandwidth() / 2} y={h - 3} textAnchor="middle" className={s.axis}>
              {monthName(m.month, true).slice(0, 1)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function KindIcon({ channel }: { channel: TimelineEntry['channel'] }) {
  const s = useStyles();
  // Drawn here rather than from an icon package: two glyphs, no new dependency.
  return (
    <svg className={s.icon} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {channel === 'meeting' ? (
        <path
          fill="currentColor"
          d="M4.5 1a.5.5 0 0 1 .5.5V2h6v-.5a.5.5 0 0 1 1 0V2h1A2 2 0 0 1 15 4v9a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h1v-.5a.5.5 0 0 1 .5-.5ZM2 6v7a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V6H2Z"
        />
      ) : (
        <path
          fill="currentColor"
          d="M2 3h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm0 1.4V12h12V4.4L8.3 8.9a.5.5 0 0 1-.6 0L2 4.4ZM13.1 4H2.9L8 7.9 13.1 4Z"
        />
      )}
    </svg>
  );
}

/**
 * The evidence behind a person's score as a dated list: a 12-month strip, then entries grouped by
 * month, newest first, with "Load more" for older ones. Metadata only.
 */
export function Timeline({
  personId,
  name,
  getToken,
}: {
  personId: string;
  name: string;
  getToken: TokenSource;
}) {
  const s = useStyles();
  const t = useTimeline(getToken, personId);
  // After "Load more", focus moves to the first older entry: the button may vanish (last page) or
  // be busy, and focus must stay inside the drawer so Escape and Tab keep working.
  const listRef = useRef<HTMLDivElement>(null);
  const focusFrom = useRef<number | null>(null);
  const count = t.entries.length;
  useEffect(() => {
    if (focusFrom.current === null || count <= focusFrom.current) return;
    const items = listRef.current?.querySelectorAll<HTMLElement>('[data-testid="timeline-entry"]');
    items?.[focusFrom.current]?.focus();
    focusFrom.current = null;
  }, [count]);
  const more = () => {
    focusFrom.current = count;
    void t.loadMore();
  };
  let body: React.ReactNode;
  if (t.result.state === 'loading')
    body = (
      <Skeleton aria-label="Loading the timeline">
        <SkeletonItem size={48} />
        <SkeletonItem size={16} />
        <SkeletonItem size={16} />
        <SkeletonItem size={16} />
      </Skeleton>
    );
  else if (t.result.state === 'error')
    body = <LoadError what="the timeline" error={t.result.error} retry={t.reload} />;
  else if (t.result.data.total === 0)
    body = <Empty testId="timeline-empty">No meetings or mail with {name} yet.</Empty>;
  else {
    const { months, total } = t.result.data;
    body = (
      <>
        <MonthStrip months={months} />
        <div className={s.legend} aria-hidden="true">
          <Text size={200} className={s.muted}>
            <span className={`${s.swatch} ${s.meetingSwatch}`} />
            Meetings
          </Text>
          <Text size={200} className={s.muted}>
            <span className={`${s.swatch} ${s.mailSwatch}`} />
            Mail
          </Text>
        </div>
        <div ref={listRef} className={s.body}>
          {byMonth(t.entries).map((g) => (
            <div key={g.month}>
              <Text as="h3" size={300} weight="semibold">
                {monthName(g.month)}
              </Text>
              <ul className={s.list}>
                {g.entries.map((e, i) => (
                  <li key={`${e.at}-${i}`} className={s.item} tabIndex={-1} data-testid="timeline-entry">
                    <KindIcon channel={e.channel} />
                    <div>
                      <Text weight="semibold" className={s.line}>
                        {entryLabel(e)}
                        {e.subject ? `: ${e.subject}` : ''}
                      </Text>
                      <Text size={200} className={s.muted}>
                        <time dateTime={e.at}>
                          {relativeDate(e.at)} · {absoluteDate(e.at)}
                        </time>
                        {entryDetail(e) ? ` · ${entryDetail(e)}` : ''}
                      </Text>
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        <div className={s.more}>
          {t.hasMore ? (
            <Button
              onClick={more}
              disabledFocusable={t.loadingMore}
              icon={t.loadingMore ? <Spinner size="extra-tiny" /> : undefined}
              data-testid="timeline-more"
            >
              Load more
            </Button>
          ) : null}
          <Text size={200} className={s.muted} role="status" data-testid="timeline-count">
            Showing {t.entries.length} of {total}
          </Text>
        </div>
        {t.moreError ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>Could not load older entries: {t.moreError.message}</MessageBarBody>
            <MessageBarActions>
              <Button onClick={more}>Retry</Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
      </>
    );
  }
  return (
    <Section title="Timeline" testId="timeline">
      <div className={s.body}>{body}</div>
    </Section>
  );
}
