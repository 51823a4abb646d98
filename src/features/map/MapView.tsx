import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { Empty } from '../../components/LoadError';
import type { ViewProps } from '../../components/viewProps';
import { ClusterBubble, ClusterCard } from './ClusterBubble';
import { CLUSTER_RIM, layoutMap, MAP_DRAWN, placeClusters, selectForMap } from './layout';
import { MapBackdrop } from './MapBackdrop';
import { MapLegend } from './MapLegend';
import { NameLabels } from './NameLabels';
import { PersonCard } from './PersonCard';
import { PersonDot } from './PersonDot';
import { popoverAnchor } from './popoverAnchor';
import { usePersonCard } from './usePersonCard';
import { usePanZoom } from './usePanZoom';
import { ZoomBar } from './ZoomBar';

/** The side of the map's square, in its own coordinates (the svg scales to its frame). */
const SIZE = 760;

const useStyles = makeStyles({
  wrap: { position: 'relative', maxWidth: `${SIZE}px`, margin: '0 auto' },
  // Zoomed in, the picture is clipped to its frame (at rest, function labels may stand outside it).
  clipped: { overflow: 'hidden', '& svg': { overflow: 'hidden' } },
  svg: { width: '100%', height: 'auto', display: 'block', overflow: 'visible' },
  card: { position: 'absolute', zIndex: 1, pointerEvents: 'none' },
  caption: { color: tokens.colorNeutralForeground3, textAlign: 'center', display: 'block' },
});

/** The relationship map: you at the centre, functions as sectors, people by tie strength. */
export default function MapView({ map, onOpen, onShowFunction }: ViewProps) {
  const s = useStyles();
  // At most MAP_DRAWN people as dots; everyone else as one bubble per function, at its rim.
  const selection = useMemo(() => selectForMap(map.people, MAP_DRAWN), [map.people]);
  const layout = useMemo(
    () =>
      layoutMap(selection.individual, SIZE, {
        totals: selection.totals,
        rim: selection.clusters.length ? CLUSTER_RIM : 0,
        floor: selection.threshold,
      }),
    [selection],
  );
  const bubbles = useMemo(() => placeClusters(layout, selection.clusters), [layout, selection]);
  const drawn = selection.individual;
  const grouped = map.people.length - drawn.length;
  const card = usePersonCard();
  const [cluster, setCluster] = useState<string | null>(null);
  const panZoom = usePanZoom(map.people.length > 0);
  if (!map.people.length)
    return (
      <>
        <Empty testId="map-empty">
          Your map is empty: no colleagues with meetings or mail in the last year yet.
        </Empty>
        <svg
          data-testid="relationship-map"
          aria-label="Relationship map (empty)"
          role="img"
          width="0"
          height="0"
        />
      </>
    );
  const half = SIZE / 2;
  const hovered = cluster ? bubbles.find((b) => b.cluster.function === cluster) : undefined;
  const active = card.active;
  const current = active ? layout.placed.find((p) => p.person.address === active.address) : undefined;
  return (
    <section aria-label="Relationship map">
      <Text className={s.caption} size={200}>
        {drawn.length} of {map.totalPeople} colleagues
        {grouped ? `, ${grouped} more grouped by function` : ''} · closer to the centre is a stronger tie ·
        Tab through people, Enter to pin their card
        {bubbles.length && onShowFunction ? '; Enter on a group lists them in the table' : ''}
      </Text>
      <div className={mergeClasses(s.wrap, panZoom.zoomed ? s.clipped : undefined)}>
        <ZoomBar panZoom={panZoom} />
        <svg
          ref={panZoom.svg}
          data-testid="relationship-map"
          className={s.svg}
          viewBox={`${-half} ${-half} ${SIZE} ${SIZE}`}
          role="group"
          aria-label={`Relationship map: ${drawn.length} people in ${layout.sectors.length} functions${
            grouped ? `, ${grouped} more in ${bubbles.length} groups` : ''
          }`}
        >
          <g transform={panZoom.transform.toString()} data-testid="map-viewport">
            <MapBackdrop layout={layout} />
            {layout.placed.map(({ person, x, y }) => (
              <PersonDot key={person.address} person={person} x={x} y={y} card={card} onOpen={onOpen} />
            ))}
            {bubbles.map((bubble) => (
              <ClusterBubble
                key={bubble.cluster.function}
                bubble={bubble}
                onHover={setCluster}
                onShowFunction={onShowFunction}
              />
            ))}
            <NameLabels placed={layout.placed} drawn={drawn} />
          </g>
        </svg>
        {current ? (
          <div
            className={s.card}
            style={popoverAnchor(current, { transform: panZoom.transform, size: SIZE, gap: 12 })}
          >
            <PersonCard
              person={current.person}
              onOpen={active?.pinned ? () => onOpen(current.person.address) : undefined}
            />
          </div>
        ) : null}
        {hovered ? (
          <ClusterCard
            bubble={hovered}
            transform={panZoom.transform}
            mapSize={SIZE}
            leadsToTable={Boolean(onShowFunction)}
          />
        ) : null}
      </div>
      <MapLegend />
    </section>
  );
}
