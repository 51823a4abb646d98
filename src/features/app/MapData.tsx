import { lazy, Suspense, useState } from 'react';
import { LoadError } from '../../components/LoadError';
import type { TokenSource } from '../../lib/api';
import { useMap } from '../map/api';
import { ViewSkeleton } from '../../components/ViewSkeleton';
import type { MapTab } from './TabApp';

const MapView = lazy(() => import('../map/MapView'));
const TableView = lazy(() => import('../table/TableView'));
const ActionsView = lazy(() => import('../actions/ActionsView'));
const PersonPanel = lazy(() => import('../person/PersonPanel'));

/** The views drawn from `GET /api/map` (map, table, next actions) and the person panel they open. */
export default function MapData({
  getToken,
  openLink,
  tab,
}: {
  getToken: TokenSource;
  openLink: (url: string) => Promise<void>;
  tab: MapTab;
}) {
  const { result, reload } = useMap(getToken);
  const [open, setOpen] = useState<string | null>(null);
  if (result.state === 'loading') return <ViewSkeleton label="Loading your map" />;
  if (result.state === 'error') return <LoadError what="your map" error={result.error} retry={reload} />;
  const map = result.data;
  const person = open ? (map.people.find((p) => p.address === open) ?? null) : null;
  const props = { map, getToken, onOpen: setOpen, onChanged: reload };
  return (
    <>
      {tab === 'map' ? (
        <MapView {...props} />
      ) : tab === 'table' ? (
        <TableView {...props} />
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
          />
        </Suspense>
      ) : null}
    </>
  );
}
