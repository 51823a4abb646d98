import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  ProgressBar,
  Skeleton,
  SkeletonItem,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type ReactNode, useState } from 'react';
import type { TokenSource } from '../../lib/api';
import { type SyncStatus, useSyncStatus } from './api';
import { blockedMessage } from './blocked';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalL, maxWidth: '640px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const STREAM_NAMES: Record<string, string> = { calendar: 'Calendar', mail: 'Mail', messages: 'Mail' };

function eta(seconds: number | null): string {
  if (seconds === null) return 'estimating time left';
  if (seconds < 60) return 'less than a minute left';
  return `about ${Math.round(seconds / 60)} min left`;
}

function Progress({ status }: { status: SyncStatus }) {
  const s = useStyles();
  const streams = status.streams;
  const known = streams.filter((x) => x.percent !== null);
  const overall = known.length
    ? known.reduce((a, x) => a + (x.percent ?? 0), 0) / (streams.length * 100)
    : undefined;
  return (
    <section className={s.root} data-testid="sync-progress" aria-live="polite">
      <Text as="h2" size={500} weight="semibold">
        Building your map
      </Text>
      <Text className={s.muted}>
        Rapport reads your calendar and mail metadata (never bodies) for the last year. This takes a minute or
        two the first time.
      </Text>
      <Field
        label="Overall"
        validationState="none"
        validationMessage={status.phase === 'not-started' ? 'Starting…' : undefined}
      >
        <ProgressBar value={overall} max={1} thickness="large" />
      </Field>
      {streams.map((x) => (
        <Field
          key={x.stream}
          label={STREAM_NAMES[x.stream] ?? x.stream}
          validationState="none"
          validationMessage={`${x.items.toLocaleString()} items${
            x.percent === 100 ? ' · done' : ` · ${x.percent ?? 0}% · ${eta(x.etaSeconds)}`
          }`}
        >
          <ProgressBar value={x.percent === null ? undefined : x.percent / 100} max={1} />
        </Field>
      ))}
    </section>
  );
}

/**
 * Shows the first sync's progress until the status is 'ready', then its children. When the sync
 * cannot start without the user (Graph consent not given yet: the first run in a tenant whose admin
 * has not consented), it asks through the host's consent flow and tries again. When a sync was
 * stopped later (consent withdrawn, a mailbox Graph cannot serve), it says why and what to do —
 * above the map when the map was built before.
 */
export function SyncGate({
  getToken,
  requestConsent,
  children,
}: {
  getToken: TokenSource;
  requestConsent: () => Promise<void>;
  children: ReactNode;
}) {
  const { status, error, blocked, retry } = useSyncStatus(getToken);
  const [consentError, setConsentError] = useState<string | null>(null);
  // The block the user just acted on (consented, signed in): wait for the sync it started.
  const [actedOn, setActedOn] = useState<string | null>(null);
  const stopped = status?.blocked ?? null;
  const stoppedKey = stopped ? `${stopped.code}|${stopped.since ?? ''}` : null;
  const waiting = stoppedKey !== null && stoppedKey === actedOn;
  const consent = (after: () => void) =>
    void requestConsent().then(
      () => {
        setConsentError(null);
        after();
        retry();
      },
      (e: unknown) => setConsentError(e instanceof Error ? e.message : String(e)),
    );
  if (status?.phase === 'ready') return <>{children}</>;
  // Every stream finished a round before: the map stands on that data, so a later stop is said
  // above the map instead of hiding it.
  const built = Boolean(status?.streams.length) && status!.streams.every((x) => x.rounds > 0);
  const above = (bar: ReactNode) =>
    built ? (
      <>
        {bar}
        {children}
      </>
    ) : (
      bar
    );
  if (blocked)
    return (
      <MessageBar intent="warning" role="alert" data-testid="sync-consent">
        <MessageBarBody>
          <MessageBarTitle>Rapport needs your permission to read your calendar and mail</MessageBarTitle>
          Only metadata — who, when, how many — never the contents.{' '}
          {consentError ? `The consent window said: ${consentError}.` : null}
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" onClick={() => consent(() => {})}>
            {blocked.needsConsent ? 'Grant consent' : 'Sign in again'}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  if (stopped && !waiting) {
    const m = blockedMessage(stopped);
    return above(
      <MessageBar intent="warning" role="alert" data-testid="sync-blocked">
        <MessageBarBody>
          <MessageBarTitle>{m.title}</MessageBarTitle>
          {m.body} {consentError ? `The consent window said: ${consentError}.` : null}
        </MessageBarBody>
        {m.action ? (
          <MessageBarActions>
            <Button appearance="primary" onClick={() => consent(() => setActedOn(stoppedKey))}>
              {m.action.label}
            </Button>
          </MessageBarActions>
        ) : null}
      </MessageBar>,
    );
  }
  if (status?.phase === 'failed' && !waiting)
    return above(
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>Reading your calendar and mail failed</MessageBarTitle>
          {status.streams.find((x) => x.lastError)?.lastError ?? 'Rapport will try again shortly.'}
        </MessageBarBody>
      </MessageBar>,
    );
  return (
    <>
      {error ? (
        <MessageBar intent="warning">
          <MessageBarBody>Could not check the sync: {error.message}. Retrying…</MessageBarBody>
        </MessageBar>
      ) : null}
      {status ? (
        <Progress status={status} />
      ) : (
        <Skeleton aria-label="Checking your sync">
          <SkeletonItem size={16} />
        </Skeleton>
      )}
    </>
  );
}
