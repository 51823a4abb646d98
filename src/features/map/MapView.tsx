import { Button, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { select } from 'd3-selection';
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Empty } from '../../components/LoadError';
import type { ViewProps } from '../../components/viewProps';
import { BAND_LABEL, healthText } from '../../lib/health';
import type { MapPerson } from '../../lib/mapApi';
import { isStakeholder } from '../../lib/stakeholder';
import { BAND_COLOR, BAND_STROKE, bandPath, FLAG_COLOR, STAKEHOLDER_STROKE } from './bandStyle';
import {
  CLUSTER_RIM,
  type Cluster,
  labelledOnMap,
  layoutMap,
  MAP_DRAWN,
  placeClusters,
  selectForMap,
} from './layout';
import { PersonCard } from './PersonCard';

const SIZE = 760;
const DOT = 5;
const LABELLED = 8;

const useStyles = makeStyles({
  wrap: { position: 'relative', maxWidth: `${SIZE}px`, margin: '0 auto' },
  // Zoomed in, the picture is clipped to its frame (at rest, function labels may stand outside it).
  clipped: { overflow: 'hidden', '& svg': { overflow: 'hidden' } },
  svg: { width: '100%', height: 'auto', display: 'block', overflow: 'visible' },
  sector: { fill: tokens.colorNeutralBackground1, stroke: tokens.colorNeutralStroke2 },
  sectorAlt: { fill: tokens.colorNeutralBackground3 },
  ring: { fill: 'none', stroke: tokens.colorNeutralStroke3, strokeDasharray: '2 4' },
  ringLabel: { fill: tokens.colorNeutralForeground4, fontSize: '10px' },
  fnLabel: { fill: tokens.colorNeutralForeground2, fontSize: '12px', fontWeight: 600 },
  nameLabel: {
    fill: tokens.colorNeutralForeground1,
    fontSize: '10px',
    pointerEvents: 'none',
    // A halo in the background colour keeps the name legible over dots and ring lines.
    stroke: tokens.colorNeutralBackground1,
    strokeWidth: '3px',
    paintOrder: 'stroke',
    strokeLinejoin: 'round',
  },
  stakeholderLabel: { fontWeight: 700 },
  you: { fill: tokens.colorBrandBackground },
  youText: { fill: tokens.colorNeutralForegroundOnBrand, fontSize: '13px', fontWeight: 600 },
  person: {
    cursor: 'pointer',
    outlineStyle: 'none',
    ':focus-visible > .focus': { stroke: tokens.colorStrokeFocus2, strokeWidth: '3px' },
    ':hover > .dot': { strokeWidth: '2.5px' },
  },
  focus: { fill: 'none', stroke: 'transparent' },
  bubble: { fill: tokens.colorNeutralBackground1, stroke: tokens.colorNeutralStroke1, strokeWidth: '1px' },
  bubbleText: {
    fill: tokens.colorNeutralForeground1,
    fontWeight: 600,
    pointerEvents: 'none',
  },
  clusterCard: {
    position: 'absolute',
    zIndex: 1,
    pointerEvents: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    maxWidth: '240px',
  },
  card: { position: 'absolute', zIndex: 1, pointerEvents: 'none' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    justifyContent: 'center',
    marginTop: tokens.spacingVerticalM,
  },
  key: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  caption: { color: tokens.colorNeutralForeground3, textAlign: 'center', display: 'block' },
  zoomBar: {
    position: 'absolute',
    top: 0,
    right: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    zIndex: 1,
  },
});

/**
 * Pan and zoom (d3-zoom: wheel, drag, pinch; and buttons for the keyboard), so a map of hundreds of
 * people stays legible: zoom into a crowded function's rim.
 */
function usePanZoom(drawn: boolean) {
  const svg = useRef<SVGSVGElement>(null);
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [t, setT] = useState<ZoomTransform>(zoomIdentity);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 8])
      .on('zoom', (e: { transform: ZoomTransform }) => setT(e.transform));
    behaviour.current = z;
    const sel = select(el);
    sel.call(z).on('dblclick.zoom', null); // double-click opens a person, not a zoom
    return () => {
      sel.on('.zoom', null);
    };
  }, [drawn]); // the svg exists only once there are people to draw
  const by = (k: number) => {
    if (svg.current && behaviour.current) select(svg.current).call(behaviour.current.scaleBy, k);
  };
  const reset = () => {
    if (svg.current && behaviour.current) select(svg.current).call(behaviour.current.transform, zoomIdentity);
  };
  return { svg, t, zoomIn: () => by(1.6), zoomOut: () => by(1 / 1.6), reset };
}

