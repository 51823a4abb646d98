import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { Host } from '../../hosts/host';
import { ViewSkeleton } from '../../components/ViewSkeleton';
import { MeView } from '../me/MeView';
import { SyncGate } from '../onboarding/SyncProgress';
import { hashOf, parseHash, type Route, routeFromSubPage } from './route';
import { TABS, type TabId } from './tabs';

// Each view is its own chunk: the first page load carries the shell, the navigation and the sync gate.
const MapData = lazy(() => import('./MapData'));
const CoverageView = lazy(() => import('../coverage/CoverageView'));
const SettingsView = lazy(() => import('../settings/SettingsView'));
const ReviewView = lazy(() => import('../review/ReviewView'));
const SuggestionsView = lazy(() => import('../suggestions/SuggestionsView'));

const useStyles = makeStyles({
  nav: { marginBottom: tokens.spacingVerticalL },
  panel: { minHeight: '400px' },
});

/** The Teams tab: navigation between the views, the first sync's progress before any map view. */
export function TabApp({ host }: { host: Host }) {
  const s = useStyles();
  // A Teams deep link (the Outlook card's "Open in Teams") names a person; otherwise the hash.
  const [route, setRoute] = useState<Route>(
    () => routeFromSubPage(host.subPageId) ?? parseHash(window.location.hash),
  );
  const { tab, suggestFor, person } = route;
  const [deleted, setDeleted] = useState(false);
  const go = (r: Route) => {
    setRoute(r);
    window.history.replaceState(null, '', hashOf(r));
  };
  const select = (t: TabId) => go({ tab: t, suggestFor: null, person: null });
  /** The Suggestions view, proposing a time with this person first (the person panel, a due person). */
  const suggest = (address?: string) => go({ tab: 'suggestions', suggestFor: address ?? null, person: null });
  // A link or a typed hash moves between views too.
  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // After delete-everything the map stays empty: no gate (it would start a new sync).
  const gated = (node: React.ReactNode) =>
    deleted ? (
      node
    ) : (
      <SyncGate getToken={host.getToken} requestConsent={host.requestConsent}>
        {node}
      </SyncGate>
    );
  const view = (() => {
    switch (tab) {
      case 'you':
        return <MeView host={host} />;
      case 'settings':
        return (
          <SettingsView
            getToken={host.getToken}
            onDeleted={() => {
              setDeleted(true);
              select('map');
            }}
          />
        );
      case 'coverage':
        return gated(<CoverageView getToken={host.getToken} />);
      case 'review':
        return gated(<ReviewView getToken={host.getToken} onSuggest={suggest} />);
      case 'suggestions':
        return gated(
          <SuggestionsView getToken={host.getToken} suggestFor={suggestFor} key={suggestFor ?? ''} />,
        );
      default:
        return gated(
          <MapData
            getToken={host.getToken}
            openLink={host.openLink}
            tab={tab}
            person={person}
            onPerson={(address) => go({ tab, suggestFor: null, person: address })}
            onNavigate={select}
            onSuggest={suggest}
          />,
        );
    }
  })();
  return (
    <>
      <TabList
        className={s.nav}
        selectedValue={tab}
        onTabSelect={(_, d) => select(d.value as TabId)}
        aria-label="Rapport views"
      >
        {TABS.map((t) => (
          <Tab key={t.id} value={t.id} id={`tab-${t.id}`} aria-controls="view">
            {t.label}
          </Tab>
        ))}
      </TabList>
      {deleted ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>All your Rapport data was deleted. Sign out to finish.</MessageBarBody>
          <MessageBarActions>
            {host.signOut ? <Button onClick={() => void host.signOut?.()}>Sign out</Button> : null}
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <div id="view" role="tabpanel" aria-labelledby={`tab-${tab}`} className={s.panel}>
        <Suspense fallback={<ViewSkeleton />}>{view}</Suspense>
      </div>
    </>
  );
}
