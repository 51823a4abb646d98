import { mergeClasses } from '@fluentui/react-components';
import { healthText } from '../../lib/health';
import type { MapPerson } from '../../lib/mapApi';
import { isStakeholder } from '../../lib/stakeholder';
import { BAND_COLOR, BAND_STROKE, bandPath, FLAG_COLOR, STAKEHOLDER_STROKE } from './bandStyle';
import { useMarkStyles } from './markStyles';
import type { PersonCardState } from './usePersonCard';

/** A person's dot radius on the map (before zoom). */
export const DOT_RADIUS = 5;

/**
 * One person on the map: their band's shape and colour, a ring when their rating disagrees with the
 * evidence, an outline when they are a stakeholder. A button: hover or focus shows their card,
 * click or Enter pins it, double-click opens them.
 */
export function PersonDot({
  person: p,
  x,
  y,
  card,
  onOpen,
}: {
  person: MapPerson;
  x: number;
  y: number;
  card: PersonCardState;
  onOpen: (address: string) => void;
}) {
  const s = useMarkStyles();
  return (
    <g
      data-testid="map-person"
      className={s.mark}
      transform={`translate(${x},${y})`}
      tabIndex={0}
      role="button"
      aria-label={`${p.displayName}, ${p.function}, ${healthText(p)}${
        isStakeholder(p) ? ', one of your stakeholders' : ''
      }`}
      aria-pressed={card.isPinned(p) ? true : undefined}
      onMouseEnter={() => card.show(p)}
      onMouseLeave={() => card.hide(p)}
      onFocus={() => card.show(p)}
      onBlur={() => card.hide(p)}
      onClick={() => card.pin(p)}
      onDoubleClick={() => onOpen(p.address)}
      onKeyDown={(e) => card.onKeyDown(e, p)}
    >
      {p.calibration.flag ? (
        <circle r={DOT_RADIUS + 3} style={{ fill: 'none', stroke: FLAG_COLOR, strokeWidth: 2 }} />
      ) : null}
      <path
        className="dot"
        d={bandPath(p.health.band, DOT_RADIUS)}
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
      <circle className={mergeClasses('focus', s.focus)} r={DOT_RADIUS + 6} />
    </g>
  );
}
