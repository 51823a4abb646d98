import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import { LoadError } from '../../components/LoadError';
import type { TokenSource } from '../../lib/api';
import { proposalCount } from '../actions/proposals';
import { useMap } from '../../lib/mapApi';
import { isStakeholder } from '../../lib/stakeholder';
import { ViewSkeleton } from '../../components/ViewSkeleton';
import type { MapTab } from './tabs';

const MapView = lazy(() => import('../map/MapView'));
const TableView = lazy(() => import('../table/TableView'));
const ActionsView = lazy(() => import('../actions/ActionsView'));
const PersonPanel = lazy(() => import('../person/PersonPanel'));

/** The views drawn from `GET /api/map` (map, table, next actions) and the person panel they open. */
export default function MapData({
  getToken,
  openLink,
  tab,
  person: open = null,
  onPerson,
  onNavigate,
  onSuggest,
}: {
  getToken: TokenSource;
  openLink: (url: string) => Promise<void>;
  tab: MapTab;
  /** The person whose panel is open (the URL's `?person=`, a Teams deep link), and its setter. */
  person?: string | null;
  onPerson?: (address: string | null) => void;
  /** Switches the tab's view (the first-run banner leads to the proposed stakeholders). */
  onNavigate?: (tab: MapTab) => void;
  /** Opens the Suggestions view, with a time proposed to this person first when one is named. */
  onSuggest?: (address?: string) => void;
}) {
  const { result, reload } = useMap(getToken);
  // Without a route to keep it in (tests, other hosts), the open panel is local state.
  const [local, setLocal] = useState<string | null>(open);
  const opened = onPerson ? open : local;
  const setOpen = onPerson ?? setLocal;
  // A cluster on the map leads to the table filtered to its function (set once, for that visit).
  const [tableFunction, setTableFunction] = useState<string | undefined>(undefined);
  if (tab !== 'table' && tableFunction !== undefined) setTableFunction(undefined); // the visit is over
  if (result.state === 'loading') return <ViewSkeleton label="Loading your map" />;
  if (result.state === 'error') return <LoadError what="your map" error={result.error} retry={reload} />;
  const map = result.data;
  const person = opened
    ? (map.people.find((p) => p.address.toLowerCase() === opened.toLowerCase()) ?? null)
    : null;
  const props = { map, getToken, onOpen: setOpen, onChanged: reload, onSuggest };
  const showFunction = onNavigate
    ? (fn: string) => {
        setTableFunction(fn);
        onNavigate('table');
      }
    : undefined;
  // First run: nobody curated yet — propose people per function before anything else.
  const fresh = !map.people.some(isStakeholder);
  const proposals = proposalCount(map.functions);
  return (
    <>
      {fresh && tab === 'map' && proposals > 0 ? (
        <MessageBar intent="info" data-testid="first-run">
          <MessageBarBody>
            <MessageBarTitle>Start your map</MessageBarTitle>
            Rapport proposes {proposals} people across {map.functions.length} functions, from who you already
            meet and from the directory. Accept the ones critical to your success.
          </MessageBarBody>
          {onNavigate ? (
            <MessageBarActions>
              <Button onClick={() => onNavigate('actions')}>Review proposals</Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
      {tab === 'map' ? (
        <MapView {...props} onShowFunction={showFunction} />
      ) : tab === 'table' ? (
        <TableView {...props} focusFunction={tableFunction} key={tableFunction} />
      ) : (
        <ActionsView {...props} />
      )}
      {person ? (
        <Suspense fallback={null}>
          <PersonPanel
            person={person}
            getToken={getToken}
            openLink={openLink}
            onClose={() => setOpen(null)}
            onChanged={reload}
            onSuggest={onSuggest}
          />
        </Suspense>
      ) : null}
    </>
  );
}
