import {
  Badge,
  Button,
  Card,
  CardHeader,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Persona,
  Skeleton,
  SkeletonItem,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Host } from '../../hosts/host';
import { ApiError } from '../../lib/api';
import { type Me, useMe } from './api';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))',
    alignItems: 'start',
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  chain: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: tokens.spacingHorizontalM,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

function Section({
  title,
  testId,
  count,
  children,
}: {
  title: string;
  testId: string;
  count?: number;
  children: React.ReactNode;
}) {
  const id = `${testId}-heading`;
  return (
    <Card data-testid={testId} aria-labelledby={id} role="region">
      <CardHeader
        header={
          <Text as="h2" id={id} weight="semibold" size={400}>
            {title}
          </Text>
        }
        action={
          count !== undefined ? (
            <Badge appearance="tint" aria-label={`${count} people`}>
              {count}
            </Badge>
          ) : undefined
        }
      />
      {children}
    </Card>
  );
}

function Loaded({ me }: { me: Me }) {
  const s = useStyles();
  return (
    <div className={s.grid}>
      <Section title="You" testId="me-card">
        <Persona
          size="huge"
          name={me.user.displayName}
          secondaryText={me.user.jobTitle ?? undefined}
          tertiaryText={[me.user.department, me.user.officeLocation].filter(Boolean).join(' · ') || undefined}
          quaternaryText={me.user.mail ?? undefined}
        />
      </Section>
      <Section title="Your manager chain" testId="manager-chain" count={me.managerChain.length}>
        {me.managerChain.length === 0 ? (
          <Text className={s.muted}>
            You are at the top of {me.tenant.displayName || 'your organisation'}.
          </Text>
        ) : (
          <ol className={s.chain} aria-label="Managers, nearest first">
            {me.managerChain.map((m) => (
              <li key={m.id}>
                <Persona
                  name={m.displayName}
                  secondaryText={m.jobTitle ?? undefined}
                  tertiaryText={m.department ?? undefined}
                />
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section
        title={me.department.name ? `Your department: ${me.department.name}` : 'Your department'}
        testId="department"
        count={me.department.members.length}
      >
        {me.department.members.length === 0 ? (
          <Text className={s.muted}>No one else is listed in your department.</Text>
        ) : (
          <ul className={s.list} aria-label="Department colleagues">
            {me.department.members.map((m) => (
              <li key={m.id}>
                <Persona size="small" name={m.displayName} secondaryText={m.jobTitle ?? undefined} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function Loading() {
  return (
    <Skeleton aria-label="Loading your profile">
      <SkeletonItem size={48} shape="circle" />
      <SkeletonItem size={16} />
      <SkeletonItem size={16} />
    </Skeleton>
  );
}

export function MeView({ host }: { host: Host }) {
  const { me, reload } = useMe(host.getToken);
  if (me.state === 'loading') return <Loading />;
  if (me.state === 'error') {
    const e = me.error;
    const consent = e instanceof ApiError && e.needsConsent;
    return (
      <MessageBar intent={consent ? 'warning' : 'error'} role="alert">
        <MessageBarBody>
          <MessageBarTitle>
            {consent ? 'Rapport needs your permission' : 'Could not load your profile'}
          </MessageBarTitle>
          {e instanceof ApiError ? (e.detail ?? e.title) : e.message}
        </MessageBarBody>
        <MessageBarActions>
          {consent ? (
            <Button appearance="primary" onClick={() => void host.requestConsent().then(reload)}>
              Grant consent
            </Button>
          ) : null}
          <Button onClick={reload}>Retry</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return <Loaded me={me.data} />;
}
