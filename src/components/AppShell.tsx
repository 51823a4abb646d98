import { Button, FluentProvider, makeStyles, Text, tokens } from '@fluentui/react-components';
import { type ReactNode, useEffect, useState } from 'react';
import type { Host } from '../hosts/host';
import { fluentTheme, type ThemeName } from '../hosts/theme';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  spacer: { flexGrow: 1 },
  main: { padding: tokens.spacingHorizontalXL, maxWidth: '1200px', margin: '0 auto' },
});

/** Fluent provider following the host theme live, a header, and the page's main landmark. */
export function AppShell({ host, title, children }: { host: Host; title: string; children: ReactNode }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const s = useStyles();
  return (
    <FluentProvider theme={fluentTheme(theme, host.kind)} data-theme={theme} data-host={host.kind}>
      <div className={s.root}>
        <header className={s.header}>
          <Text as="h1" size={500} weight="semibold">
            {title}
          </Text>
          <span className={s.spacer} />
          {host.signOut ? (
            <Button appearance="subtle" onClick={() => void host.signOut?.()}>
              Sign out
            </Button>
          ) : null}
        </header>
        <main className={s.main}>{children}</main>
      </div>
    </FluentProvider>
  );
}
