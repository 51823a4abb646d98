import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { MapPerson } from '../../lib/mapApi';
import { isStakeholder } from '../../lib/stakeholder';
import { labelledOnMap, type Placed } from './layout';
import { DOT_RADIUS } from './PersonDot';

/** How many people are named on the map; more names would cover each other. */
const LABELLED = 8;

const useStyles = makeStyles({
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
});

/**
 * The first names of a few people beside their dots, stakeholders first and in bold. Drawn after
 * every dot, so a neighbour never covers one; hidden from assistive technology, as the dots carry
 * the names.
 */
export function NameLabels({ placed, drawn }: { placed: Array<Placed<MapPerson>>; drawn: MapPerson[] }) {
  const s = useStyles();
  const labelled = labelledOnMap(drawn, LABELLED);
  return (
    <g aria-hidden="true">
      {placed
        .filter(({ person: p }) => labelled.has(p.address))
        .map(({ person: p, x, y }) => (
          <text
            key={p.address}
            x={x + DOT_RADIUS + 4}
            y={y + 3}
            data-testid="map-label"
            data-stakeholder={isStakeholder(p) || undefined}
            className={mergeClasses(s.nameLabel, isStakeholder(p) && s.stakeholderLabel)}
          >
            {p.displayName.split(' ')[0]}
          </text>
        ))}
    </g>
  );
}
