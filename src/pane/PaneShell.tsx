import {
  FluentProvider,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Host } from '../hosts/host';
import type { OfficeLike } from '../hosts/office/types';
import { fluentTheme, type ThemeName } from '../hosts/theme';
import type { PeopleFeed } from './feed';
import { PaneApp } from './PaneApp';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  main: { padding: tokens.spacingHorizontalM, display: 'grid', gap: tokens.spacingVerticalM },
});

/** A narrow task pane: Outlook's theme (or the override), a small header, the cards. */
export function PaneShell({
  host,
  office,
  teamsAppId,
  feed,
}: {
  host: Host;
  office: OfficeLike | null;
  teamsAppId: string | null;
  feed?: PeopleFeed;
}) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const s = useStyles();
  return (
    <FluentProvider theme={fluentTheme(theme, host.kind)} data-theme={theme} data-host={host.kind}>
      <div className={s.root}>
        <header className={s.header}>
          <Text as="h1" size={400} weight="semibold">
            Rapport
          </Text>
        </header>
        <main className={s.main}>
          {office ? (
            <PaneApp host={host} office={office} teamsAppId={teamsAppId} feed={feed} />
          ) : (
            <MessageBar intent="info" data-testid="pane-empty">
              <MessageBarBody>
                Open an email in Outlook to see your relationships with its recipients, or{' '}
                <Link href="/tab/">open your map</Link>.
              </MessageBarBody>
            </MessageBar>
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