function Legend() {
  const s = useStyles();
  return (
    <div className={s.legend} aria-label="Legend">
      {(['good', 'fair', 'poor', 'none'] as const).map((b) => (
        <span key={b} className={s.key}>
          <svg width="14" height="14" aria-hidden="true">
            <path
              transform="translate(7 7)"
              d={bandPath(b, 5)}
              style={{ fill: BAND_COLOR[b], stroke: BAND_STROKE[b] }}
            />
          </svg>
          <Text size={200}>{BAND_LABEL[b]}</Text>
        </span>
      ))}
      <span className={s.key}>
        <svg width="18" height="18" aria-hidden="true">
          <circle cx="9" cy="9" r="4" style={{ fill: BAND_COLOR.none }} />
          <circle cx="9" cy="9" r="7.5" style={{ fill: 'none', stroke: FLAG_COLOR, strokeWidth: 2 }} />
        </svg>
        <Text size={200}>Your rating disagrees with the evidence</Text>
      </span>
      <span className={s.key}>
        <svg width="14" height="14" aria-hidden="true">
          <path
            transform="translate(7 7)"
            d={bandPath('good', 5)}
            style={{ fill: BAND_COLOR.good, stroke: STAKEHOLDER_STROKE, strokeWidth: 2 }}
          />
        </svg>
        <Text size={200}>Outlined, name in bold: your stakeholder</Text>
      </span>
    </div>
  );
}

/** The bubble's text is the exact count (its accessible name starts with it): shrunk to fit, not abbreviated. */
const bubbleFont = (text: string, r: number) =>
  Math.max(7, Math.min(10, Math.floor((2 * (r - 4)) / (text.length * 0.62))));

