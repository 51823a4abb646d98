import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import type { ZoomTransform } from 'd3-zoom';
import { BAND_LABEL } from '../../lib/health';
import { BAND_COLOR } from './bandStyle';
import type { Cluster, PlacedCluster } from './layout';
import { useMarkStyles } from './markStyles';
import { popoverAnchor } from './popoverAnchor';

const useStyles = makeStyles({
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
});

/** The bubble's text is the exact count (its accessible name starts with it): shrunk to fit, not abbreviated. */
const bubbleFont = (text: string, r: number) =>
  Math.max(7, Math.min(10, Math.floor((2 * (r - 4)) / (text.length * 0.62))));

/** "+412 more in Sales: 120 good, …": what a cluster bubble says to a screen reader and a tooltip. */
function clusterText(c: Cluster<unknown>): string {
  const mix = (['good', 'fair', 'poor', 'none'] as const)
    .filter((b) => c.bands[b] > 0)
    .map((b) => `${c.bands[b]} ${BAND_LABEL[b].toLowerCase()}`)
    .join(', ');
  return `+${c.count} more in ${c.function}: ${mix}`;
}

/**
 * The people of one function not drawn as dots, as one bubble at its rim: their count, ringed by
 * their health mix. Hover or focus shows its summary (`onHover`); a click or Enter lists them in
 * the table, when the map can lead there (`onShowFunction`).
 */
export function ClusterBubble({
  bubble: { cluster: c, x, y, r, segments },
  onHover,
  onShowFunction,
}: {
  bubble: PlacedCluster<unknown>;
  onHover: (fn: string | null) => void;
  onShowFunction: ((fn: string) => void) | undefined;
}) {
  const s = { ...useMarkStyles(), ...useStyles() };
  const show = () => onShowFunction?.(c.function);
  return (
    <g
      data-testid="map-cluster"
      data-count={c.count}
      data-function={c.function}
      className={s.mark}
      transform={`translate(${x},${y})`}
      tabIndex={0}
      role="button"
      aria-label={`${clusterText(c)}${onShowFunction ? '. Show them in the table' : ''}`}
      onMouseEnter={() => onHover(c.function)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(c.function)}
      onBlur={() => onHover(null)}
      onClick={show}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          show();
        } else if (e.key === 'Escape') onHover(null);
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
}

/** The hovered or focused bubble's summary, beside it. */
export function ClusterCard({
  bubble,
  transform,
  mapSize,
  leadsToTable,
}: {
  bubble: PlacedCluster<unknown>;
  transform: ZoomTransform;
  mapSize: number;
  leadsToTable: boolean;
}) {
  const s = useStyles();
  return (
    <div
      className={s.clusterCard}
      data-testid="cluster-card"
      style={popoverAnchor(bubble, { transform, size: mapSize, gap: 16 })}
    >
      <Text size={200}>{clusterText(bubble.cluster)}</Text>
      {leadsToTable ? (
        <Text size={200} block>
          Select to list them in the table.
        </Text>
      ) : null}
    </div>
  );
}