/** "+412 more in Sales: 120 good, …": what a cluster bubble says to a screen reader and a tooltip. */
export function clusterText(c: Cluster<unknown>): string {
  const mix = (['good', 'fair', 'poor', 'none'] as const)
    .filter((b) => c.bands[b] > 0)
    .map((b) => `${c.bands[b]} ${BAND_LABEL[b].toLowerCase()}`)
    .join(', ');
  return `+${c.count} more in ${c.function}: ${mix}`;
}

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
  const [active, setActive] = useState<{ address: string; pinned: boolean } | null>(null);
  const [cluster, setCluster] = useState<string | null>(null);
  const pz = usePanZoom(map.people.length > 0);
  const zoomed = pz.t.k !== 1 || pz.t.x !== 0 || pz.t.y !== 0;
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
  const current = active ? layout.placed.find((p) => p.person.address === active.address) : undefined;
  const show = (p: MapPerson) =>
    setActive((a) =>
      a?.pinned && a.address !== p.address ? a : { address: p.address, pinned: a?.pinned ?? false },
    );
  const hide = (p: MapPerson) => setActive((a) => (a && !a.pinned && a.address === p.address ? null : a));
  const onKey = (e: KeyboardEvent, p: MapPerson) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setActive((a) => (a?.pinned && a.address === p.address ? null : { address: p.address, pinned: true }));
    } else if (e.key === 'Escape') setActive(null);
  };
  const labelled = labelledOnMap(drawn, LABELLED);
  return (
    <section aria-label="Relationship map">
      <Text className={s.caption} size={200}>
        {drawn.length} of {map.totalPeople} colleagues
        {grouped ? `, ${grouped} more grouped by function` : ''} · closer to the centre is a stronger tie ·
        Tab through people, Enter to pin their card
        {bubbles.length && onShowFunction ? '; Enter on a group lists them in the table' : ''}
      </Text>
      <div className={mergeClasses(s.wrap, zoomed ? s.clipped : undefined)}>
        <div className={s.zoomBar} role="toolbar" aria-label="Zoom the map">
          <Button size="small" aria-label="Zoom in" onClick={pz.zoomIn}>
            +
          </Button>
          <Button size="small" aria-label="Zoom out" onClick={pz.zoomOut} disabled={pz.t.k <= 1}>
            −
          </Button>
          <Button size="small" onClick={pz.reset} disabled={!zoomed}>
            Reset
          </Button>
        </div>
        <svg
          ref={pz.svg}
          data-testid="relationship-map"
          className={s.svg}
          viewBox={`${-half} ${-half} ${SIZE} ${SIZE}`}
          role="group"
          aria-label={`Relationship map: ${drawn.length} people in ${layout.sectors.length} functions${
            grouped ? `, ${grouped} more in ${bubbles.length} groups` : ''
          }`}
        >
          <g transform={pz.t.toString()} data-testid="map-viewport">
            {layout.sectors.map((sec, i) => (
              <g key={sec.name}>
                <path d={sec.path} className={mergeClasses(s.sector, i % 2 ? s.sectorAlt : undefined)} />
                <text
                  x={sec.label.x}
                  y={sec.label.y}
                  textAnchor={sec.label.anchor}
                  dominantBaseline="middle"
                  className={s.fnLabel}
                >
                  {sec.name} ({sec.count})
                </text>
              </g>
            ))}
            {layout.rings.map((r) => (
              <g key={r.r} aria-hidden="true">
                <circle r={r.r} className={s.ring} />
                <text x={3} y={-r.r - 2} className={s.ringLabel}>
                  {r.strength}
                </text>
              </g>
            ))}
            <circle r={layout.inner - 6} className={s.you} />
            <text textAnchor="middle" dominantBaseline="middle" className={s.youText}>
              You
            </text>
            {layout.placed.map(({ person: p, x, y }) => (
              <g
                key={p.address}
                data-testid="map-person"
                className={s.person}
                transform={`translate(${x},${y})`}
                tabIndex={0}
                role="button"
                aria-label={`${p.displayName}, ${p.function}, ${healthText(p)}${
                  isStakeholder(p) ? ', one of your stakeholders' : ''
                }`}
                aria-pressed={active?.pinned && active.address === p.address ? true : undefined}
                onMouseEnter={() => show(p)}
                onMouseLeave={() => hide(p)}
                onFocus={() => show(p)}
                onBlur={() => hide(p)}
                onClick={() => setActive({ address: p.address, pinned: true })}
                onDoubleClick={() => onOpen(p.address)}
                onKeyDown={(e) => onKey(e, p)}
              >
                {p.calibration.flag ? (
                  <circle r={DOT + 3} style={{ fill: 'none', stroke: FLAG_COLOR, strokeWidth: 2 }} />
                ) : null}
                <path
                  className="dot"
                  d={bandPath(p.health.band, DOT)}
                  style={
                    isStakeholder(p)
                      ? { fill: BAND_COLOR[p.health.band], stroke: STAKEHOLDER_STROKE, strokeWidth: 2 }
                      : {
                          fill: BAND_COLOR[p.health.band],
                          stroke: BAND_STROKE[p.health.band],
                          strokeWidth: 1,
                        }
                  }
                />
                <circle className={mergeClasses('focus', s.focus)} r={DOT + 6} />
              </g>
            ))}
            {bubbles.map(({ cluster: c, x, y, r, segments }) => {
              const show = () => onShowFunction?.(c.function);
              return (
                <g
                  key={c.function}
                  data-testid="map-cluster"
                  data-count={c.count}
                  data-function={c.function}
                  className={s.person}
                  transform={`translate(${x},${y})`}
                  tabIndex={0}
                  role="button"
                  aria-label={`${clusterText(c)}${onShowFunction ? '. Show them in the table' : ''}`}
                  onMouseEnter={() => setCluster(c.function)}
                  onMouseLeave={() => setCluster(null)}
                  onFocus={() => setCluster(c.function)}
                  onBlur={() => setCluster(null)}
                  onClick={show}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      show();
                    } else if (e.key === 'Escape') setCluster(null);
                  }}
                >
                  <circle r={r} className={s.bubble} />
                  {segments.map((g) => (
                    <path key={g.band} d={g.path} style={{ fill: BAND_COLOR[g.band] }} />
                  ))}
                  <circle className={mergeClasses('focus', s.focus)} r={r + 4} />
                  <text
                    textAnchor="middle"
                    dominantBaseline="central"
                    className={s.bubbleText}
                    style={{ fontSize: `${bubbleFont(`+${c.count}`, r)}px` }}
                  >
                    +{c.count}
                  </text>
                </g>
              );
            })}
            {/* Names last, over every dot, so a neighbour never covers one (the dots carry the names for AT). */}
            <g aria-hidden="true">
              {layout.placed
                .filter(({ person: p }) => labelled.has(p.address))
                .map(({ person: p, x, y }) => (
                  <text
                    key={p.address}
                    x={x + DOT + 4}
                    y={y + 3}
                    data-testid="map-label"
                    data-stakeholder={isStakeholder(p) || undefined}
                    className={mergeClasses(s.nameLabel, isStakeholder(p) && s.stakeholderLabel)}
                  >
                    {p.displayName.split(' ')[0]}
                  </text>
                ))}
            </g>
          </g>
        </svg>
        {current ? (
          <div
            className={s.card}
            style={{
              left: `${((pz.t.applyX(current.x) + half) / SIZE) * 100}%`,
              top: `${((pz.t.applyY(current.y) + half) / SIZE) * 100}%`,
              transform: `translate(${current.x > 0 ? 'calc(-100% - 12px)' : '12px'}, ${current.y > 0 ? 'calc(-100% - 12px)' : '12px'})`,
            }}
          >
            <PersonCard
              person={current.person}
              onOpen={active?.pinned ? () => onOpen(current.person.address) : undefined}
            />
          </div>
        ) : null}
        {hovered ? (
          <div
            className={s.clusterCard}
            data-testid="cluster-card"
            style={{
              left: `${((pz.t.applyX(hovered.x) + half) / SIZE) * 100}%`,
              top: `${((pz.t.applyY(hovered.y) + half) / SIZE) * 100}%`,
              transform: `translate(${hovered.x > 0 ? 'calc(-100% - 16px)' : '16px'}, ${hovered.y > 0 ? 'calc(-100% - 16px)' : '16px'})`,
            }}
          >
            <Text size={200}>{clusterText(hovered.cluster)}</Text>
            {onShowFunction ? (
              <Text size={200} block>
                Select to list them in the table.
              </Text>
            ) : null}
          </div>
        ) : null}
      </div>
      <Legend />
    </section>
  );
}
